import { useCallback } from 'react';
import type { AttributeCondition, TopologyEdge } from '../../../shared/model';
import { TopologyEdge as EdgeSchema } from '../../../shared/model';
import { replaceEdge } from '../../store/edits/edges';
import { useDocument, useDocumentStoreApi } from '../../store/react';
import type { Commit } from './fields';
import { NumberField, Section, SelectField, TextField, TypesField } from './fields';
import type { Path } from './paths';
import { issueAt, pathKey, setIn } from './paths';
import { useEventTypeNames } from './use-event-types';

const COMPARATORS = ['==', '!=', '>', '>=', '<', '<=', 'contains'] as const;
const KIND_TEXT = { publish: 'Publish', subscribe: 'Subscribe', route: 'Route', call: 'Synchronous call' };

/** Settings of the selected connection: event types, route conditions, call timeout. */
export function EdgeInspector({ edge }: { edge: TopologyEdge }) {
  const store = useDocumentStoreApi();
  const types = useEventTypeNames();
  const names = useDocument((s) => s.topology.nodes);
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? id;
  const commitAt = useCallback(<T,>(path: Path): Commit<T> => (value: T) => {
    const cur = store.getState().topology.edges.find((e) => e.id === edge.id);
    if (!cur) return 'This connection no longer exists';
    const candidate = setIn(cur, path, value);
    const check = EdgeSchema.safeParse(candidate);
    if (!check.success) return issueAt(check.error.issues, path);
    const r = store.getState().apply(replaceEdge(candidate, `field:${edge.id}:${pathKey(path)}`));
    return r.ok ? undefined : r.issues[0]?.message;
  }, [store, edge.id]);
  const done = useCallback(() => store.getState().seal(), [store]);
  const conditions = edge.conditions;
  // adding or removing a row is one undo step of its own
  const setConditions = (next: AttributeCondition[]) => { const e = commitAt<AttributeCondition[]>(['conditions'])(next); done(); return e; };

  return (
    <div className="ef-inspector__body" data-testid="edge-inspector" data-edge-id={edge.id}>
      <header className="ef-inspector__title">
        <span className={`ef-inspector__icon ef-edge-kind--${edge.kind}`}>⇢</span>
        <div>
          <div className="ef-inspector__kind">{KIND_TEXT[edge.kind]}</div>
          <div className="ef-inspector__id">{nameOf(edge.source)} → {nameOf(edge.target)}</div>
        </div>
      </header>
      <Section title="Connection">
        {edge.kind !== 'call' && (
          <TypesField label="Event types" field="eventTypes" value={edge.eventTypes} suggestions={types} commit={commitAt(['eventTypes'])}
            hint={edge.eventTypes.length === 0 ? 'Empty: every type the source offers' : undefined} />
        )}
        {edge.kind === 'call' && (
          <NumberField label="Timeout" field="timeoutMs" unit="ms" value={edge.timeoutMs} commit={(v) => commitAt<number | undefined>(['timeoutMs'])(v)} onDone={done} hint="Empty: wait as long as it takes" />
        )}
        <TextField label="Label" field="label" value={edge.label ?? ''} placeholder="shown on the canvas" commit={(v) => commitAt<string | undefined>(['label'])(v === '' ? undefined : v)} onDone={done} />
      </Section>
      {edge.kind === 'route' && (
        <Section title="Route conditions" aside={<button type="button" className="ef-btn ef-btn--small" onClick={() => setConditions([...conditions, { field: 'amount', comparator: '>', value: '100' }])}>Add</button>}>
          {conditions.length === 0 && <p className="ef-muted">Every event of the chosen types takes this route.</p>}
          {conditions.map((c, i) => (
            <div className="ef-condition" key={i}>
              <TextField label="Field" field={`conditions.${i}.field`} value={c.field} commit={commitAt(['conditions', i, 'field'])} onDone={done} />
              <SelectField label="Is" field={`conditions.${i}.comparator`} value={c.comparator} options={COMPARATORS} commit={(v) => { const e = commitAt(['conditions', i, 'comparator'])(v); done(); return e; }} />
              <TextField label="Value" field={`conditions.${i}.value`} value={c.value} commit={commitAt(['conditions', i, 'value'])} onDone={done} />
              <button type="button" className="ef-icon-btn" aria-label={`Remove condition ${i + 1}`} onClick={() => setConditions(conditions.filter((_, k) => k !== i))}>×</button>
            </div>
          ))}
        </Section>
      )}
    </div>
  );
}
