import { useState } from 'react';
import type { ProjectSummary } from '../../shared/api/types';
import { Icon } from './icons';
import { ProjectRow } from './ProjectRow';
import { LearnPanel } from '../lessons/LearnPanel';
import { StoragePanel } from './StoragePanel';

interface StartPageProps {
  /** undefined while loading */
  projects: ProjectSummary[] | undefined;
  onOpen: (id: string) => void;
  onRename: (id: string, name: string) => Promise<void>;
  onDelete: (project: ProjectSummary) => void;
  onNew: () => void;
}

/** The project list: what a user sees first. */
export function StartPage({ projects, onOpen, onRename, onDelete, onNew }: StartPageProps) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = projects?.filter((p) => p.name.toLowerCase().includes(needle));

  return (
    <div className="start">
      <div className="start-inner">
        <div className="start-head">
          <div>
            <h1 className="start-title">Projects</h1>
            <p className="start-sub">{projects === undefined ? 'Loading…' : projects.length === 0 ? 'Design event flows, simulate them, keep every run.' : `${projects.length} project${projects.length === 1 ? '' : 's'}, most recently changed first`}</p>
          </div>
          {projects !== undefined && projects.length > 0 && (
            <div className="start-actions">
              <label className="search">
                <Icon name="search" />
                <input className="input" type="search" placeholder="Filter projects" aria-label="Filter projects" value={filter} onChange={(e) => setFilter(e.target.value)} />
              </label>
              <button type="button" className="btn btn-primary" onClick={onNew}>
                <Icon name="plus" /> New project
              </button>
            </div>
          )}
        </div>

        {projects === undefined ? (
          <div className="project-table" aria-busy="true">
            <div className="project-row head" />
            <div className="skeleton" />
            <div className="skeleton" />
            <div className="skeleton" />
          </div>
        ) : projects.length === 0 ? (
          <div className="empty">
            <span className="empty-icon">
              <Icon name="canvas" size={24} />
            </span>
            <h2>No projects yet</h2>
            <p>Start from an empty canvas or from the event-driven checkout: a storefront, an orders topic and the services that react to it.</p>
            <button type="button" className="btn btn-primary" onClick={onNew}>
              <Icon name="plus" /> New project
            </button>
          </div>
        ) : (
          <div className="project-table" role="table" aria-label="Projects">
            <div className="project-row head" role="row">
              <span role="columnheader">Name</span>
              <span role="columnheader">Size</span>
              <span role="columnheader">Updated</span>
              <span role="columnheader" aria-label="Actions" />
            </div>
            {shown?.map((p) => (
              <ProjectRow key={p.id} project={p} onOpen={() => onOpen(p.id)} onRename={(name) => onRename(p.id, name)} onDelete={() => onDelete(p)} />
            ))}
            {shown?.length === 0 && <div className="no-match">No project matches “{filter}”.</div>}
          </div>
        )}
        <LearnPanel onOpenProject={onOpen} />
        <StoragePanel />
      </div>
    </div>
  );
}
