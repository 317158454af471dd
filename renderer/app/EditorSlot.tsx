import { ProjectEditor } from '../editor/ProjectEditor';

/** Where the editor goes: the canvas designer (renderer/editor), filling the area between top bar and status bar. */
export function EditorSlot({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  return <ProjectEditor projectId={projectId} onClose={onClose} />;
}
