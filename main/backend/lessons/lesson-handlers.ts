/**
 * The lessons.* methods of shared/api: the shipped course read from resources/lessons (invalid
 * files are listed with file, path and reason instead of failing the list), one lesson with its
 * starting topology, and the learner's progress in SQLite.
 */
import path from 'node:path';
import type { MethodName } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/define';
import type { LessonProgress } from '../../../shared/api/lessons';
import type { Lesson } from '../../../shared/lessons/schema';
import type { MethodHandlers } from '../api/handlers';
import type { LessonFileLoad } from './lesson-library';
import { lessonFilesIn, loadLessonFile, shippedLessonsDir } from './lesson-library';
import { LessonProgressStore } from './progress-store';
import type { Database } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { resolveWorkerBundle } from '../worker-bundle';
import type { LessonWorkerResult } from './lesson-worker';

type LessonMethod = Extract<MethodName, `lessons.${string}`>;

export interface LessonHandlerOptions {
  /** folder of lesson files; the shipped course by default */
  dir?: string;
  /** the lesson worker bundle (tests build one); else dist/main/lesson-worker.cjs */
  workerFile?: string;
}

export const LESSON_WORKER_BUNDLE = 'lesson-worker.cjs';

/** Walks the lesson in a worker thread: the backend keeps answering meanwhile. */
function handoutInWorker(file: string, lesson: Lesson): Promise<LessonWorkerResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(file, { workerData: lesson });
    let settled = false;
    w.once('message', (m: LessonWorkerResult) => {
      settled = true;
      resolve(m);
      void w.terminate();
    });
    w.once('error', (e) => {
      settled = true;
      reject(new ApiError('internal', `lesson "${lesson.id}": the handout could not be made: ${e.message}`));
    });
    w.once('exit', (code) => {
      if (!settled) reject(new ApiError('internal', `lesson "${lesson.id}": the handout worker stopped (exit ${code})`));
    });
  });
}

function withDone(p: LessonProgress, lesson: Lesson): LessonProgress {
  return { ...p, done: lesson.steps.every((s) => p.completedSteps.includes(s.id)) };
}

export function lessonHandlers(db: Database, opts: LessonHandlerOptions = {}): Pick<MethodHandlers, LessonMethod> {
  const dir = opts.dir ?? shippedLessonsDir();
  const progress = new LessonProgressStore(db);
  // files are read on every call: a trainer editing a lesson sees the change without a restart
  const loadAll = (): LessonFileLoad[] => lessonFilesIn(dir).map((f) => loadLessonFile(f, path.basename(f)));
  const find = (id: string) => {
    const hit = loadAll().find((l) => l.ok && l.lesson.id === id);
    if (!hit || !hit.ok) throw new ApiError('not-found', `no lesson "${id}"`);
    return hit;
  };
  return {
    'lessons.list': async ({ learner }) => {
      const loads = loadAll();
      const lessons = loads.flatMap((l) => (l.ok ? [{
        id: l.lesson.id, order: l.lesson.order, title: l.lesson.title, audience: l.lesson.audience, minutes: l.lesson.minutes,
        goals: l.lesson.goals, steps: l.lesson.steps.length, claims: l.lesson.steps.reduce((n, s) => n + s.claims.length, 0),
        file: path.basename(l.file), progress: withDone(progress.get(l.lesson.id, learner), l.lesson),
      }] : []));
      lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
      return { lessons, invalid: loads.flatMap((l) => (l.ok ? [] : l.issues)) };
    },
    'lessons.get': async ({ id, learner }) => {
      const l = find(id);
      return { lesson: l.lesson, start: l.start, file: path.basename(l.file), progress: withDone(progress.get(id, learner), l.lesson) };
    },
    'lessons.progress': async ({ id, learner }) => withDone(progress.get(id, learner), find(id).lesson),
    'lessons.saveProgress': async ({ id, learner, stepId, completedSteps }) => {
      const { lesson } = find(id);
      const known = new Set(lesson.steps.map((s) => s.id));
      const unknown = [stepId, ...completedSteps].find((s) => !known.has(s));
      if (unknown !== undefined) throw new ApiError('invalid-input', `lesson "${id}" has no step "${unknown}"`);
      return withDone(progress.save(id, learner, stepId, completedSteps), lesson);
    },
    'lessons.handout': async ({ id }) => {
      const { lesson } = find(id);
      const file = opts.workerFile ?? resolveWorkerBundle(LESSON_WORKER_BUNDLE, process.env.EVENTFLOW_LESSON_WORKER);
      const r = await handoutInWorker(file, lesson);
      return { fileName: `${lesson.id}-handout.html`, html: r.html, verified: r.ok, claims: r.claims, failedClaims: r.failedClaims };
    },
  };
}
