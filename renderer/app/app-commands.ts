import type { CommandId } from '../../shared/commands';
import { themeStore } from '../workspace/theme-store';
import type { Route } from './route';

/** What app-level commands may do: move between pages and open the shell's dialogs. */
export interface AppCommandContext {
  route: Route;
  navigate: (route: Route) => void;
  openNewProject: () => void;
  openAbout: () => void;
  openPalette: () => void;
  openShortcuts: () => void;
}

interface AppCommand {
  enabled(ctx: AppCommandContext): boolean;
  perform(ctx: AppCommandContext, args: unknown): void;
}

const projectIdOf = (args: unknown): string | undefined => {
  const id = typeof args === 'object' && args !== null ? (args as { projectId?: unknown }).projectId : undefined;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
};

/**
 * Commands the app shell performs itself (the editor's live in renderer/commands/). Ids,
 * labels and shortcuts are declared once in shared/commands; here only enabled-when + perform.
 */
export const APP_COMMANDS: Partial<Record<CommandId, AppCommand>> = {
  'file.new': { enabled: () => true, perform: (ctx) => ctx.openNewProject() },
  // The project list is the "open" dialog of a database-backed app.
  'file.open': { enabled: () => true, perform: (ctx) => ctx.navigate({ page: 'projects' }) },
  'file.close': { enabled: (ctx) => ctx.route.page === 'editor', perform: (ctx) => ctx.navigate({ page: 'projects' }) },
  'project.open': {
    enabled: () => true,
    perform: (ctx, args) => {
      const projectId = projectIdOf(args);
      if (projectId) ctx.navigate({ page: 'editor', projectId });
    },
  },
  'help.about': { enabled: () => true, perform: (ctx) => ctx.openAbout() },
  'help.shortcuts': { enabled: () => true, perform: (ctx) => ctx.openShortcuts() },
  'view.commandPalette': { enabled: () => true, perform: (ctx) => ctx.openPalette() },
  'view.themeSystem': { enabled: () => true, perform: () => themeStore.getState().choose('system') },
  'view.themeLight': { enabled: () => true, perform: () => themeStore.getState().choose('light') },
  'view.themeDark': { enabled: () => true, perform: () => themeStore.getState().choose('dark') },
};

/** Runs an app command; false when the id is not an app command or it is disabled now. */
export function runAppCommand(id: string, args: unknown, ctx: AppCommandContext): boolean {
  const c = APP_COMMANDS[id as CommandId];
  if (!c || !c.enabled(ctx)) return false;
  c.perform(ctx, args);
  return true;
}
