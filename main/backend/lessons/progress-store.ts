/** A learner's progress per lesson, in the app's SQLite database (table lesson_progress). */
import type { Database } from 'better-sqlite3';
import type { LessonProgress } from '../../../shared/api/lessons';

interface Row { step_id: string | null; completed: string; updated_at: string }

export class LessonProgressStore {
  constructor(private readonly db: Database) {}

  get(lessonId: string, learner: string): LessonProgress {
    const row = this.db.prepare('SELECT step_id, completed, updated_at FROM lesson_progress WHERE learner = ? AND lesson_id = ?').get(learner, lessonId) as Row | undefined;
    if (!row) return { lessonId, learner, stepId: null, completedSteps: [], done: false, updatedAt: null };
    return { lessonId, learner, stepId: row.step_id, completedSteps: parseSteps(row.completed), done: false, updatedAt: row.updated_at };
  }

  save(lessonId: string, learner: string, stepId: string, completedSteps: readonly string[]): LessonProgress {
    const now = new Date().toISOString();
    const completed = JSON.stringify([...new Set(completedSteps)]);
    this.db.prepare(`INSERT INTO lesson_progress (learner, lesson_id, step_id, completed, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (learner, lesson_id) DO UPDATE SET step_id = excluded.step_id, completed = excluded.completed, updated_at = excluded.updated_at`)
      .run(learner, lessonId, stepId, completed, now);
    return this.get(lessonId, learner);
  }
}

/** A row written by an older or foreign build may hold anything: keep only strings. */
function parseSteps(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
