import { useCallback, useSyncExternalStore } from 'react';

/** Where the user is. Kept in the URL hash so a reload stays put (the ?token query is untouched). */
export type Route = { page: 'projects' } | { page: 'editor'; projectId: string };

export function parseRoute(hash: string): Route {
  const m = /^#\/project\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  return m ? { page: 'editor', projectId: m[1] } : { page: 'projects' };
}

export function formatRoute(route: Route): string {
  return route.page === 'editor' ? `#/project/${route.projectId}` : '#/';
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const getHash = () => window.location.hash;

export function useRoute(): [Route, (next: Route) => void] {
  const hash = useSyncExternalStore(subscribe, getHash);
  const navigate = useCallback((next: Route) => {
    const target = formatRoute(next);
    if (window.location.hash !== target) window.location.hash = target;
  }, []);
  return [parseRoute(hash), navigate];
}
