/**
 * The small Markdown of lesson narration (paragraphs, **bold**, *em*, `code`) as React elements:
 * lesson files are untrusted, so nothing is ever parsed as HTML.
 */
import type { ReactNode } from 'react';

const INLINE = /(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)/g;

function inline(text: string, key: string): ReactNode[] {
  return text.split(INLINE).filter((p) => p !== '').map((p, i) => {
    const k = `${key}-${i}`;
    if (p.startsWith('**') && p.endsWith('**') && p.length > 4) return <strong key={k}>{p.slice(2, -2)}</strong>;
    if (p.startsWith('`') && p.endsWith('`') && p.length > 2) return <code key={k}>{p.slice(1, -1)}</code>;
    if (p.startsWith('*') && p.endsWith('*') && p.length > 2) return <em key={k}>{p.slice(1, -1)}</em>;
    return p;
  });
}

export function Narration({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter((p) => p !== '');
  return <div className="lesson-narration">{paragraphs.map((p, i) => <p key={i}>{inline(p, String(i))}</p>)}</div>;
}
