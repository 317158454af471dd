import { ApiError } from '../../shared/api/define';

/** A sentence for the user: the backend's message, plus where the input was wrong. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const where = e.issues?.length ? `\n${e.issues.slice(0, 5).map((i) => `• ${i.path}: ${i.message}`).join('\n')}` : '';
    return e.code === 'disconnected' ? `Lost the connection to the backend: ${e.message}. Retrying…` : `${e.message}${where}`;
  }
  return e instanceof Error ? e.message : String(e);
}
