/** lessons.* through the backend dispatcher: the shipped course, an invalid file listed, progress kept per learner across a reopen. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LessonDetail, LessonHandout, LessonList, LessonProgress } from '../../../shared/api/lessons';
import { ApiError } from '../../../shared/api/define';
import { openBackend } from '../index';
import type { OpenedBackend } from '../index';
import { shippedLessonsDir } from './lesson-library';
import { LESSON_WORKER_BUNDLE } from './lesson-handlers';
import { buildWorkerForTests } from '../worker-bundle';

let dir: string;
let lessons: string;
let backend: OpenedBackend;
let workerFile: string;
const open = () => openBackend({ dataDir: dir, transport: 'websocket', lessons: { dir: lessons, workerFile } });

beforeAll(async () => {
  workerFile = await buildWorkerForTests(path.join(__dirname, 'lesson-worker.ts'), LESSON_WORKER_BUNDLE);
});

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-lessons-'));
  lessons = mkdtempSync(path.join(os.tmpdir(), 'ef-lesson-files-'));
  for (const f of ['01-anatomy.lesson.yaml', '03-react-independently.lesson.yaml']) copyFileSync(path.join(shippedLessonsDir(__dirname), f), path.join(lessons, f));
  const anatomy = readFileSync(path.join(lessons, '01-anatomy.lesson.yaml'), 'utf8');
  writeFileSync(path.join(lessons, '99-broken.lesson.yaml'), anatomy.replace('id: anatomy', 'id: broken').replace('action: { kind: add-node, nodeKind: topic }', 'action: { kind: fly-away }'));
  backend = open();
});
afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(lessons, { recursive: true, force: true });
});

describe('lessons api', () => {
  it('lists valid lessons in course order and names the invalid file, path and reason', async () => {
    const list = (await backend.dispatch('lessons.list', {})) as LessonList;
    expect(list.lessons.map((l) => l.id)).toEqual(['anatomy', 'react-independently']);
    expect(list.lessons[0]!.progress).toMatchObject({ stepId: null, completedSteps: [], done: false });
    expect(list.invalid).toEqual([{ file: '99-broken.lesson.yaml', path: 'steps[2].action.kind', message: expect.stringMatching(/^unknown action kind "fly-away"/) }]);
  });

  it('gets a lesson with its starting topology', async () => {
    const d = (await backend.dispatch('lessons.get', { id: 'react-independently' })) as LessonDetail;
    expect(d.lesson.steps.map((s) => s.id)).toEqual(['fan-out', 'slow-notification', 'run-slow']);
    expect(d.start.nodes.some((n) => n.id === 'payment')).toBe(true);
    const e = await backend.dispatch('lessons.get', { id: 'broken' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('not-found');
  });

  it('keeps progress per learner in SQLite, across a reopen; refuses unknown steps', async () => {
    await backend.dispatch('lessons.saveProgress', { id: 'react-independently', learner: 'ada', stepId: 'run-slow', completedSteps: ['fan-out', 'slow-notification'] });
    const bad = await backend.dispatch('lessons.saveProgress', { id: 'react-independently', learner: 'ada', stepId: 'nope', completedSteps: [] }).catch((x: unknown) => x);
    expect((bad as ApiError).code).toBe('invalid-input');
    backend.close();
    backend = open();
    const ada = (await backend.dispatch('lessons.progress', { id: 'react-independently', learner: 'ada' })) as LessonProgress;
    expect(ada).toMatchObject({ stepId: 'run-slow', completedSteps: ['fan-out', 'slow-notification'], done: false });
    const me = (await backend.dispatch('lessons.progress', { id: 'react-independently' })) as LessonProgress;
    expect(me).toMatchObject({ learner: 'me', stepId: null, completedSteps: [] });
    const all = (await backend.dispatch('lessons.saveProgress', { id: 'react-independently', learner: 'ada', stepId: 'run-slow', completedSteps: ['fan-out', 'slow-notification', 'run-slow'] })) as LessonProgress;
    expect(all.done).toBe(true);
  });

  it('makes a lesson\'s HTML handout in a worker, its claims verified, while the backend keeps answering', async () => {
    let handoutDone = false;
    const pending = (backend.dispatch('lessons.handout', { id: 'react-independently' }) as Promise<LessonHandout>).finally(() => { handoutDone = true; });
    // answered while the worker simulates the lesson's runs
    const list = (await backend.dispatch('lessons.list', {})) as LessonList;
    expect(list.lessons).toHaveLength(2);
    expect(handoutDone).toBe(false);
    const h = await pending;
    expect(h).toMatchObject({ fileName: 'react-independently-handout.html', verified: true, failedClaims: 0, claims: 6 });
    expect(h.html).toMatch(/^<!doctype html>/i);
    expect(h.html).toContain('Slow down Notification');
    expect(h.html).not.toMatch(/<script/i);
    const missing = await backend.dispatch('lessons.handout', { id: 'broken' }).catch((x: unknown) => x);
    expect((missing as ApiError).code).toBe('not-found');
  });
});
