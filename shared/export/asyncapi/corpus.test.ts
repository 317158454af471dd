/**
 * The AsyncAPI corpus (tests/fixtures/asyncapi-corpus: 2.0–2.6 and 3.0, YAML and JSON; Kafka,
 * AMQP, MQTT, SNS/SQS, WebSocket and HTTP bindings; request/reply; parameters; traits; $refs to
 * other files), the contracts of tests/fixtures/asyncapi, and a generated document of 600
 * channels. For each: the import has no error, the round trip no unexplained loss, and the
 * imported topology runs 10 simulated minutes in which every service emits only messages its
 * document lets the application send (or reply), with alternatives in the default split. The
 * figures (documents, constructs compared, kept, explained losses) are printed for
 * docs/export.md.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Topology } from '../../model/topology';
import { createSimulation } from '../../runtime';
import { readSource } from '../source-doc';
import type { ExternalRefs } from './bundle';
import { bundleExternalRefs } from './bundle';
import { DEFAULT_FAILURE_PCT } from './outcomes';
import { exportAsyncApi } from './export';
import { importAsyncApi } from './import';
import { deref, isObj } from './refs';
import type { Obj } from './refs';
import { roundtripAsyncApi } from './roundtrip';
import type { RoundtripReport } from './roundtrip';

const root = path.resolve(__dirname, '../../../tests/fixtures');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  if (statSync(p).isDirectory()) return f === 'common' ? [] : files(p);
  return /\.asyncapi\.(ya?ml|json)$/.test(f) ? [p] : [];
});
const corpus = [...files(path.join(root, 'asyncapi-corpus')), ...files(path.join(root, 'asyncapi'))].sort();

const refsFor = (abs: string): ExternalRefs => ({
  base: abs,
  read: (loc) => {
    try {
      return readFileSync(loc, 'utf8');
    } catch {
      return undefined;
    }
  },
});

/** A generated 3.0 document: `n` channels, every other one received (with a stand-in publisher), the rest sent. */
export function largeDocument(n: number): Obj {
  const channels: Obj = {};
  const operations: Obj = {};
  const messages: Obj = {};
  for (let i = 0; i < n; i++) {
    const name = `Domain${i}Changed`;
    channels[`domain${i}`] = { address: `acme.domain-${i}.events`, messages: { [name]: { $ref: `#/components/messages/${name}` } }, bindings: { kafka: { partitions: 1 + (i % 12), replicas: 3, bindingVersion: '0.5.0' } } };
    operations[`op${i}`] = { action: i % 2 === 0 ? 'receive' : 'send', channel: { $ref: `#/channels/domain${i}` }, summary: `operation ${i}` };
    messages[name] = { name, payload: { $ref: '#/components/schemas/Change' } };
  }
  return {
    asyncapi: '3.0.0', info: { title: 'Large Estate', version: '1.0.0' },
    servers: { kafka: { host: 'kafka.large.example:9092', protocol: 'kafka' } },
    channels, operations,
    components: { messages, schemas: { Change: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, at: { type: 'string', format: 'date-time' } } } } },
  };
}

/** Message names (as the importer names them) by what the document's application does with them: sends (and replies) / receives. */
function documentFlows(doc: Obj): { sends: Set<string>; receives: Set<string> } {
  const sends = new Set<string>();
  const receives = new Set<string>();
  const nameOf = (raw: unknown, at: string, key: string): string => {
    const { value, pointer } = deref(doc, raw, at);
    const segs = pointer.split('/');
    const fallback = segs[1] === 'components' && segs[2] === 'messages' && segs[3] ? segs[3] : key;
    return isObj(value) && typeof value.name === 'string' ? value.name : fallback;
  };
  const names = (raw: unknown, at: string, channelMessages: unknown): string[] => {
    if (raw === undefined) {
      const cm = deref(doc, channelMessages, at).value;
      return isObj(cm) ? Object.entries(cm).map(([k, m]) => nameOf(m, `${at}/${k}`, k)) : [];
    }
    const v = deref(doc, raw, at).value;
    if (Array.isArray(v)) return v.map((m, i) => nameOf(m, `${at}/${i}`, `Message${i + 1}`));
    if (isObj(v) && Array.isArray(v.oneOf)) return v.oneOf.map((m, i) => nameOf(m, `${at}/oneOf/${i}`, `Message${i + 1}`));
    return [nameOf(v, at, 'Message')];
  };
  const channels = isObj(doc.channels) ? doc.channels : {};
  if (String(doc.asyncapi).startsWith('2.')) {
    for (const c of Object.values(channels)) {
      if (!isObj(c)) continue;
      if (isObj(c.subscribe)) for (const n of names(c.subscribe.message, '/x', {})) sends.add(n);
      if (isObj(c.publish)) for (const n of names(c.publish.message, '/x', {})) receives.add(n);
    }
  } else {
    for (const raw of Object.values(isObj(doc.operations) ? doc.operations : {})) {
      const op = deref(doc, raw, '/x').value;
      if (!isObj(op)) continue;
      const ch = deref(doc, op.channel, '/x').value;
      for (const n of names(op.messages, '/x', isObj(ch) ? ch.messages : undefined)) (op.action === 'send' ? sends : receives).add(n);
      const reply = deref(doc, op.reply, '/x').value;
      if (isObj(reply)) {
        const rc = reply.channel === undefined ? undefined : deref(doc, reply.channel, '/x').value;
        for (const n of names(reply.messages, '/x', isObj(rc) ? rc.messages : undefined)) (op.action === 'receive' ? sends : receives).add(n);
      }
    }
  }
  return { sends, receives };
}

