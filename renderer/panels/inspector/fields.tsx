import type { ReactNode } from 'react';
import { createContext, useContext, useId, useState } from 'react';
import { whatifUi } from '../../whatif/whatif-store';
import { eventColor } from '../../canvas/event-colors';

/** Commit a value; returns an error message when it was refused (nothing stored then). */
export type Commit<T> = (value: T) => string | undefined;

interface FieldShell {
  label: string;
  field: string;
  hint?: string;
}

function Row({ label, htmlFor, error, hint, children, unit, action }: { label: string; htmlFor: string; error?: string; hint?: string; unit?: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className={`ef-field${error ? ' has-error' : ''}`}>
      {action === undefined
        ? <label htmlFor={htmlFor} className="ef-field__label">{label}</label>
        : <div className="ef-field__labelrow"><label htmlFor={htmlFor} className="ef-field__label">{label}</label>{action}</div>}
      <div className="ef-field__control">
        {children}
        {unit && <span className="ef-field__unit">{unit}</span>}
      </div>
      {error ? <div className="ef-field__error" role="alert">{error}</div> : hint ? <div className="ef-field__hint">{hint}</div> : null}
    </div>
  );
}

/**
 * Text drafts: what the user types is kept locally until it is valid; the stored value shows
 * again when the field loses focus (or changes from outside, e.g. undo).
 */
function useDraft(stored: string) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  return {
    text: draft ?? stored,
    error,
    set(text: string, err: string | undefined) { setDraft(text); setError(err); },
    reset() { setDraft(undefined); setError(undefined); },
  };
}

/** The node whose settings the fields below edit: its numeric fields offer "Sweep this" (What-if). */
const SweepNode = createContext<string | undefined>(undefined);
export function SweepThisScope({ nodeId, children }: { nodeId: string; children: ReactNode }) {
  return <SweepNode.Provider value={nodeId}>{children}</SweepNode.Provider>;
}

export function NumberField({ label, field, hint, unit, value, commit, onDone }: FieldShell & { unit?: string; value: number | undefined; commit: Commit<number | undefined>; onDone?: () => void }) {
  const id = useId();
  const d = useDraft(value === undefined ? '' : String(value));
  const nodeId = useContext(SweepNode);
  const sweepPath = nodeId !== undefined && field.startsWith('settings.') && value !== undefined ? `${nodeId}.${field.slice('settings.'.length)}` : undefined;
  return (
    <Row label={label} htmlFor={id} error={d.error} hint={hint} unit={unit} action={sweepPath === undefined ? undefined : (
      <button type="button" className="ef-field__sweep" onClick={() => whatifUi.getState().sweepThis(sweepPath, value!)}
        title={`Sweep this: vary ${sweepPath} in the What-if panel`} aria-label={`Sweep ${label}`} data-testid="sweep-this" data-path={sweepPath}>⇶</button>
    )}>
      <input
        id={id}
        data-field={field}
        className="ef-input ef-input--number"
        inputMode="decimal"
        value={d.text}
        aria-invalid={d.error ? true : undefined}
        onChange={(e) => {
          const text = e.target.value;
          const trimmed = text.trim();
          if (trimmed === '') return d.set(text, commit(undefined));
          const n = Number(trimmed.replace(',', '.'));
          if (!Number.isFinite(n)) return d.set(text, 'Enter a number');
          d.set(text, commit(n));
        }}
        onBlur={() => { d.reset(); onDone?.(); }}
      />
    </Row>
  );
}

