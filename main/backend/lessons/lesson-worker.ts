/**
 * Entry of dist/main/lesson-worker.cjs: walks one lesson's "show me" path headless (a simulation
 * per run it names) and writes its HTML handout, off the backend's thread: a trainer's lesson can
 * run for seconds, and the desktop app's backend shares the main process with the window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { walkLesson } from '../../../shared/lessons/check';
import { lessonHandoutHtml } from '../../../shared/lessons/handout';
import { Lesson } from '../../../shared/lessons/schema';

export interface LessonWorkerResult { html: string; ok: boolean; failedClaims: number; claims: number }

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('lesson-worker must run in a worker thread');
  const lesson = Lesson.parse(workerData);
  const walk = walkLesson(lesson);
  const claims = walk.check.steps.reduce((n, s) => n + s.claims.length, 0);
  const failedClaims = walk.check.steps.reduce((n, s) => n + s.claims.filter((c) => c.status !== 'pass').length, 0);
  const result: LessonWorkerResult = { html: lessonHandoutHtml(lesson, walk), ok: walk.check.ok, failedClaims, claims };
  port.postMessage(result);
}

main();
