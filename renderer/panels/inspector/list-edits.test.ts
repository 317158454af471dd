import { describe, expect, it } from 'vitest';
import { OperatorSettings, ServiceSettings } from '../../../shared/model';
import { addAttribute, friendlyWindowError, keyProblem, nextWindow, removeAttribute, renameAttribute, setAttributeValue } from './list-edits';

describe('time window rows', () => {
  it('places a new window after the last one and keeps it valid for the schema', () => {
    expect(nextWindow([])).toEqual({ startSec: 60, endSec: 90 });
    const after = nextWindow([{ startSec: 10, endSec: 500 }, { startSec: 100, endSec: 200 }]);
    expect(after).toEqual({ startSec: 560, endSec: 590 });
    const s = ServiceSettings.parse({ outages: [after], slowdowns: [{ window: nextWindow([after]), factor: 3 }] });
    expect(s.outages).toHaveLength(1);
  });
  it('rewords the schema refine message for the form', () => {
    const r = ServiceSettings.safeParse({ outages: [{ startSec: 50, endSec: 40 }] });
    expect(r.success).toBe(false);
    expect(friendlyWindowError(r.error?.issues[0]?.message)).toBe('The end must be after the start');
    expect(friendlyWindowError('Too small')).toBe('Too small');
  });
});

describe('enrich attribute rows', () => {
  const attrs = { channel: 'web', region: 'eu' };
  it('renames a key in place, keeping the order and the value', () => {
    const r = renameAttribute(attrs, 0, 'source');
    expect(r).toEqual({ ok: true, value: { source: 'web', region: 'eu' } });
    if (r.ok) expect(Object.keys(r.value)).toEqual(['source', 'region']);
  });
  it('refuses empty, duplicate, padded, too long and prototype keys', () => {
    expect(renameAttribute(attrs, 0, '')).toEqual({ ok: false, error: 'A key is required' });
    expect(renameAttribute(attrs, 0, 'region')).toEqual({ ok: false, error: '"region" is already used' });
    expect(renameAttribute(attrs, 0, ' x')).toMatchObject({ ok: false });
    expect(renameAttribute(attrs, 0, 'k'.repeat(81))).toMatchObject({ ok: false });
    expect(renameAttribute(attrs, 0, '__proto__')).toMatchObject({ ok: false });
    expect(renameAttribute(attrs, 5, 'x')).toMatchObject({ ok: false });
    expect(keyProblem('channel', ['channel'])).toBeDefined();
    expect(keyProblem('channel', [])).toBeUndefined();
  });
  it('renaming a key to itself is allowed (no false duplicate)', () => {
    expect(renameAttribute(attrs, 1, 'region')).toEqual({ ok: true, value: attrs });
  });
  it('sets values, removes rows and adds rows with a free key', () => {
    expect(setAttributeValue(attrs, 1, 'us')).toEqual({ ok: true, value: { channel: 'web', region: 'us' } });
    expect(removeAttribute(attrs, 0)).toEqual({ region: 'eu' });
    const a1 = addAttribute({});
    const a2 = addAttribute(a1);
    const a3 = addAttribute(a2);
    expect(Object.keys(a3)).toEqual(['attribute', 'attribute2', 'attribute3']);
    // every result is a valid map operator's enrich record
    expect(OperatorSettings.parse({ op: 'map', enrich: a3 })).toMatchObject({ enrich: a3 });
  });
});
