import { describe, expect, it } from 'vitest';
import { COMMANDS, isCommandId } from '../../shared/commands';
import { EDITOR_COMMANDS } from '../commands';
import { APP_COMMANDS, runAppCommand } from './app-commands';
import type { AppCommandContext } from './app-commands';
import type { Route } from './route';
import { formatRoute, parseRoute } from './route';

function ctx(route: Route = { page: 'projects' }) {
  const seen: string[] = [];
  const c: AppCommandContext = {
    route,
    navigate: (r) => seen.push(formatRoute(r)),
    openNewProject: () => seen.push('new'),
    openAbout: () => seen.push('about'),
    openPalette: () => seen.push('palette'),
    openShortcuts: () => seen.push('shortcuts'),
  };
  return { c, seen };
}

describe('app commands', () => {
  it('are all declared in shared/commands', () => {
    for (const id of Object.keys(APP_COMMANDS)) expect(isCommandId(id), id).toBe(true);
  });

  it('every registry command is performed by the shell or the editor: no menu item or shortcut is a dead end', () => {
    const performed = new Set([...Object.keys(APP_COMMANDS), ...EDITOR_COMMANDS.keys()]);
    expect(COMMANDS.map((c) => c.id).filter((id) => !performed.has(id))).toEqual([]);
  });

  it('project.open navigates to a valid id only', () => {
    const { c, seen } = ctx();
    expect(runAppCommand('project.open', { projectId: 'abc-1' }, c)).toBe(true);
    runAppCommand('project.open', { projectId: '../x' }, c);
    runAppCommand('project.open', null, c);
    expect(seen).toEqual(['#/project/abc-1']);
  });

  it('file.close works only in the editor; unknown ids are left to the editor', () => {
    expect(runAppCommand('file.close', undefined, ctx().c)).toBe(false);
    const inEditor = ctx({ page: 'editor', projectId: 'p' });
    expect(runAppCommand('file.close', undefined, inEditor.c)).toBe(true);
    expect(inEditor.seen).toEqual(['#/']);
    expect(runAppCommand('edit.undo', undefined, inEditor.c)).toBe(false);
  });

  it('routes round-trip through the hash', () => {
    expect(parseRoute(formatRoute({ page: 'editor', projectId: 'a_b-9' }))).toEqual({ page: 'editor', projectId: 'a_b-9' });
    expect(parseRoute('#/project/../../x')).toEqual({ page: 'projects' });
    expect(parseRoute('')).toEqual({ page: 'projects' });
  });
});
