import type { ReactNode } from 'react';
import { Icon } from './icons';

interface TopBarProps {
  /** the open project's name, when the editor is shown */
  projectName?: string;
  onHome: () => void;
  actions?: ReactNode;
}

export function TopBar({ projectName, onHome, actions }: TopBarProps) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="logo" />
        </span>
        <span>EventFlow Studio</span>
      </div>
      <nav className="crumbs" aria-label="Location">
        <span className="sep">/</span>
        {projectName === undefined ? (
          <span className="crumb-current">Projects</span>
        ) : (
          <>
            <button type="button" className="crumb" onClick={onHome}>
              Projects
            </button>
            <Icon name="chevronRight" size={12} className="sep" />
            <span className="crumb-current" data-testid="open-project-name">
              {projectName}
            </span>
          </>
        )}
      </nav>
      <div className="topbar-spacer" />
      {actions}
    </header>
  );
}
