import type { ReactNode, SVGProps } from 'react';
import type { NodeKind } from '../../shared/model';

/**
 * Icons of the canvas: one per node kind plus the editor's toolbar glyphs, 16×16 strokes in
 * currentColor (same drawing rules as renderer/shell/icons.tsx) so they follow the theme.
 */
const PATHS = {
  producer: (
    <>
      <path d="M2.5 6.5 3.5 3h9l1 3.5" />
      <path d="M2.5 6.5a1.8 1.8 0 0 0 3.6 0 1.8 1.8 0 0 0 3.8 0 1.8 1.8 0 0 0 3.6 0" />
      <path d="M3.5 8.3V13h9V8.3M6.5 13v-3h3v3" />
    </>
  ),
  topic: (
    <>
      <path d="M2 4h9M2 8h12M2 12h7" />
      <circle cx="13" cy="4" r="1" />
      <circle cx="11" cy="12" r="1" />
    </>
  ),
  queue: (
    <>
      <rect x="1.5" y="5" width="3.5" height="6" rx=".8" />
      <rect x="6.25" y="5" width="3.5" height="6" rx=".8" />
      <path d="M11.5 8h3M13 6.5 14.5 8 13 9.5" />
    </>
  ),
  bus: (
    <>
      <circle cx="8" cy="8" r="2" />
      <path d="M2 8h4M10 8l3.5-4M10 8h4M10 8l3.5 4" />
    </>
  ),
  service: (
    <>
      <path d="M8 1.8 13.4 4.9v6.2L8 14.2 2.6 11.1V4.9z" />
      <circle cx="8" cy="8" r="2.2" />
    </>
  ),
  operator: <path d="M2 3h12l-4.6 5.4V13l-2.8-1.4V8.4z" />,
  sink: (
    <>
      <path d="M4.5 12.5h7a3 3 0 0 0 .4-6 4 4 0 0 0-7.7-.9A3.5 3.5 0 0 0 4.5 12.5z" />
    </>
  ),
  group: <rect x="2" y="2.5" width="12" height="11" rx="1.5" strokeDasharray="2 1.6" />,
  undo: <path d="M5.5 3 2.5 6l3 3M2.5 6h7a4 4 0 0 1 0 8H7" />,
  redo: <path d="M10.5 3l3 3-3 3M13.5 6h-7a4 4 0 0 0 0 8H9" />,
  layout: (
    <>
      <rect x="1.5" y="6" width="3.5" height="4" rx=".8" />
      <rect x="11" y="2" width="3.5" height="4" rx=".8" />
      <rect x="11" y="10" width="3.5" height="4" rx=".8" />
      <path d="M5 8h3m0 0V4h3M8 8v4h3" />
    </>
  ),
  fit: <path d="M2 5.5V2h3.5M10.5 2H14v3.5M14 10.5V14h-3.5M5.5 14H2v-3.5M5.5 5.5h5v5h-5z" />,
  grid: <path d="M2 5.5h12M2 10.5h12M5.5 2v12M10.5 2v12" />,
  alignLeft: <path d="M2.5 2v12M5 4.5h8M5 8h5M5 11.5h7" />,
  alignTop: <path d="M2 2.5h12M4.5 5v8M8 5v5M11.5 5v7" />,
  distributeH: <path d="M2 2v12M14 2v12M6 5h4v6H6z" />,
  search: (
    <>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5 14 14" />
    </>
  ),
  save: <path d="M3 2.5h8L13.5 5v8.5h-10.5zM5.5 2.5v3h4.5v-3M5.5 13.5V9.5h5v4" />,
  download: <path d="M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11" />,
  upload: <path d="M8 11V2.5M4.5 6 8 2.5 11.5 6M2.5 13.5h11" />,
  plus: <path d="M8 3v10M3 8h10" />,
  trash: <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9a1 1 0 0 0 1 1h4.6a1 1 0 0 0 1-1L12 4" />,
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  error: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.8v3.8M8 10.9v.2" />
    </>
  ),
  warning: (
    <>
      <path d="M8 1.8 14.5 13.5h-13z" />
      <path d="M8 6.2v3.3M8 11.4v.2" />
    </>
  ),
  info: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 7.2v4M8 4.9v.2" />
    </>
  ),
  check: <path d="M3 8.5 6.5 12 13 4.5" />,
  events: <path d="M2 4.5h8M2 8h12M2 11.5h6M12 3l2 1.5L12 6" />,
} satisfies Record<string, ReactNode>;

export type CanvasIconName = keyof typeof PATHS;

export function CanvasIcon({ name, size = 16, ...rest }: { name: CanvasIconName; size?: number } & Omit<SVGProps<SVGSVGElement>, 'name'>) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      {PATHS[name]}
    </svg>
  );
}

export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  return <CanvasIcon name={kind} size={size} />;
}
