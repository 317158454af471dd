import type { ReactNode, SVGProps } from 'react';

/**
 * The app's small icon set: 16×16 strokes drawn with currentColor, so they follow the theme
 * and the text colour they sit next to. Add one = one entry in PATHS.
 */
const PATHS = {
  logo: (
    <>
      <circle cx="3.5" cy="8" r="2" />
      <circle cx="12.5" cy="3.5" r="2" />
      <circle cx="12.5" cy="12.5" r="2" />
      <path d="M5.5 8h2.5M8 8l2.7-3.3M8 8l2.7 3.3" />
    </>
  ),
  plus: <path d="M8 3v10M3 8h10" />,
  folder: <path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h2.7l1.5 1.5h4.8A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z" />,
  open: <path d="M6 3H3.5A1.5 1.5 0 0 0 2 4.5v8A1.5 1.5 0 0 0 3.5 14h8a1.5 1.5 0 0 0 1.5-1.5V10M9 2h5v5M14 2 7.5 8.5" />,
  pencil: <path d="M10.5 2.5l3 3L6 13H3v-3zM9 4l3 3" />,
  trash: <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9a1 1 0 0 0 1 1h4.6a1 1 0 0 0 1-1L12 4M6.8 6.5v5M9.2 6.5v5" />,
  search: (
    <>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5 14 14" />
    </>
  ),
  chevronLeft: <path d="M10 3 5 8l5 5" />,
  chevronRight: <path d="M6 3l5 5-5 5" />,
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  check: <path d="M3 8.5 6.5 12 13 4.5" />,
  database: (
    <>
      <ellipse cx="8" cy="3.8" rx="5" ry="1.8" />
      <path d="M3 3.8v8.4c0 1 2.2 1.8 5 1.8s5-.8 5-1.8V3.8M3 8c0 1 2.2 1.8 5 1.8S13 9 13 8" />
    </>
  ),
  plug: <path d="M5.5 2v3M10.5 2v3M3.5 5h9v2.5a4.5 4.5 0 0 1-9 0zM8 12v2.5" />,
  canvas: (
    <>
      <rect x="2" y="2.5" width="4.5" height="3.5" rx="1" />
      <rect x="9.5" y="10" width="4.5" height="3.5" rx="1" />
      <path d="M6.5 4.2h2.3a1.5 1.5 0 0 1 1.5 1.5V10" />
    </>
  ),
  monolith: (
    <>
      <rect x="4" y="2" width="8" height="12" rx="1.5" />
      <path d="M6.5 5h3M6.5 8h3M6.5 11h3" />
    </>
  ),
  template: (
    <>
      <rect x="2" y="2" width="12" height="12" rx="1.5" />
      <path d="M2 6h12M6 6v8" />
    </>
  ),
  /** a spike: the flash-sale template (a burst of traffic) */
  burst: <path d="M9 1.5 3.5 9H8l-1 5.5L12.5 7H8z" />,
  clock: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.3 1.5" />
    </>
  ),
  alert: (
    <>
      <path d="M8 1.8 14.5 13.5h-13z" />
      <path d="M8 6.2v3.3M8 11.4v.2" />
    </>
  ),
  info: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 7.2V11M8 4.9v.2" />
    </>
  ),
  moon: <path d="M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z" />,
  sun: (
    <>
      <circle cx="8" cy="8" r="2.8" />
      <path d="M8 1.5v1.6M8 12.9v1.6M1.5 8h1.6M12.9 8h1.6M3.4 3.4l1.1 1.1M11.5 11.5l1.1 1.1M3.4 12.6l1.1-1.1M11.5 4.5l1.1-1.1" />
    </>
  ),
  menu: <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />,
  more: (
    <>
      <circle cx="3.5" cy="8" r=".6" />
      <circle cx="8" cy="8" r=".6" />
      <circle cx="12.5" cy="8" r=".6" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, ...rest }: { name: IconName; size?: number } & Omit<SVGProps<SVGSVGElement>, 'name'>) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      {PATHS[name]}
    </svg>
  );
}
