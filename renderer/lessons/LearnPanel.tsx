/**
 * "Learn" on the start page: the course with the learner's progress, and the lesson files that
 * are not valid (file, path, reason) so a trainer sees why a lesson is missing. Starting a lesson
 * creates a project from its starting topology and opens it with the lesson player beside the canvas.
 */
import { useEffect, useState } from 'react';
import type { LessonList } from '../../shared/api/lessons';
import { useApi } from '../api/react';
import { lessonSessionStore } from './lesson-session';
import './lessons.css';

export function LearnPanel({ onOpenProject }: { onOpenProject: (projectId: string) => void }) {
  const api = useApi();
  const [list, setList] = useState<LessonList>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.call('lessons.list', {}).then(setList, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api]);

  const start = async (id: string) => {
    try {
      const detail = await api.call('lessons.get', { id });
      const project = await api.call('projects.create', { name: `Lesson: ${detail.lesson.title}`, topology: detail.start });
      lessonSessionStore.getState().begin(project.id, detail, detail.start);
      onOpenProject(project.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="learn" aria-labelledby="learn-title" data-testid="learn-panel">
      <h2 id="learn-title" className="learn-title">Learn</h2>
      <p className="learn-sub">Guided lessons on event-driven commerce. Every claim a lesson makes is checked against the simulator, on your own edits too.</p>
      {error && <p className="learn-error" role="alert">{error}</p>}
      {list === undefined && !error && <p className="learn-sub">Loading the course…</p>}
      {list && (
        <ol className="learn-list">
          {list.lessons.map((l) => {
            const done = l.progress.completedSteps.length;
            return (
              <li key={l.id} className="learn-item">
                <button type="button" className="learn-open" onClick={() => void start(l.id)} data-testid={`lesson-${l.id}`}>
                  <span className="learn-name">{l.order}. {l.title}</span>
                  <span className="learn-meta">{l.minutes} min · {l.steps} steps · {l.claims} claims{done > 0 ? ` · ${l.progress.done ? 'done' : `${done}/${l.steps} steps done`}` : ''}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {list && list.invalid.length > 0 && (
        <div className="learn-invalid" role="status">
          <strong>Lesson files that could not be loaded:</strong>
          <ul>{list.invalid.map((i, n) => <li key={n}><code>{i.file}</code> {i.path}: {i.message}</li>)}</ul>
        </div>
      )}
    </section>
  );
}
