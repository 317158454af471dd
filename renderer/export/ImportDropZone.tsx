import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useEditor } from '../editor/editor-context';
import { importFile } from './import-file';
import './export.css';

/**
 * Drop an AsyncAPI document or an .eventflow.json anywhere on the window to import it into the
 * open editor. Mount once inside the editor (it needs useEditor and the React Flow provider).
 */
export function ImportDropZone() {
  const editor = useEditor();
  const flow = useReactFlow();
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      void importFile(editor, file, () => requestAnimationFrame(() => { void flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1.1 }); }));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overFn);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('drop', drop);
    };
  }, [editor, flow]);
  if (!over) return null;
  return (
    <div className="ef-dropzone" data-testid="import-dropzone" aria-hidden="true">
      <div className="ef-dropzone__card">Drop an AsyncAPI document (YAML/JSON) or an .eventflow.json to import it</div>
    </div>
  );
}

/** File picker variant (File > Import…): opens the browser's file chooser. */
export function pickImportFile(onFile: (file: File) => void, onCancel?: () => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.yaml,.yml,.json,application/json,application/yaml';
  input.onchange = () => {
    const file = input.files?.[0];
    if (file) onFile(file);
    else onCancel?.();
  };
  input.addEventListener('cancel', () => onCancel?.());
  input.click();
}
