import { describe, expect, it } from 'vitest';
import { parseTopology } from '../validate';
import { TEMPLATES } from '../templates';
import { build, edge, node } from '../test-builders';
import type { ArrivalProfile } from '../arrival-profiles';
import type { Topology } from '../topology';
import { LINT_RULES, lintSummary, lintTopology } from './index';
import type { LintProblem } from './types';

const codes = (t: Topology): string[] => lintTopology(t).map((p) => p.code);
const withCode = (t: Topology, code: string): LintProblem[] => lintTopology(t).filter((p) => p.code === code);
const fixed = (ms: number) => ({ kind: 'fixed' as const, ms });
const constant = (ratePerSec: number) => ({ kind: 'constant' as const, ratePerSec });

/** producer → topic → service → sink: a clean little pipeline the rules can be tried on. */
const pipeline = (): Topology => build([
  node('producer', 'p', { emits: ['OrderPlaced'], profile: constant(10) }),
  node('topic', 't'),
  node('service', 's', { consumes: ['OrderPlaced'], emitsOnSuccess: ['EmailSent'] }),
  node('topic', 'out'),
  node('sink', 'k'),
], [edge('publish', 'p', 't'), edge('subscribe', 't', 's'), edge('publish', 's', 'out'), edge('subscribe', 'out', 'k')]);

describe('lintTopology', () => {
  it('every template lints with zero errors, and zero warnings but the ones it teaches', () => {
    for (const tpl of TEMPLATES) {
      const r = parseTopology(tpl.build());
      if (!r.ok) throw new Error(`${tpl.id}: ${r.issues[0]?.message}`);
      const problems = lintTopology(r.value);
      const bad = problems.filter((p) => p.severity === 'error' || (p.severity === 'warning' && !(tpl.expectedLint ?? []).includes(p.code)));
      expect(bad, `${tpl.id}: ${bad.map((p) => p.message).join('\n')}`).toEqual([]);
      for (const code of tpl.expectedLint ?? []) expect(problems.map((p) => p.code), `${tpl.id} should show ${code}`).toContain(code);
    }
    const checkout = parseTopology(TEMPLATES.find((t) => t.id === 'checkout')?.build());
    if (!checkout.ok) throw new Error('checkout');
    expect(lintTopology(checkout.value)).toEqual([]);
  });

  it('the clean pipeline has no problems', () => {
    expect(lintTopology(pipeline())).toEqual([]);
  });

  it('registers every rule once with codes, a description and a severity', () => {
    const all = LINT_RULES.flatMap((r) => r.codes);
    expect(new Set(all).size).toBe(all.length);
    for (const r of LINT_RULES) expect(r.description.length).toBeGreaterThan(10);
  });

  it('sorts errors first and summarises', () => {
    const t = build([
      node('producer', 'p'),
      node('service', 'a'), node('service', 'b'),
    ], [edge('call', 'a', 'b'), edge('call', 'b', 'a')]);
    const problems = lintTopology(t);
    expect(problems[0]?.severity).toBe('error');
    expect(lintSummary(problems)).toMatch(/^1 error, \d+ warnings?, \d+ notes?$/);
  });
});

