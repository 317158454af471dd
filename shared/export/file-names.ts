/**
 * Suggested file names from user-controlled strings (topology and node names, ids from imported
 * documents): no directory parts, no `..`, no control or reserved characters, no Windows device
 * names, bounded length. The result is always a plain name inside the chosen folder.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function safeFileStem(name: string, fallback = 'topology'): string {
  const stem = name
    .normalize('NFKC')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[/\\:*?"<>|]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/g, '');
  if (stem === '' || RESERVED.test(stem)) return fallback;
  return stem;
}

/** `safeFileStem(name) + extension`, e.g. ("Checkout (event-driven)", ".mmd") -> "Checkout-(event-driven).mmd" */
export function safeFileName(name: string, extension: string, fallback = 'topology'): string {
  const ext = extension.startsWith('.') ? extension : `.${extension}`;
  return safeFileStem(name, fallback) + ext.replace(/[^A-Za-z0-9.]/g, '');
}