interface Run {
  emitted: Map<string, Map<string, number>>;
}

function simulate(t: Topology): Run {
  const emitted = new Map<string, Map<string, number>>();
  createSimulation(t, { durationSec: 600, seed: 11, eventLog: 'all' }, {
    onEvent: (e) => {
      if (e.status !== 'emitted') return;
      const m = emitted.get(e.source) ?? emitted.set(e.source, new Map()).get(e.source)!;
      m.set(e.type, (m.get(e.type) ?? 0) + 1);
    },
  }).runToEnd();
  return { emitted };
}

const figures: { document: string; version: string; report: RoundtripReport; events: number }[] = [];

/** @param ratePerSec stand-in publishers' rate (the generated document has 300 of them: keep its run short) */
function check(name: string, text: string, data: Obj, refs?: ExternalRefs, ratePerSec?: number): void {
  const rt = roundtripAsyncApi(text, refs ? { externalRefs: refs } : {});
  if (!rt.ok) throw new Error(`${name}: ${rt.problems.filter((p) => p.severity === 'error').map((p) => `${p.line ?? ''}:${p.column ?? ''} ${p.pointer} ${p.message}`).join('\n')}`);
  const unexplained = rt.report.differences.filter((d) => d.change !== 'added' && !d.explanation);
  expect(unexplained, name).toEqual([]);
  expect(rt.report.ok).toBe(true);
  // and nothing invented: an unedited import exports no part the document did not have
  expect(rt.report.differences.filter((d) => d.change === 'added'), name).toEqual([]);

  const doc = refs ? bundleExternalRefs(data, refs).root : data;
  const { sends, receives } = documentFlows(doc);
  const imported = topologyOf(text, refs);
  const topology: Topology = ratePerSec === undefined ? imported : { ...imported, nodes: imported.nodes.map((n) => (n.kind === 'producer' ? { ...n, settings: { ...n.settings, profile: { kind: 'poisson', ratePerSec } } } : n)) };
  const run = simulate(topology);
  let events = 0;
  for (const n of topology.nodes) {
    const got = run.emitted.get(n.id);
    if (!got) continue;
    for (const [type, count] of got) {
      events += count;
      if (n.kind === 'service') expect(sends.has(type), `${name}: service "${n.id}" emitted ${type}, which the document does not let it send (${[...sends].join(', ')})`).toBe(true);
      else if (n.kind === 'producer') expect(n.id.endsWith('-source') ? receives.has(type) : sends.has(type), `${name}: producer "${n.id}" emitted ${type}`).toBe(true);
    }
    // alternatives: the failure branch in the documented default share (services that call nobody)
    if (n.kind === 'service' && n.settings.emitsOnFailure.length > 0 && !topology.edges.some((e) => e.kind === 'call' && e.source === n.id)) {
      const ok = got.get(n.settings.emitsOnSuccess[0] ?? '') ?? 0;
      const ko = got.get(n.settings.emitsOnFailure[0]!) ?? 0;
      if (ok + ko >= 300) {
        const share = (100 * ko) / (ok + ko);
        expect(share, `${name}: ${n.id} failure share`).toBeGreaterThan(DEFAULT_FAILURE_PCT * 0.5);
        expect(share, `${name}: ${n.id} failure share`).toBeLessThan(DEFAULT_FAILURE_PCT * 1.6);
      }
    }
  }
  expect(events, `${name}: nothing was simulated`).toBeGreaterThan(0);
  figures.push({ document: name, version: rt.report.version, report: rt.report, events });
}

