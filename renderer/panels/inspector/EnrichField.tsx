import { useState } from 'react';
import type { Commit } from './fields';
import { TextField } from './fields';
import type { Attributes, AttributeResult } from './list-edits';
import { addAttribute, removeAttribute, renameAttribute, setAttributeValue } from './list-edits';
import { ListBlock } from './WindowsField';

/**
 * A map operator's `enrich` record: fixed attributes added to every payload, as key → value rows.
 * Rows keep their order and are keyed by position, so renaming a key never loses focus. A key that
 * is empty or already used is refused inline and the stored record stays as it was.
 */
export function EnrichField({ field, value, commit, done }: { field: string; value: Attributes; commit: Commit<Record<string, string>>; done: () => void }) {
  const [error, setError] = useState<string>();
  const entries = Object.entries(value);
  const via = (r: AttributeResult): string | undefined => (r.ok ? commit(r.value) : r.error);
  const step = (next: Record<string, string>) => { setError(commit(next)); done(); };
  return (
    <ListBlock title="Enrich with" field={field} count={entries.length} error={error} addLabel="Add attribute" canAdd onAdd={() => step(addAttribute(value))}
      empty="No attributes: payloads pass through unchanged (apart from Emit as).">
      {entries.map(([k, v], i) => (
        <div className="ef-attr" key={i} data-row={i}>
          <TextField label="Key" field={`${field}.${i}.key`} value={k} placeholder="e.g. channel" commit={(text) => via(renameAttribute(value, i, text))} onDone={done} />
          <TextField label="Value" field={`${field}.${i}.value`} value={v} commit={(text) => via(setAttributeValue(value, i, text))} onDone={done} />
          <button type="button" className="ef-icon-btn" aria-label={`Remove attribute ${k}`} onClick={() => step(removeAttribute(value, i))}>×</button>
        </div>
      ))}
    </ListBlock>
  );
}
