/**
 * The export formats as a registry: the CLI's --format, the Export dialog's picker and the
 * docs all read this list. `produce` is pure (topology in, files out); PNG is not here because
 * it is rasterised from the SVG by the renderer.
 */
import { stringify } from 'yaml';
import type { Topology } from '../model/topology';
import { exportAsyncApi } from './asyncapi/export';
import { dockerCompose } from './compose';
import { safeFileName, safeFileStem } from './file-names';
import { kafkaTopicsScript, strimziTopics } from './kafka';
import { topologyMermaid } from './mermaid';
import { topologySvg } from './svg';
import { TOPOLOGY_FILE_EXTENSION, topologyJson } from './topology-json';

export type ExportFormatId = 'asyncapi' | 'asyncapi-json' | 'json' | 'mermaid' | 'svg' | 'kafka' | 'strimzi' | 'compose';

export interface ExportOptions {
  /** AsyncAPI: one document per application instead of one per project */
  perService?: boolean;
  theme?: 'light' | 'dark';
  /** AsyncAPI: the document version (info.version); overrides an imported document's own */
  docVersion?: string;
  /** SVG/Mermaid: only these node ids */
  selection?: readonly string[];
}

export interface ExportFile {
  /** suggested file name: sanitized, no directories */
  name: string;
  mime: string;
  text: string;
}

export interface ExportResult {
  files: ExportFile[];
  warnings: string[];
}

export interface ExportFormat {
  id: ExportFormatId;
  label: string;
  description: string;
  extension: string;
  mime: string;
  produce(t: Topology, options?: ExportOptions): ExportResult;
}

const one = (t: Topology, ext: string, mime: string, text: string, warnings: string[] = []): ExportResult => ({ files: [{ name: safeFileName(t.name, ext), mime, text }], warnings });

function asyncapi(t: Topology, options: ExportOptions, json: boolean): ExportResult {
  const r = exportAsyncApi(t, options.perService ?? false, options.docVersion !== undefined ? { version: options.docVersion } : {});
  const ext = json ? '.asyncapi.json' : '.asyncapi.yaml';
  const mime = json ? 'application/json' : 'application/yaml';
  const files = r.documents.map((d) => ({
    name: options.perService ? safeFileName(`${safeFileStem(t.name)}-${d.name}`, ext) : safeFileName(t.name, ext),
    mime,
    text: json ? JSON.stringify(d.document, null, 2) + '\n' : stringify(d.document, { aliasDuplicateObjects: false, lineWidth: 0 }),
  }));
  return { files, warnings: r.warnings };
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { id: 'asyncapi', label: 'AsyncAPI 3.0 (YAML)', description: 'Channels, operations and messages for AsyncAPI Studio, EventCatalog and code generators', extension: '.asyncapi.yaml', mime: 'application/yaml',
    produce: (t, o = {}) => asyncapi(t, o, false) },
  { id: 'asyncapi-json', label: 'AsyncAPI 3.0 (JSON)', description: 'The same AsyncAPI document as JSON', extension: '.asyncapi.json', mime: 'application/json',
    produce: (t, o = {}) => asyncapi(t, o, true) },
  { id: 'json', label: 'Topology JSON', description: 'The native .eventflow.json file', extension: TOPOLOGY_FILE_EXTENSION, mime: 'application/json',
    produce: (t) => one(t, TOPOLOGY_FILE_EXTENSION, 'application/json', topologyJson(t)) },
  { id: 'mermaid', label: 'Mermaid flowchart', description: 'Renders in GitHub, GitLab, Notion and most wikis', extension: '.mmd', mime: 'text/vnd.mermaid',
    produce: (t, o = {}) => one(t, '.mmd', 'text/vnd.mermaid', topologyMermaid(t, o.selection ? { selection: o.selection } : {})) },
  { id: 'svg', label: 'SVG image', description: 'Vector picture of the diagram', extension: '.svg', mime: 'image/svg+xml',
    produce: (t, o = {}) => one(t, '.svg', 'image/svg+xml', topologySvg(t, { theme: o.theme ?? 'light', ...(o.selection ? { selection: o.selection } : {}) })) },
  { id: 'kafka', label: 'kafka-topics.sh script', description: 'Creates the Kafka topics with partitions, replication and retention', extension: '.sh', mime: 'text/x-shellscript',
    produce: (t) => { const r = kafkaTopicsScript(t); return one(t, '-topics.sh', 'text/x-shellscript', r.text, r.skipped); } },
  { id: 'strimzi', label: 'Strimzi KafkaTopic YAML', description: 'KafkaTopic resources for Kubernetes (Strimzi operator)', extension: '.yaml', mime: 'application/yaml',
    produce: (t) => { const r = strimziTopics(t); return one(t, '-kafkatopics.yaml', 'application/yaml', r.text, r.skipped); } },
  { id: 'compose', label: 'docker-compose.yml', description: 'Starts the brokers this topology uses for local development', extension: '.yml', mime: 'application/yaml',
    produce: (t) => ({ files: [{ name: 'docker-compose.yml', mime: 'application/yaml', text: dockerCompose(t) }], warnings: [] }) },
];

/** Why a document version (info.version) cannot be used, or undefined when it can. */
export function docVersionProblem(v: string): string | undefined {
  if (v.trim() === '') return 'the version is empty';
  if (v !== v.trim()) return 'the version starts or ends with a space';
  if (v.length > 100) return `the version is ${v.length} characters long (at most 100)`;
  if ([...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return 'the version contains a control character';
  return undefined;
}

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}