describe('rules', () => {
  it('producer-publishes-nowhere', () => {
    expect(withCode(build([node('producer', 'p')]), 'producer-publishes-nowhere')).toMatchObject([{ nodeId: 'p', severity: 'warning' }]);
    expect(codes(pipeline())).not.toContain('producer-publishes-nowhere');
  });

  it('producer-silent', () => {
    expect(withCode(build([node('producer', 'p', { emits: [] })]), 'producer-silent')).toMatchObject([{ nodeId: 'p', path: 'settings.emits' }]);
    expect(withCode(build([node('producer', 'p', { profile: constant(0) })]), 'producer-silent')).toMatchObject([{ path: 'settings.profile' }]);
    expect(codes(pipeline())).not.toContain('producer-silent');
  });

  it('service-subscribes-to-nothing, unless another service calls it', () => {
    const lone = build([node('producer', 'p'), node('topic', 't'), node('service', 's')], [edge('publish', 'p', 't')]);
    expect(withCode(lone, 'service-subscribes-to-nothing')).toMatchObject([{ nodeId: 's', severity: 'warning' }]);
    const called = build([
      node('producer', 'p'), node('topic', 't'), node('service', 'api', { consumes: ['OrderPlaced'] }), node('service', 'stock'),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 'api'), edge('call', 'api', 'stock')]);
    expect(codes(called)).not.toContain('service-subscribes-to-nothing');
  });

  it('event-never-consumed and emitted-type-not-published', () => {
    const t = build([
      node('producer', 'p', { emits: ['OrderPlaced', 'PriceChanged'] }), node('topic', 't'),
      node('service', 's', { consumes: ['OrderPlaced'], emitsOnSuccess: ['EmailSent', 'InventoryReserved'] }),
      node('topic', 'out'), node('sink', 'k'),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's'), edge('publish', 's', 'out', ['EmailSent']), edge('subscribe', 'out', 'k')]);
    expect(withCode(t, 'event-never-consumed')).toMatchObject([{ nodeId: 'p', message: expect.stringContaining('PriceChanged') }]);
    expect(withCode(t, 'emitted-type-not-published')).toMatchObject([{ nodeId: 's', severity: 'info', message: expect.stringContaining('InventoryReserved') }]);
    expect(codes(pipeline())).not.toContain('event-never-consumed');
  });

  it('event-consumed-never-published and event-not-delivered', () => {
    const t = build([
      node('producer', 'p', { emits: ['OrderPlaced'] }), node('topic', 't'), node('topic', 'other'),
      node('service', 's', { consumes: ['OrderPlaced', 'RefundIssued'] }),
      node('producer', 'q', { emits: ['PaymentFailed'] }),
      node('service', 'r', { consumes: ['PaymentFailed'] }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's'), edge('publish', 'q', 'other'), edge('subscribe', 't', 'r'), edge('subscribe', 'other', 's')]);
    // s: RefundIssued nobody publishes; r: PaymentFailed exists but r only subscribes to t
    expect(withCode(t, 'event-consumed-never-published')).toMatchObject([{ nodeId: 's', message: expect.stringContaining('RefundIssued') }]);
    expect(withCode(t, 'event-not-delivered')).toMatchObject([{ nodeId: 'r', message: expect.stringContaining('PaymentFailed') }]);
    expect(codes(pipeline())).not.toContain('event-consumed-never-published');
    expect(codes(pipeline())).not.toContain('event-not-delivered');
  });

  it('queue-retries-without-dlq, not for a dead-letter queue itself', () => {
    const t = (dlt: string) => build([
      node('producer', 'p'), node('queue', 'q', { deadLetterTarget: dlt }), node('queue', 'dlq'), node('service', 's'),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's'), edge('subscribe', 'dlq', 's')]);
    expect(withCode(t(''), 'queue-retries-without-dlq')).toMatchObject([{ nodeId: 'q', path: 'settings.deadLetterTarget' }, { nodeId: 'dlq' }]);
    expect(withCode(t('dlq'), 'queue-retries-without-dlq')).toEqual([]);
  });

  it('service-retries-without-dlt when failures can happen and nothing catches them', () => {
    const t = (settings: Record<string, unknown>, calleeFails = 0) => build([
      node('producer', 'p'), node('topic', 't'), node('queue', 'dlq'),
      node('service', 's', settings), node('sink', 'gw', { failurePct: calleeFails }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's'), edge('call', 's', 'gw')]);
    expect(withCode(t({ failurePct: 2 }), 'service-retries-without-dlt')).toMatchObject([{ nodeId: 's', severity: 'warning' }]);
    expect(withCode(t({}, 1), 'service-retries-without-dlt')).toHaveLength(1); // the gateway it calls can fail
    expect(withCode(t({ failurePct: 2, deadLetterTarget: 'dlq' }), 'service-retries-without-dlt')).toEqual([]);
    expect(withCode(t({ failurePct: 2, emitsOnFailure: ['PaymentFailed'] }), 'service-retries-without-dlt')).toEqual([]);
    expect(withCode(t({}), 'service-retries-without-dlt')).toEqual([]);
  });

  it('idle-consumers when a group has more instances than partitions', () => {
    const t = (partitions: number) => build([
      node('producer', 'p'), node('topic', 't', { partitions }),
      node('service', 'a', { instances: 3, consumerGroup: 'g' }), node('service', 'b', { instances: 2, consumerGroup: 'g' }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 'a'), edge('subscribe', 't', 'b')]);
    expect(withCode(t(4), 'idle-consumers')).toMatchObject([{ nodeId: 't', message: expect.stringContaining('1 will sit idle') }]);
    expect(withCode(t(5), 'idle-consumers')).toEqual([]);
  });

  it('sync-call-cycle is an error naming the cycle', () => {
    const t = build([
      node('producer', 'p'), node('queue', 'q'),
      node('service', 'a'), node('service', 'b'), node('service', 'c'),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 'a'), edge('call', 'a', 'b'), edge('call', 'b', 'c'), edge('call', 'c', 'a')]);
    expect(withCode(t, 'sync-call-cycle')).toMatchObject([{ severity: 'error', message: expect.stringContaining('a → b → c → a') }]);
    const chain = build([node('service', 'a'), node('service', 'b'), node('sink', 'c')], [edge('call', 'a', 'b'), edge('call', 'b', 'c')]);
    expect(withCode(chain, 'sync-call-cycle')).toEqual([]);
  });

  it('unreachable-node, counting dead-letter links and calls as reachable', () => {
    const t = build([node('producer', 'p'), node('topic', 't'), node('topic', 'island'), node('sink', 'k')], [edge('publish', 'p', 't'), edge('subscribe', 'island', 'k')]);
    expect(withCode(t, 'unreachable-node').map((p) => p.nodeId)).toEqual(['island', 'k']);
    expect(codes(pipeline())).not.toContain('unreachable-node');
  });

  it('capacity-exceeded, capacity-exceeded-at-peak and capacity-headroom are warnings (an overload can be run)', () => {
    const t = (profile: ArrivalProfile) => build([
      node('producer', 'p', { profile }), node('queue', 'q', { deadLetterTarget: 'dlq' }), node('queue', 'dlq'),
      node('service', 's', { instances: 1, concurrency: 10, processing: fixed(100) }), // 100/s
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);
    const over = withCode(t(constant(120)), 'capacity-exceeded');
    expect(over).toMatchObject([{ nodeId: 's', severity: 'warning', message: expect.stringContaining('the backlog grows by ≈ 20.0/s in "q"') }]);
    expect(over[0]?.message).toContain('full after ≈ 13.9 h, then backpressure');
    expect(over[0]?.message).toContain('run 2 instances (× 10 concurrency) → 150/s');
    expect(withCode(t({ kind: 'burst', baseRatePerSec: 10, burstRatePerSec: 300, burstStartSec: 10, burstDurationSec: 5 }), 'capacity-exceeded-at-peak')).toHaveLength(1);
    expect(withCode(t(constant(90)), 'capacity-headroom')).toMatchObject([{ severity: 'warning' }]);
    expect(lintTopology(t(constant(50)))).toEqual([]);
  });

  it('runaway-feedback-loop is an error, and only a multiplying loop is one', () => {
    const loop = (emits: string[]) => build([
      node('producer', 'p'), node('topic', 't'), node('topic', 'out'), node('sink', 'k'),
      node('service', 's', { consumes: ['OrderPlaced'], emitsOnSuccess: emits, deadLetterTarget: 'out' }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's'), edge('publish', 's', 't', ['OrderPlaced']), edge('publish', 's', 'out', ['EmailSent']), edge('subscribe', 'out', 'k')]);
    expect(withCode(loop(['OrderPlaced', 'EmailSent']), 'runaway-feedback-loop')).toMatchObject([{ severity: 'error', message: expect.stringContaining('"s"') }]);
    expect(codes(loop(['OrderPlaced', 'EmailSent']))).not.toContain('capacity-exceeded');
    expect(withCode(loop(['EmailSent']), 'runaway-feedback-loop')).toEqual([]);
  });

  it('edge-type-not-emitted', () => {
    const t = build([node('producer', 'p', { emits: ['OrderPlaced'] }), node('topic', 't'), node('sink', 'k')], [
      edge('publish', 'p', 't', ['OrderPlaced', 'PaymentFailed']), edge('subscribe', 't', 'k', ['RefundIssued', 'OrderPlaced']),
    ]);
    const found = withCode(t, 'edge-type-not-emitted');
    expect(found.map((p) => [p.edgeId, p.message.includes('never emits'), p.message.includes('never receives')])).toEqual([
      ['p--t', true, false], ['t--k', false, true],
    ]);
    expect(codes(pipeline())).not.toContain('edge-type-not-emitted');
  });

  it('unknown-event-type, unless the project declares it', () => {
    const nodes = [node('producer', 'p', { emits: ['GiftWrapped'] }), node('topic', 't'), node('sink', 'k')];
    const edges = [edge('publish', 'p', 't'), edge('subscribe', 't', 'k')];
    expect(withCode(build(nodes, edges), 'unknown-event-type')).toMatchObject([{ nodeId: 'p', path: 'settings.emits[0]' }]);
    expect(withCode(build(nodes, edges, [{ name: 'GiftWrapped' }]), 'unknown-event-type')).toEqual([]);
  });

  it('dead-letter-target-missing for a bus that dead-letters unmatched events nowhere, or a hand-made bad reference', () => {
    const t = (settings: Record<string, unknown>) => build([
      node('producer', 'p'), node('bus', 'b', settings), node('queue', 'dlq'), node('sink', 'k'),
    ], [edge('publish', 'p', 'b'), edge('route', 'b', 'k', ['OrderPlaced'])]);
    expect(withCode(t({ unmatched: 'dead-letter' }), 'bus-dead-letter-target-missing')).toMatchObject([{ nodeId: 'b', severity: 'warning' }]);
    expect(withCode(t({ unmatched: 'dead-letter', deadLetterTarget: 'dlq' }), 'bus-dead-letter-target-missing')).toEqual([]);
    const ok = pipeline();
    const broken: Topology = { ...ok, nodes: ok.nodes.map((n) => (n.kind === 'service' ? { ...n, settings: { ...n.settings, deadLetterTarget: 'gone' } } : n)) };
    expect(withCode(broken, 'dead-letter-target-missing')).toMatchObject([{ nodeId: 's', severity: 'error' }]);
  });
});
