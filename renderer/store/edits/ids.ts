/** Node/edge ids: readable slugs, unique within a topology (NodeId allows [A-Za-z0-9_.:-]). */
export function slug(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return s === '' ? 'node' : s;
}

export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const b = slug(base);
  if (!taken.has(b)) return b;
  for (let i = 2; ; i++) {
    const candidate = `${b}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** "Service", "Service 2", ...: the first name not used yet. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} ${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