function topologyOf(text: string, refs?: ExternalRefs): Topology {
  const r = importAsyncApi(text, refs ? { externalRefs: refs } : {});
  if (!r.ok) throw new Error(r.problems[0]?.message);
  return r.topology;
}

describe('AsyncAPI corpus: import, round trip, 10 simulated minutes', () => {
  it('the corpus covers ≥ 12 documents of 2.0–2.6 and 3.0, YAML and JSON', () => {
    const own = files(path.join(root, 'asyncapi-corpus'));
    expect(own.length).toBeGreaterThanOrEqual(12);
    const versions = new Set(own.map((f) => String((readSource(readFileSync(f, 'utf8')) as { doc: { data: Obj } }).doc.data.asyncapi)));
    expect([...versions].sort()).toEqual(['2.0.0', '2.1.0', '2.2.0', '2.3.0', '2.4.0', '2.5.0', '2.6.0', '3.0.0']);
    expect(own.some((f) => f.endsWith('.json')) && own.some((f) => f.endsWith('.yaml'))).toBe(true);
  });

  for (const file of corpus) {
    const name = path.relative(root, file);
    it(name, () => {
      const text = readFileSync(file, 'utf8');
      const src = readSource(text);
      if (!src.ok) throw new Error(src.problems[0]?.message);
      check(name, text, src.doc.data as Obj, refsFor(file));
    });
  }

  it('a generated document of 600 channels (not committed)', () => {
    const doc = largeDocument(600);
    check('generated: 600 channels', JSON.stringify(doc), doc, undefined, 0.05);
  }, 120_000);

  afterAll(() => {
    const total = figures.reduce((a, f) => ({ constructs: a.constructs + f.report.constructs, kept: a.kept + f.report.kept, explained: a.explained + f.report.explainedLosses, unexplained: a.unexplained + f.report.unexplainedLosses }), { constructs: 0, kept: 0, explained: 0, unexplained: 0 });
    const lines = [
      '| document | AsyncAPI | constructs compared | kept | explained losses | unexplained losses | events in 10 min |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...figures.map((f) => `| ${f.document} | ${f.version} | ${f.report.constructs} | ${f.report.kept} | ${f.report.explainedLosses} | ${f.report.unexplainedLosses} | ${f.events} |`),
      `| **${figures.length} documents** | | **${total.constructs}** | **${total.kept}** | **${total.explained}** | **${total.unexplained}** | |`,
    ];
    console.log(`AsyncAPI corpus round trip: ${figures.length} documents, ${total.constructs} constructs compared, ${total.kept} kept, ${total.explained} explained losses, ${total.unexplained} unexplained\n${lines.join('\n')}`);
  });
});

describe('AsyncAPI corpus: per-service export of each imported document', () => {
  /** the operations of a document: 3.x operation keys, 2.x channel verbs, as pointers */
  const opsOf = (d: Obj): string[] => {
    const esc = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
    if (String(d.asyncapi).startsWith('2.')) {
      return Object.entries(isObj(d.channels) ? d.channels : {}).flatMap(([ck, c]) => (['publish', 'subscribe'] as const).filter((v) => isObj(c) && c[v] !== undefined).map((v) => `/channels/${esc(ck)}/${v}`));
    }
    return Object.keys(isObj(d.operations) ? d.operations : {}).map((k) => `/operations/${esc(k)}`);
  };
  for (const file of corpus) {
    const name = path.relative(root, file);
    it(`${name}: every operation is in a service's document or named in a warning; each document imports`, () => {
      const r = importAsyncApi(readFileSync(file, 'utf8'), { externalRefs: refsFor(file) });
      if (!r.ok) throw new Error(r.problems[0]?.message);
      const whole = exportAsyncApi(r.topology).documents[0]!.document;
      const per = exportAsyncApi(r.topology, true);
      const kept = per.documents.filter((d) => String(d.document.asyncapi) === String(whole.asyncapi) && d.document.id === whole.id && JSON.stringify(d.document.info) === JSON.stringify(whole.info));
      const covered = new Set(kept.flatMap((d) => opsOf(d.document)));
      const warned = per.warnings.join('\n');
      const silent = opsOf(whole).filter((p) => !covered.has(p) && !warned.includes(p));
      expect(silent, 'operations in no per-service document and in no warning').toEqual([]);
      // no operation is in two documents
      expect(kept.flatMap((d) => opsOf(d.document)).length).toBe(covered.size);
      for (const d of per.documents) {
        const again = importAsyncApi(JSON.stringify(d.document));
        expect(again.ok ? [] : again.problems.filter((p) => p.severity === 'error').map((p) => `${d.name} ${p.pointer}: ${p.message}`)).toEqual([]);
      }
    }, 60_000);
  }
});
