import { useState } from 'react';
import { TEMPLATES } from '../../shared/model/templates';
import { Dialog } from './Dialog';
import { Icon } from './icons';
import type { IconName } from './icons';

export interface NewProjectChoice {
  name: string;
  templateId: string;
}

const TEMPLATE_ICON: Record<string, IconName> = { empty: 'template', checkout: 'canvas', monolith: 'monolith', 'flash-sale': 'burst' };

/** The New project wizard: a name and a starting template. */
export function NewProjectDialog({ onCreate, onClose }: { onCreate: (choice: NewProjectChoice) => Promise<void>; onClose: () => void }) {
  const [name, setName] = useState('Untitled project');
  // until the user types a name, the project is named after the template it starts from
  const [named, setNamed] = useState(false);
  const [templateId, setTemplateId] = useState(TEMPLATES[0].id);
  const pick = (t: (typeof TEMPLATES)[number]) => {
    setTemplateId(t.id);
    if (!named) setName(t.id === 'empty' ? 'Untitled project' : t.label);
  };
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();
  const error = trimmed.length === 0 ? 'Give the project a name.' : trimmed.length > 200 ? 'Names are at most 200 characters.' : undefined;

  const create = async () => {
    if (error || busy) return;
    setBusy(true);
    try {
      await onCreate({ name: trimmed, templateId });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="New project"
      wide
      onClose={onClose}
      onSubmit={() => void create()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={Boolean(error) || busy}>
            Create project
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">Name</span>
        <input
          className={error ? 'input input-invalid' : 'input'}
          value={name}
          maxLength={200}
          onChange={(e) => { setName(e.target.value); setNamed(true); }}
          onFocus={(e) => e.target.select()}
          aria-invalid={Boolean(error)}
          data-autofocus
        />
        {error && <span className="field-error">{error}</span>}
      </label>
      <div className="field">
        <span className="field-label" id="template-label">
          Start from
        </span>
        <div className="templates" role="radiogroup" aria-labelledby="template-label">
          {TEMPLATES.map((t) => (
            <button
              key={t.id}
              type="button"
              role="radio"
              aria-checked={t.id === templateId}
              className="template-card"
              onClick={() => pick(t)}
            >
              <span className="template-preview">
                <Icon name={TEMPLATE_ICON[t.id] ?? 'template'} size={28} strokeWidth={1.1} />
              </span>
              <span className="template-name">{t.label}</span>
              <span className="template-desc">{t.description}</span>
            </button>
          ))}
        </div>
      </div>
    </Dialog>
  );
}
