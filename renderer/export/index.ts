export { ExportDialog } from './ExportDialog';
export type { ExportDialogProps } from './ExportDialog';
export { ExportButton } from './ExportButton';
export { ImportDropZone, pickImportFile } from './ImportDropZone';
export { importFile, importText } from './import-file';
export { svgToPng, downloadBlob } from './rasterize';