export function TextField({ label, field, hint, value, commit, onDone, placeholder, multiline }: FieldShell & { value: string; commit: Commit<string>; onDone?: () => void; placeholder?: string; multiline?: boolean }) {
  const id = useId();
  const d = useDraft(value);
  const props = {
    id,
    'data-field': field,
    className: 'ef-input',
    value: d.text,
    placeholder,
    'aria-invalid': d.error ? true : undefined,
    onChange: (e: { target: { value: string } }) => d.set(e.target.value, commit(e.target.value)),
    onBlur: () => { d.reset(); onDone?.(); },
  };
  return (
    <Row label={label} htmlFor={id} error={d.error} hint={hint}>
      {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
    </Row>
  );
}

/** A #rrggbb colour: the platform's colour picker plus the hex text, both validated on commit. */
export function ColorField({ label, field, hint, value, commit, onDone }: FieldShell & { value: string; commit: Commit<string>; onDone?: () => void }) {
  const id = useId();
  const d = useDraft(value);
  return (
    <Row label={label} htmlFor={id} error={d.error} hint={hint}>
      <input type="color" className="ef-color" aria-label={`${label} picker`} value={/^#[0-9a-fA-F]{6}$/.test(d.text) ? d.text : value}
        onChange={(e) => d.set(e.target.value, commit(e.target.value))} onBlur={() => { d.reset(); onDone?.(); }} />
      <input id={id} data-field={field} className="ef-input" value={d.text} spellCheck={false} aria-invalid={d.error ? true : undefined}
        onChange={(e) => d.set(e.target.value, commit(e.target.value))} onBlur={() => { d.reset(); onDone?.(); }} />
    </Row>
  );
}

export function SelectField<T extends string>({ label, field, hint, value, options, commit, labels }: FieldShell & { value: T; options: readonly T[]; commit: Commit<T>; labels?: Partial<Record<T, string>> }) {
  const id = useId();
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <Row label={label} htmlFor={id} error={error} hint={hint}>
      <select id={id} data-field={field} className="ef-input ef-select" value={value} onChange={(e) => setError(commit(e.target.value as T))}>
        {options.map((o) => <option key={o} value={o}>{labels?.[o] ?? o}</option>)}
      </select>
    </Row>
  );
}

export function BoolField({ label, field, hint, value, commit }: FieldShell & { value: boolean; commit: Commit<boolean> }) {
  const id = useId();
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <div className={`ef-field ef-field--bool${error ? ' has-error' : ''}`}>
      <label className="ef-switch" htmlFor={id}>
        <input id={id} type="checkbox" data-field={field} checked={value} onChange={(e) => setError(commit(e.target.checked))} />
        <span className="ef-switch__track" aria-hidden="true" />
        <span className="ef-field__label">{label}</span>
      </label>
      {error ? <div className="ef-field__error" role="alert">{error}</div> : hint ? <div className="ef-field__hint">{hint}</div> : null}
    </div>
  );
}

/** Event types as tokens: remove with ×, add from the catalog (+ project types) by typing. */
export function TypesField({ label, field, hint, value, suggestions, commit }: FieldShell & { value: readonly string[]; suggestions: readonly string[]; commit: Commit<string[]> }) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const add = (raw: string) => {
    const name = raw.trim();
    if (!name) return;
    if (value.includes(name)) { setText(''); return; }
    const err = commit([...value, name]);
    setError(err);
    if (!err) setText('');
  };
  return (
    <Row label={label} htmlFor={id} error={error} hint={hint}>
      <div className="ef-tokens" data-field={field}>
        {value.map((t) => (
          <span key={t} className="ef-token" style={{ ['--chip' as string]: eventColor(t) }}>
            {t}
            <button type="button" className="ef-token__remove" aria-label={`Remove ${t}`} onClick={() => setError(commit(value.filter((x) => x !== t)))}>×</button>
          </span>
        ))}
        <input
          id={id}
          className="ef-tokens__input"
          list={listId}
          value={text}
          placeholder={value.length ? '' : 'Add event type…'}
          aria-label={`Add to ${label}`}
          onChange={(e) => {
            const v = e.target.value;
            // picking from the datalist fills the whole name: add it at once
            if (suggestions.includes(v) && !value.includes(v)) add(v);
            else setText(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') { e.preventDefault(); add(text); }
            if (e.key === 'Backspace' && text === '' && value.length > 0) setError(commit(value.slice(0, -1)));
          }}
          onBlur={() => { if (text.trim()) add(text); }}
        />
        <datalist id={listId}>
          {suggestions.filter((s) => !value.includes(s)).map((s) => <option key={s} value={s} />)}
        </datalist>
      </div>
    </Row>
  );
}

export function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="ef-section">
      <header className="ef-section__head"><h3>{title}</h3>{aside}</header>
      <div className="ef-section__body">{children}</div>
    </section>
  );
}
