/** Node's fs error codes in words, for CLI messages. */
/** ENOENT -> words a user recognises; the code stays in brackets for searching */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is a file, not a folder', EEXIST: 'a file is in the way', ELOOP: 'too many symbolic links (a loop?)',
    EROFS: 'read-only file system', ENOSPC: 'the disk is full', ENAMETOOLONG: 'the name is too long', EMFILE: 'too many open files',
  };
  if (code === undefined) return (e as Error).message;
  return `${words[code] ?? 'cannot access it'} (${code})`;
}
