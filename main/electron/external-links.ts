/**
 * Which links may leave the app for the user's browser (shell.openExternal). The renderer has no
 * remote content, so a link can only come from our own pages: documentation and project sites.
 * Everything else — other schemes (file:, javascript:, smb:, custom handlers), credentials in the
 * URL, other hosts, raw IPs — is refused: openExternal hands the URL to the OS, which would run
 * whatever handler a scheme names.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['www.asyncapi.com', 'asyncapi.com', 'github.com', 'reactflow.dev', 'www.electronjs.org'];

export function isAllowedExternalUrl(raw: string): boolean {
  if (raw.length > 2048) return false;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return false;
  return EXTERNAL_HOSTS.includes(u.hostname.toLowerCase());
}
