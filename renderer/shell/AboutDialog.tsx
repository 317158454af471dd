import type { MethodOutput } from '../../shared/api/contract';
import { Dialog } from './Dialog';
import { Icon } from './icons';

/** Version, where the data lives, and how this window talks to the backend. */
export function AboutDialog({ info, onClose }: { info: MethodOutput<'app.info'> | undefined; onClose: () => void }) {
  const rows: [string, string][] = info
    ? [
        ['Version', info.version],
        ['Topology schema', String(info.schemaVersion)],
        ['Transport', info.transport === 'ipc' ? 'Electron IPC' : 'WebSocket (web host)'],
        ['Data folder', info.dataDir],
        ['Database', info.databaseFile],
      ]
    : [];
  return (
    <Dialog
      title="About EventFlow Studio"
      onClose={onClose}
      onSubmit={onClose}
      footer={
        <button type="submit" className="btn btn-primary">
          Done
        </button>
      }
    >
      <div className="about-head">
        <span className="brand-mark about-mark">
          <Icon name="logo" size={22} />
        </span>
        <p>Design event-driven commerce architectures, simulate them against realistic traffic, and keep every run.</p>
      </div>
      <dl className="about-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
