import { useMemo, useState } from 'react';
import { EXPORT_FORMATS, docVersionProblem } from '../../shared/export/formats';
import type { ExportFormatId, ExportOptions, ExportResult } from '../../shared/export/formats';
import { safeFileName } from '../../shared/export/file-names';
import { topologySvg } from '../../shared/export/svg';
import type { Topology } from '../../shared/model/topology';
import { Dialog } from '../shell/Dialog';
import { currentTheme } from '../workspace/theme-store';
import { downloadBlob, svgToPng } from './rasterize';
import './export.css';

type PickId = ExportFormatId | 'png';

export interface ExportDialogProps {
  topology: Topology;
  /** selected node ids: offers "selection only" for pictures and Mermaid */
  selection?: readonly string[];
  onClose: () => void;
  initialFormat?: PickId;
}

const PICTURES: readonly PickId[] = ['svg', 'png', 'mermaid'];

/** File > Export: format picker, live preview, copy to clipboard and download. */
export function ExportDialog({ topology, selection = [], onClose, initialFormat = 'asyncapi' }: ExportDialogProps) {
  const [formatId, setFormatId] = useState<PickId>(initialFormat);
  // pictures follow the app's theme unless the user picks the other one here
  const [theme, setTheme] = useState<'light' | 'dark'>(currentTheme);
  const [scale, setScale] = useState<1 | 2>(2);
  const [scope, setScope] = useState<'whole' | 'selection'>('whole');
  const [perService, setPerService] = useState(false);
  const [docVersion, setDocVersion] = useState('');
  const [fileIndex, setFileIndex] = useState(0);
  const [status, setStatus] = useState<string>('');

  const useSelection = scope === 'selection' && selection.length > 0 && PICTURES.includes(formatId);
  const isAsyncApi = formatId === 'asyncapi' || formatId === 'asyncapi-json';
  // an empty field keeps the document's version (the imported one, else 1.0.0)
  const versionProblem = docVersion === '' ? undefined : docVersionProblem(docVersion);
  const importedInfo = topology.imported?.document.info;
  const keptVersion = typeof importedInfo === 'object' && importedInfo !== null && !Array.isArray(importedInfo) ? (importedInfo as Record<string, unknown>).version : undefined;
  const options: ExportOptions = useMemo(
    () => ({ perService, theme, ...(useSelection ? { selection } : {}), ...(isAsyncApi && docVersion !== '' && versionProblem === undefined ? { docVersion } : {}) }),
    [perService, theme, useSelection, selection, isAsyncApi, docVersion, versionProblem],
  );

  const result = useMemo((): { ok: true; value: ExportResult } | { ok: false; message: string } => {
    try {
      if (formatId === 'png') {
        const svg = topologySvg(topology, { theme, ...(options.selection ? { selection: options.selection } : {}) });
        return { ok: true, value: { files: [{ name: safeFileName(topology.name, '.png'), mime: 'image/png', text: svg }], warnings: [] } };
      }
      const f = EXPORT_FORMATS.find((x) => x.id === formatId)!;
      return { ok: true, value: f.produce(topology, options) };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }, [formatId, topology, options, theme]);

  const files = result.ok ? result.value.files : [];
  const file = files[Math.min(fileIndex, Math.max(0, files.length - 1))];
  const isPicture = formatId === 'svg' || formatId === 'png';
  const previewUrl = useMemo(() => (isPicture && file ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(file.text)}` : ''), [isPicture, file]);

  const copy = async () => {
    if (!file) return;
    try {
      if (formatId === 'png') {
        const blob = await svgToPng(file.text, scale);
        await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
      } else {
        await navigator.clipboard.writeText(file.text);
      }
      setStatus('Copied to the clipboard');
    } catch (e) {
      setStatus(`Cannot copy: ${(e as Error).message}. Use Download instead.`);
    }
  };

  const download = async () => {
    try {
      if (formatId === 'png') {
        if (!file) return;
        const name = scale === 2 ? file.name.replace(/\.png$/, '@2x.png') : file.name;
        downloadBlob(await svgToPng(file.text, scale), name);
        setStatus(`Downloaded ${name}`);
        return;
      }
      for (const f of files) downloadBlob(new Blob([f.text], { type: f.mime }), f.name);
      setStatus(files.length === 1 ? `Downloaded ${files[0]!.name}` : `Downloaded ${files.length} files`);
    } catch (e) {
      setStatus(`Cannot export: ${(e as Error).message}`);
    }
  };

  const footer = (
    <>
      <span className="ef-export__status" role="status" data-testid="export-status">{status}</span>
      <button type="button" className="btn" onClick={() => void copy()} disabled={!file} data-testid="export-copy">Copy</button>
      <button type="button" className="btn btn-primary" onClick={() => void download()} disabled={!file} data-testid="export-download">Download</button>
    </>
  );

  return (
    <Dialog title="Export" onClose={onClose} footer={footer} className="dialog-export">
      <div className="ef-export" data-testid="export-dialog">
        <div className="ef-export__controls">
          <label className="ef-export__field">
            <span>Format</span>
            <select value={formatId} onChange={(e) => { setFormatId(e.target.value as PickId); setFileIndex(0); setStatus(''); }} data-testid="export-format" data-autofocus>
              {EXPORT_FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
              <option value="png">PNG image</option>
            </select>
          </label>
          {isAsyncApi && (
            <label className="ef-export__check"><input type="checkbox" checked={perService} onChange={(e) => { setPerService(e.target.checked); setFileIndex(0); }} /> One document per service</label>
          )}
          {isAsyncApi && (
            <label className="ef-export__field">
              <span>Version</span>
              <input type="text" value={docVersion} onChange={(e) => setDocVersion(e.target.value)} placeholder={typeof keptVersion === 'string' ? keptVersion : '1.0.0'}
                aria-invalid={versionProblem !== undefined} title="info.version of the document; empty keeps the document's own" data-testid="export-doc-version" size={10} />
            </label>
          )}
          {isPicture && (
            <label className="ef-export__field">
              <span>Theme</span>
              <select value={theme} onChange={(e) => setTheme(e.target.value as 'light' | 'dark')} data-testid="export-theme">
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
          )}
          {formatId === 'png' && (
            <label className="ef-export__field">
              <span>Scale</span>
              <select value={scale} onChange={(e) => setScale(Number(e.target.value) === 1 ? 1 : 2)} data-testid="export-scale">
                <option value={1}>1x</option>
                <option value={2}>2x</option>
              </select>
            </label>
          )}
          {PICTURES.includes(formatId) && (
            <label className="ef-export__field">
              <span>Content</span>
              <select value={scope} onChange={(e) => setScope(e.target.value as 'whole' | 'selection')} data-testid="export-scope">
                <option value="whole">Whole diagram</option>
                <option value="selection" disabled={selection.length === 0}>Selection ({selection.length})</option>
              </select>
            </label>
          )}
          {files.length > 1 && (
            <label className="ef-export__field">
              <span>File</span>
              <select value={fileIndex} onChange={(e) => setFileIndex(Number(e.target.value))}>
                {files.map((f, i) => <option key={f.name} value={i}>{f.name}</option>)}
              </select>
            </label>
          )}
        </div>
        <p className="ef-export__desc">
          {formatId === 'png'
            ? 'PNG picture of the diagram'
            : isAsyncApi && topology.imported
              // the format's label says 3.0; an imported document keeps its own version
              ? <span data-testid="export-kept-note">The imported AsyncAPI {topology.imported.version} document with the app&apos;s edits (servers, ids, bindings and schemas kept)</span>
              : EXPORT_FORMATS.find((f) => f.id === formatId)?.description}
          {file ? <> — <code data-testid="export-filename">{formatId === 'png' && scale === 2 ? file.name.replace(/\.png$/, '@2x.png') : file.name}</code></> : null}
        </p>
        {!result.ok && <p className="ef-export__error" role="alert">Cannot export: {result.message}</p>}
        {isAsyncApi && versionProblem !== undefined && <p className="ef-export__error" role="alert" data-testid="export-doc-version-error">Version: {versionProblem}; the document keeps its own version</p>}
        {result.ok && result.value.warnings.length > 0 && (
          <ul className="ef-export__warnings">
            {result.value.warnings.slice(0, 8).map((w) => <li key={w}>{w}</li>)}
            {result.value.warnings.length > 8 && <li>and {result.value.warnings.length - 8} more</li>}
          </ul>
        )}
        <div className="ef-export__preview" data-testid="export-preview">
          {isPicture && previewUrl ? <img src={previewUrl} alt={`Preview of ${topology.name}`} /> : <pre>{file?.text ?? ''}</pre>}
        </div>
      </div>
    </Dialog>
  );
}
