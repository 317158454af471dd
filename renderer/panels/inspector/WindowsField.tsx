import type { ReactNode } from 'react';
import { useState } from 'react';
import type { TimeWindow } from '../../../shared/model';
import type { Commit } from './fields';
import { NumberField } from './fields';
import { MAX_WINDOWS, friendlyWindowError, nextWindow } from './list-edits';
import type { Path } from './paths';
import { pathKey } from './paths';

/** Commit factory of the node being edited (useNodeCommit().commitAt). */
export type CommitAt = <T>(path: Path) => Commit<T>;

interface Slowdown { window: TimeWindow; factor: number }

/** A titled list with an Add button and an empty-state line. */
export function ListBlock({ title, field, count, empty, addLabel, canAdd, onAdd, error, children }: {
  title: string; field: string; count: number; empty: string; addLabel: string; canAdd: boolean; onAdd: () => void; error?: string; children: ReactNode;
}) {
  return (
    <div className="ef-list" data-list={field}>
      <div className="ef-list__head">
        <span className="ef-field__label">{title}</span>
        <button type="button" className="ef-btn ef-btn--small" onClick={onAdd} disabled={!canAdd} aria-label={addLabel}>Add</button>
      </div>
      {count === 0 && <p className="ef-muted ef-list__empty">{empty}</p>}
      {children}
      {error && <div className="ef-field__error" role="alert">{error}</div>}
    </div>
  );
}

/** Outage windows (s from the start of the run): add, edit, remove rows; each edit one undo step. */
export function TimeWindowsField({ title, path, value, commitAt, done, empty, noun }: {
  title: string; path: Path; value: readonly TimeWindow[]; commitAt: CommitAt; done: () => void; empty: string; noun: string;
}) {
  const field = pathKey(path);
  const [error, setError] = useState<string>();
  const setList = (next: TimeWindow[]) => { setError(commitAt<TimeWindow[]>(path)(next)); done(); };
  const at = (i: number, key: 'startSec' | 'endSec'): Commit<number | undefined> => (v) => friendlyWindowError(commitAt<number | undefined>([...path, i, key])(v));
  return (
    <ListBlock title={title} field={field} count={value.length} error={error} empty={empty} addLabel={`Add ${noun}`} canAdd={value.length < MAX_WINDOWS} onAdd={() => setList([...value, nextWindow(value)])}>
      {value.map((w, i) => (
        <div className="ef-window" key={i} data-row={i}>
          <NumberField label="From" field={`${field}.${i}.startSec`} unit="s" value={w.startSec} commit={at(i, 'startSec')} onDone={done} />
          <NumberField label="Until" field={`${field}.${i}.endSec`} unit="s" value={w.endSec} commit={at(i, 'endSec')} onDone={done} />
          <button type="button" className="ef-icon-btn" aria-label={`Remove ${noun} ${i + 1}`} onClick={() => setList(value.filter((_, k) => k !== i))}>×</button>
        </div>
      ))}
    </ListBlock>
  );
}

/** Slowdowns: a window in which processing takes `factor` times as long. */
export function SlowdownsField({ path, value, commitAt, done }: { path: Path; value: readonly Slowdown[]; commitAt: CommitAt; done: () => void }) {
  const field = pathKey(path);
  const [error, setError] = useState<string>();
  const setList = (next: Slowdown[]) => { setError(commitAt<Slowdown[]>(path)(next)); done(); };
  const at = (p: Path): Commit<number | undefined> => (v) => friendlyWindowError(commitAt<number | undefined>([...path, ...p])(v));
  return (
    <ListBlock title="Slowdowns" field={field} count={value.length} error={error} empty="No slowdowns: processing times follow the distribution all run long." addLabel="Add slowdown"
      canAdd={value.length < MAX_WINDOWS} onAdd={() => setList([...value, { window: nextWindow(value.map((s) => s.window)), factor: 3 }])}>
      {value.map((s, i) => (
        <div className="ef-window ef-window--factor" key={i} data-row={i}>
          <NumberField label="From" field={`${field}.${i}.window.startSec`} unit="s" value={s.window.startSec} commit={at([i, 'window', 'startSec'])} onDone={done} />
          <NumberField label="Until" field={`${field}.${i}.window.endSec`} unit="s" value={s.window.endSec} commit={at([i, 'window', 'endSec'])} onDone={done} />
          <NumberField label="Slower" field={`${field}.${i}.factor`} unit="×" value={s.factor} commit={at([i, 'factor'])} onDone={done} />
          <button type="button" className="ef-icon-btn" aria-label={`Remove slowdown ${i + 1}`} onClick={() => setList(value.filter((_, k) => k !== i))}>×</button>
        </div>
      ))}
    </ListBlock>
  );
}
