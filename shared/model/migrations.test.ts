import { describe, expect, it } from 'vitest';
import { TOPOLOGY_MIGRATIONS, migrateTopology, runMigrations } from './migrations';
import type { Migration } from './migrations';
import { TEMPLATES, checkoutTemplate } from './templates';
import { CURRENT_SCHEMA_VERSION, Topology } from './topology';
import { parseTopology, parseTopologyText } from './validate';

/** A draft as the pre-release editor saved it: `version` instead of `schemaVersion`, no eventTypes. */
function checkoutV0(): Record<string, unknown> {
  const { schemaVersion: _v, eventTypes: _e, $schema: _s, ...rest } = checkoutTemplate();
  return { ...rest, version: '0.3-draft' };
}

describe('topology migrations', () => {
  it('has a step for every version below the current one', () => {
    for (let v = 0; v < CURRENT_SCHEMA_VERSION; v++) expect(TOPOLOGY_MIGRATIONS[v], `missing migration ${v}→${v + 1}`).toBeTypeOf('function');
  });

  it('migrates a v0 draft to the same topology as the current template, without touching the input', () => {
    const v0 = checkoutV0();
    const frozen = JSON.stringify(v0);
    const r = parseTopology(v0);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(JSON.stringify(v0)).toBe(frozen);
    expect(r.value).not.toHaveProperty('version');
    const { $schema: _s, ...expected } = Topology.parse(checkoutTemplate());
    expect(r.value).toEqual(expected);
  });

  it('refuses a newer schema version, naming the field and what to do', () => {
    const r = parseTopologyText(JSON.stringify({ ...checkoutTemplate(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 }));
    expect(r).toEqual({ ok: false, issues: [{ path: 'schemaVersion', message: expect.stringMatching(/newer EventFlow Studio.*Update the app/) }] });
  });

  it('refuses a malformed version and a non-object document', () => {
    for (const v of [-1, 1.5, '1']) {
      expect(migrateTopology({ schemaVersion: v, name: 'x', nodes: [], edges: [] })).toMatchObject({ ok: false, issues: [{ path: 'schemaVersion' }] });
    }
    expect(migrateTopology([])).toMatchObject({ ok: false, issues: [{ path: '(root)' }] });
  });

  it('every template parses at the current version', () => {
    for (const tpl of TEMPLATES) {
      const doc = tpl.build();
      expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
      expect(parseTopology(doc).ok, tpl.id).toBe(true);
    }
  });

  /**
   * The mechanism with a made-up v2 (what the next real change would look like): v1 → v2 moves
   * a service's `instances` into `scaling.min`. Chains run in order, each step exactly once.
   */
  describe('a chain of steps (demonstration with a hypothetical v2)', () => {
    const renameInstances: Migration = (doc) => ({
      ...doc,
      schemaVersion: 2,
      nodes: (doc.nodes as Record<string, unknown>[]).map((n) => {
        if (n.kind !== 'service') return n;
        const { instances, ...settings } = n.settings as Record<string, unknown>;
        return { ...n, settings: { ...settings, scaling: { min: instances ?? 1 } } };
      }),
    });
    const steps = { ...TOPOLOGY_MIGRATIONS, 1: renameInstances };

    it('runs v0 → v1 → v2 in order', () => {
      const r = runMigrations(checkoutV0(), steps, 2);
      if (!r.ok) throw new Error(r.issues[0]?.message);
      const doc = r.value as { schemaVersion: number; eventTypes: unknown[]; nodes: { id: string; settings: Record<string, unknown> }[] };
      expect(doc.schemaVersion).toBe(2);
      expect(doc.eventTypes).toEqual([]);
      expect(doc.nodes.find((n) => n.id === 'payment')?.settings).toMatchObject({ scaling: { min: 2 } });
      expect(doc.nodes.find((n) => n.id === 'payment')?.settings).not.toHaveProperty('instances');
    });

    it('names a missing step, a step that forgets to bump the version, and a step that throws', () => {
      expect(runMigrations({ schemaVersion: 1 }, TOPOLOGY_MIGRATIONS, 2)).toMatchObject({ ok: false, issues: [{ message: 'no migration from schema version 1' }] });
      expect(runMigrations({ schemaVersion: 1 }, { 1: (d) => d }, 2)).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('did not produce version 2') }] });
      expect(runMigrations({ schemaVersion: 1 }, { 1: () => { throw new Error('boom'); } }, 2)).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('boom') }] });
    });
  });
});
