import { describe, expect, it } from 'vitest';
import { parseTopology, formatIssues, CURRENT_SCHEMA_VERSION } from './index';
import { checkoutTemplate } from './templates';

describe('topology schema', () => {
  it('accepts the checkout template and fills defaults', () => {
    const r = parseTopology(checkoutTemplate());
    if (!r.ok) throw new Error(formatIssues(r.issues));
    const payment = r.value.nodes.find((n) => n.id === 'payment');
    expect(payment?.kind).toBe('service');
    if (payment?.kind === 'service') expect(payment.settings.idempotent).toBe(true);
  });

  it('names the place of a dangling edge', () => {
    const t = checkoutTemplate();
    t.edges.push({ id: 'bad', kind: 'publish', source: 'storefront', target: 'nowhere' });
    const r = parseTopology(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path: `edges[${t.edges.length - 1}].target`, message: 'edge "bad" ends at unknown node "nowhere"' });
  });

  it('refuses an illegal connection with the reason', () => {
    const t = checkoutTemplate();
    t.edges.push({ id: 'x', kind: 'publish', source: 'storefront', target: 'payment' });
    const r = parseTopology(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssues(r.issues)).toMatch(/producer publishes to a broker/);
  });

  it('refuses a newer schema version with a clear message', () => {
    const r = parseTopology({ ...checkoutTemplate(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/newer EventFlow Studio/);
  });

  it('rejects an unknown node kind and an out-of-range setting, naming the field', () => {
    const t = checkoutTemplate();
    const r1 = parseTopology({ ...t, nodes: [...t.nodes, { id: 'z', kind: 'teleporter', name: 'z', position: { x: 0, y: 0 }, settings: {} }] });
    expect(r1).toEqual({ ok: false, issues: [{ path: 'nodes[10].kind', message: expect.stringMatching(/^unknown node kind "teleporter"\. Expected 'producer'/) }] });
    const t2 = checkoutTemplate();
    const orders = t2.nodes[1];
    if (orders?.kind === 'topic') orders.settings = { ...orders.settings, partitions: 0 };
    const r2 = parseTopology(t2);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.issues[0]?.path).toBe('nodes[1].settings.partitions');
  });

  it('migrates a v0 draft forward', () => {
    const { schemaVersion: _v, ...rest } = checkoutTemplate();
    const r = parseTopology({ ...rest, version: 'draft' });
    expect(r.ok).toBe(true);
  });
});
