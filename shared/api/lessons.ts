import { z } from 'zod';
import { Lesson } from '../lessons/schema';
import { Topology } from '../model/topology';

/** The lessons.* methods (issue 15): the course, one lesson, and a learner's progress. */

/** who is learning: the desktop app has one learner per OS account; a classroom web host may name several */
// eslint-disable-next-line no-control-regex -- a learner name is shown in the UI: no control characters
export const Learner = z.string().trim().min(1).max(80).regex(/^[^\u0000-\u001f]+$/, 'no control characters').default('me');

export const LessonProgress = z.object({
  lessonId: z.string(),
  learner: z.string(),
  /** the step the learner is on */
  stepId: z.string().nullable(),
  /** steps whose action was done and whose claims all held */
  completedSteps: z.array(z.string()),
  done: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type LessonProgress = z.infer<typeof LessonProgress>;

export const LessonListItem = z.object({
  id: z.string(),
  order: z.number(),
  title: z.string(),
  audience: z.string(),
  minutes: z.number(),
  goals: z.array(z.string()),
  steps: z.number().int(),
  claims: z.number().int(),
  file: z.string(),
  progress: LessonProgress,
});
export type LessonListItem = z.infer<typeof LessonListItem>;

export const LessonFileIssue = z.object({ file: z.string(), path: z.string(), message: z.string() });

export const LessonList = z.object({
  lessons: z.array(LessonListItem),
  /** files that are not valid lessons, with where and why (the list shows them, the app keeps working) */
  invalid: z.array(LessonFileIssue),
});
export type LessonList = z.infer<typeof LessonList>;

export const LessonDetail = z.object({ lesson: Lesson, start: Topology, file: z.string(), progress: LessonProgress });
export type LessonDetail = z.infer<typeof LessonDetail>;

const lessonId = z.string().min(1).max(64);

export const lessonMethods = {
  list: z.object({ learner: Learner }),
  get: z.object({ id: lessonId, learner: Learner }),
  progress: z.object({ id: lessonId, learner: Learner }),
  saveProgress: z.object({
    id: lessonId,
    learner: Learner,
    stepId: z.string().min(1).max(64),
    completedSteps: z.array(z.string().min(1).max(64)).max(60),
  }),
  handout: z.object({ id: lessonId }),
};

/** A lesson's HTML handout: its reference path run headless, every claim checked (issue 15). */
export const LessonHandout = z.object({
  /** a file name for the download: `<lesson id>-handout.html` */
  fileName: z.string(),
  /** self-contained HTML: no scripts, no external files */
  html: z.string(),
  /** every claim held on the reference run */
  verified: z.boolean(),
  claims: z.number().int(),
  failedClaims: z.number().int(),
});
export type LessonHandout = z.infer<typeof LessonHandout>;
