import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../shared/api/types';
import { useApi, useConnectionState } from '../api/react';

/**
 * The project list, kept fresh: reloaded when any client changes a project (projects.changed)
 * and after a reconnect, since events may have been missed while the link was down.
 */
export function useProjects(onError: (e: unknown) => void): { projects: ProjectSummary[] | undefined } {
  const api = useApi();
  const state = useConnectionState();
  const [projects, setProjects] = useState<ProjectSummary[]>();

  useEffect(() => {
    if (state !== 'open') return;
    let live = true;
    let seq = 0;
    const load = () => {
      // only the newest answer counts when changes arrive in a burst
      const mine = ++seq;
      api.call('projects.list', {}).then((list) => live && mine === seq && setProjects(list), onError);
    };
    load();
    const stop = api.subscribe('projects.changed', {}, load);
    return () => {
      live = false;
      stop();
    };
  }, [api, state, onError]);

  return { projects };
}
