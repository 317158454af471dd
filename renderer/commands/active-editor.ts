/**
 * The open editor's command runner, for callers outside the editor tree: the app shell forwards
 * native-menu command ids (Electron bridge.onCommand) and its command palette here.
 */
let runner: ((id: string) => boolean) | undefined;
let probe: ((id: string) => boolean | undefined) | undefined;

export function setActiveEditorRunner(next: ((id: string) => boolean) | undefined, enabled?: (id: string) => boolean | undefined): void {
  runner = next;
  probe = next ? enabled : undefined;
}

/** Runs a command in the open editor; false when no editor is open or the command is unknown/disabled. */
export function runEditorCommand(id: string): boolean {
  return runner ? runner(id) : false;
}

/** Whether the open editor would run `id` now; undefined when no editor is open or it has no such command. */
export function editorCommandEnabled(id: string): boolean | undefined {
  return probe ? probe(id) : undefined;
}
