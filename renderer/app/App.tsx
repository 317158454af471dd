import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/api/types';
import { TEMPLATES } from '../../shared/model/templates';
import { useApi, useConnectionState } from '../api/react';
import { editorCommandEnabled, runEditorCommand } from '../commands/active-editor';
import { CommandPalette } from '../palette/CommandPalette';
import type { PaletteItem } from '../palette/palette-items';
import { ShortcutsDialog } from '../palette/ShortcutsDialog';
import { AboutDialog } from '../shell/AboutDialog';
import { AppMenu } from '../shell/AppMenu';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { Icon } from '../shell/icons';
import { ErrorBanner } from '../shell/ErrorBanner';
import { HostRestarted } from '../shell/HostRestarted';
import { NewProjectDialog } from '../shell/NewProjectDialog';
import type { NewProjectChoice } from '../shell/NewProjectDialog';
import { StartPage } from '../shell/StartPage';
import { StatusBar } from '../shell/StatusBar';
import { ThemeChooser } from '../shell/ThemeChooser';
import { TopBar } from '../shell/TopBar';
import { APP_COMMANDS, runAppCommand } from './app-commands';
import { PLATFORM, paletteItems, useAppKeyboard } from './app-keyboard';
import type { AppCommandContext } from './app-commands';
import { EditorSlot } from './EditorSlot';
import { errorMessage } from './errors';
import { useRoute } from './route';
import { useProjects } from './useProjects';

type OpenDialog = { kind: 'new' } | { kind: 'about' } | { kind: 'palette'; items: PaletteItem[] } | { kind: 'shortcuts' } | { kind: 'delete'; project: ProjectSummary } | undefined;

/** The app frame: top bar, the current page (project list or editor), status bar. */
export function App() {
  const api = useApi();
  const state = useConnectionState();
  const [route, navigate] = useRoute();
  const [info, setInfo] = useState<MethodOutput<'app.info'>>();
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<OpenDialog>();
  const report = useCallback((e: unknown) => setError(errorMessage(e)), []);
  const { projects } = useProjects(report);

  useEffect(() => {
    if (state === 'open') api.call('app.info', {}).then(setInfo, report);
  }, [api, state, report]);

  const openProject = route.page === 'editor' ? projects?.find((p) => p.id === route.projectId) : undefined;
  useEffect(() => {
    document.title = openProject ? `${openProject.name} — EventFlow Studio` : 'EventFlow Studio';
  }, [openProject]);

  const goHome = useCallback(() => navigate({ page: 'projects' }), [navigate]);

  // Native menu items (Electron) arrive as command ids: app commands first, then the open editor's.
  const commandCtx = useRef<AppCommandContext>(undefined);
  useEffect(() => {
    commandCtx.current = {
      route, navigate,
      openNewProject: () => setDialog({ kind: 'new' }),
      openAbout: () => setDialog({ kind: 'about' }),
      // availability is taken when the palette opens (event time), not during render
      openPalette: () => setDialog({ kind: 'palette', items: commandCtx.current ? paletteItems(commandCtx.current) : [] }),
      openShortcuts: () => setDialog({ kind: 'shortcuts' }),
    };
  });
  const runAnyCommand = useCallback((id: string) => {
    const ctx = commandCtx.current;
    if (ctx && !runAppCommand(id, undefined, ctx)) runEditorCommand(id);
  }, []);
  const commandEnabled = useCallback((id: string): boolean => {
    const ctx = commandCtx.current;
    if (!ctx) return false;
    const app = APP_COMMANDS[id as keyof typeof APP_COMMANDS];
    return app ? app.enabled(ctx) : (editorCommandEnabled(id) ?? false);
  }, []);
  useAppKeyboard(commandCtx);
  useEffect(
    () =>
      window.eventflow?.onCommand((id, args) => {
        const ctx = commandCtx.current;
        if (ctx && !runAppCommand(id, args, ctx)) runEditorCommand(id);
      }),
    [],
  );

  const create = async ({ name, templateId }: NewProjectChoice) => {
    const template = TEMPLATES.find((t) => t.id === templateId) ?? TEMPLATES[0];
    try {
      const p = await api.call('projects.create', { name, topology: template.build() });
      setDialog(undefined);
      navigate({ page: 'editor', projectId: p.id });
    } catch (e) {
      report(e);
    }
  };
  const rename = async (id: string, name: string) => {
    try {
      await api.call('projects.rename', { id, name });
    } catch (e) {
      report(e);
    }
  };
  const remove = async (project: ProjectSummary) => {
    try {
      await api.call('projects.delete', { id: project.id });
      if (route.page === 'editor' && route.projectId === project.id) goHome();
    } catch (e) {
      report(e);
    }
  };

  return (
    <div className="app">
      <TopBar
        projectName={route.page === 'editor' ? (openProject?.name ?? '…') : undefined}
        onHome={goHome}
        actions={
          <>
            {/* web mode has no native menu bar: this is its File menu, palette and theme */}
            {api.transport === 'websocket' && <AppMenu platform={PLATFORM} enabled={commandEnabled} onRun={runAnyCommand} />}
            {route.page === 'editor' && (
              <button type="button" className="btn btn-ghost" onClick={() => setDialog({ kind: 'new' })}>
                <Icon name="plus" /> New project
              </button>
            )}
            <ThemeChooser />
            <button type="button" className="btn btn-ghost icon-btn" aria-label="About EventFlow Studio" title="About" onClick={() => setDialog({ kind: 'about' })}>
              <Icon name="info" />
            </button>
          </>
        }
      />
      <main className="main">
        {route.page === 'editor' ? (
          <EditorSlot key={route.projectId} projectId={route.projectId} onClose={goHome} />
        ) : (
          <StartPage projects={projects} onOpen={(id) => navigate({ page: 'editor', projectId: id })} onRename={rename} onDelete={(p) => setDialog({ kind: 'delete', project: p })} onNew={() => setDialog({ kind: 'new' })} />
        )}
        {error && <ErrorBanner message={error} onDismiss={() => setError(undefined)} />}
        {state === 'restarted' && <HostRestarted />}
      </main>
      <StatusBar info={info} state={state} transport={api.transport} />

      {dialog?.kind === 'about' && <AboutDialog info={info} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'palette' && <CommandPalette items={dialog.items} onRun={runAnyCommand} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'shortcuts' && <ShortcutsDialog platform={PLATFORM} web={api.transport === 'websocket'} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'new' && <NewProjectDialog onCreate={create} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog title="Delete project?" confirmLabel="Delete project" danger onConfirm={() => remove(dialog.project)} onClose={() => setDialog(undefined)}>
          <p>
            “<strong>{dialog.project.name}</strong>” and all its saved versions and runs will be removed from this computer. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
