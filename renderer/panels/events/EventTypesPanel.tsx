import { useState } from 'react';
import type { EventField, EventTypeDef } from '../../../shared/model';
import { EventTypeDef as EventTypeDefSchema, FieldType } from '../../../shared/model';
import { COMMERCE_EVENTS } from '../../../shared/commerce/catalog';
import { eventColor } from '../../canvas/event-colors';
import { putEventType, removeEventType } from '../../store/edits/event-types';
import { useDocument, useDocumentStoreApi } from '../../store/react';
import { BoolField, Section, SelectField, TextField } from '../inspector/fields';
import { issueAt } from '../inspector/paths';

const FIELD_TYPES = FieldType.options;

/** Project event types: add your own, edit their payload fields; the built-in catalog for reference. */
export function EventTypesPanel() {
  const store = useDocumentStoreApi();
  const custom = useDocument((s) => s.topology.eventTypes);
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string | undefined>(undefined);

  const add = () => {
    const name = newName.trim();
    if (custom.some((d) => d.name === name) || COMMERCE_EVENTS.some((d) => d.name === name)) return setError(`"${name}" already exists`);
    const parsed = EventTypeDefSchema.safeParse({ name, fields: [{ name: 'id', type: 'id' }], keyField: 'id' });
    if (!parsed.success) return setError(issueAt(parsed.error.issues, ['name']));
    const r = store.getState().apply(putEventType(parsed.data));
    if (!r.ok) return setError(r.issues[0]?.message);
    setError(undefined);
    setNewName('');
    setOpen(name);
  };

  return (
    <div className="ef-inspector__body" data-testid="event-types-panel">
      <Section title="Project event types">
        <div className={`ef-field${error ? ' has-error' : ''}`}>
          <div className="ef-inline-add">
            <input className="ef-input" aria-label="New event type name" placeholder="e.g. LoyaltyPointsEarned" value={newName}
              onChange={(e) => { setNewName(e.target.value); setError(undefined); }} onKeyDown={(e) => { if (e.key === 'Enter') add(); }} />
            <button type="button" className="ef-btn ef-btn--primary" onClick={add} disabled={!newName.trim()}>Add</button>
          </div>
          {error && <div className="ef-field__error" role="alert">{error}</div>}
        </div>
        {custom.length === 0 && <p className="ef-muted">No custom types yet. The 16 commerce events below are always available.</p>}
        {custom.map((d) => <CustomType key={d.name} def={d} open={open === d.name} onToggle={() => setOpen(open === d.name ? undefined : d.name)} />)}
      </Section>
      <Section title="Commerce catalog">
        <ul className="ef-catalog">
          {COMMERCE_EVENTS.map((d) => (
            <li key={d.name} title={d.description}>
              <span className="ef-dot" style={{ background: eventColor(d.name) }} />
              <span className="ef-catalog__name">{d.name}</span>
              <span className="ef-catalog__fields">{d.fields.map((f) => f.name).join(', ')}</span>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}

function CustomType({ def, open, onToggle }: { def: EventTypeDef; open: boolean; onToggle: () => void }) {
  const store = useDocumentStoreApi();
  const put = (next: EventTypeDef, key: string) => {
    const parsed = EventTypeDefSchema.safeParse(next);
    if (!parsed.success) return parsed.error.issues[0]?.message;
    const r = store.getState().apply(putEventType(next, def.name, `type:${def.name}:${key}`));
    return r.ok ? undefined : r.issues[0]?.message;
  };
  const setField = (i: number, patch: Partial<EventField>, key: string) => {
    // two payload fields with one name would make an ambiguous payload schema
    if (patch.name !== undefined && def.fields.some((f, k) => k !== i && f.name === patch.name)) return `"${patch.name}" is already a field of ${def.name}`;
    return put({ ...def, fields: def.fields.map((f, k) => (k === i ? { ...f, ...patch } : f)) }, `field${i}.${key}`);
  };
  const done = () => store.getState().seal();
  /** discrete changes (select, switch, add, remove) are one undo step each */
  const step = (error: string | undefined) => { done(); return error; };
  const freeName = () => {
    const taken = new Set(def.fields.map((f) => f.name));
    let n = def.fields.length + 1;
    while (taken.has(`field${n}`)) n++;
    return `field${n}`;
  };
  return (
    <div className={`ef-type${open ? ' is-open' : ''}`} data-testid={`event-type-${def.name}`}>
      <button type="button" className="ef-type__head" onClick={onToggle} aria-expanded={open}>
        <span className="ef-dot" style={{ background: eventColor(def.name) }} />
        <span className="ef-type__name">{def.name}</span>
        <span className="ef-muted">{def.fields.length} field{def.fields.length === 1 ? '' : 's'}</span>
      </button>
      {open && (
        <div className="ef-type__body">
          <TextField label="Description" field="description" value={def.description} commit={(v) => put({ ...def, description: v }, 'description')} onDone={done} />
          <TextField label="Key field" field="keyField" value={def.keyField} commit={(v) => put({ ...def, keyField: v }, 'keyField')} onDone={done} />
          <div className="ef-payload">
            {def.fields.map((f, i) => (
              <div className="ef-payload__row" key={i}>
                <TextField label="Field" field={`fields.${i}.name`} value={f.name} commit={(v) => setField(i, { name: v }, 'name')} onDone={done} />
                <SelectField label="Type" field={`fields.${i}.type`} value={f.type} options={FIELD_TYPES} commit={(v) => step(setField(i, { type: v }, 'type'))} />
                <BoolField label="Required" field={`fields.${i}.required`} value={f.required} commit={(v) => step(setField(i, { required: v }, 'required'))} />
                <button type="button" className="ef-icon-btn" aria-label={`Remove field ${f.name}`} onClick={() => step(put({ ...def, fields: def.fields.filter((_, k) => k !== i) }, 'remove'))}>×</button>
                <div className="ef-payload__about">
                  <TextField label={`About ${f.name}`} field={`fields.${i}.description`} value={f.description ?? ''} placeholder="optional; exported with the schema"
                    commit={(v) => setField(i, { description: v === '' ? undefined : v }, 'description')} onDone={done} />
                </div>
              </div>
            ))}
          </div>
          <div className="ef-row-actions">
            <button type="button" className="ef-btn ef-btn--small" onClick={() => step(put({ ...def, fields: [...def.fields, { name: freeName(), type: 'string', required: true }] }, 'add'))}>Add field</button>
            <button type="button" className="ef-btn ef-btn--small ef-btn--danger" onClick={() => store.getState().apply(removeEventType(def.name))}>Delete type</button>
          </div>
        </div>
      )}
    </div>
  );
}
