/**
 * The lesson files on disk: the shipped course in resources/lessons and any trainer's own files.
 * Reading is here (Node); parsing and checking are pure (shared/lessons).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseLessonText } from '../../../shared/lessons/loader';
import type { LessonLoad } from '../../../shared/lessons/loader';
import { MAX_LESSON_BYTES } from '../../../shared/lessons/loader';

export const LESSON_FILE = /\.lesson\.(json|ya?ml)$/i;

/**
 * resources/lessons next to the bundle (dist/main/*.cjs → ../../resources) or the source
 * (main/backend/lessons → ../../../resources): whichever exists.
 */
export function shippedLessonsDir(from: string = __dirname): string {
  const candidates = [path.resolve(from, '../../resources/lessons'), path.resolve(from, '../../../resources/lessons')];
  return candidates.find((d) => existsSync(d)) ?? candidates[0]!;
}

/** Lesson files of a folder, sorted by name (01-…, 02-… give the course order). */
export function lessonFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => LESSON_FILE.test(f)).sort().map((f) => path.join(dir, f));
}

export type LessonFileLoad = LessonLoad & { file: string };

/** Read and validate one lesson file; unreadable or too big files are refusals, not exceptions. */
export function loadLessonFile(file: string, shownAs: string = file): LessonFileLoad {
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { ok: false, file, issues: [{ file: shownAs, path: '(file)', message: 'not a regular file' }] };
    if (st.size > MAX_LESSON_BYTES) return { ok: false, file, issues: [{ file: shownAs, path: '(file)', message: `file is ${(st.size / 1048576).toFixed(1)} MB; the limit is ${MAX_LESSON_BYTES / 1048576} MB` }] };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, file, issues: [{ file: shownAs, path: '(file)', message: code === 'ENOENT' ? 'no such file' : `cannot read: ${(e as Error).message}` }] };
  }
  return { ...parseLessonText(text, shownAs), file };
}
