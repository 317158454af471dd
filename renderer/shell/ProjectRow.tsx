import { useState } from 'react';
import type { ProjectSummary } from '../../shared/api/types';
import { Icon } from './icons';
import { relativeTime } from './time';

interface ProjectRowProps {
  project: ProjectSummary;
  onOpen: () => void;
  onRename: (name: string) => Promise<void>;
  onDelete: () => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One project: click to open; rename inline (Enter saves, Escape cancels); delete asks first. */
export function ProjectRow({ project, onOpen, onRename, onDelete }: ProjectRowProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(project.name);

  const startRename = () => {
    setDraft(project.name);
    setEditing(true);
  };
  const commit = async () => {
    // Enter commits and unmounts the field, whose blur must not commit a second time
    if (!editing) return;
    const name = draft.trim();
    setEditing(false);
    if (name && name !== project.name) await onRename(name);
  };

  return (
    <div
      className={editing ? 'project-row item editing' : 'project-row item'}
      role="row"
      data-testid="project-row"
      data-project-id={project.id}
      onClick={() => !editing && onOpen()}
      onKeyDown={(e) => {
        if (e.key === 'F2' && !editing) startRename();
      }}
    >
      <div className="project-name" role="cell">
        <span className="project-icon">
          <Icon name="canvas" />
        </span>
        {editing ? (
          <input
            className="input"
            aria-label="Project name"
            value={draft}
            maxLength={200}
            autoFocus
            onFocus={(e) => e.target.select()}
            onClick={(e) => e.stopPropagation()}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => void commit()}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === 'Enter') void commit();
              if (e.key === 'Escape') setEditing(false);
            }}
          />
        ) : (
          <button
            type="button"
            className="project-name-text"
            title={project.name}
            onClick={(e) => {
              e.stopPropagation();
              onOpen();
            }}
          >
            {project.name}
          </button>
        )}
      </div>
      <div className="project-meta" role="cell">
        {plural(project.nodeCount, 'node')} · {plural(project.edgeCount, 'edge')}
      </div>
      <div className="project-meta" role="cell" title={new Date(project.updatedAt).toLocaleString()}>
        {relativeTime(project.updatedAt)}
      </div>
      <div className="project-actions" role="cell" onClick={(e) => e.stopPropagation()}>
        <button type="button" className="btn btn-ghost icon-btn" aria-label={`Open ${project.name}`} title="Open" onClick={onOpen}>
          <Icon name="open" />
        </button>
        <button type="button" className="btn btn-ghost icon-btn" aria-label={`Rename ${project.name}`} title="Rename (F2)" onClick={startRename}>
          <Icon name="pencil" />
        </button>
        <button type="button" className="btn btn-ghost icon-btn danger" aria-label={`Delete ${project.name}`} title="Delete" onClick={onDelete}>
          <Icon name="trash" />
        </button>
      </div>
    </div>
  );
}
