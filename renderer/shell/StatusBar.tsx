import type { MethodOutput } from '../../shared/api/contract';
import type { ConnectionState } from '../api/ws-transport';
import { Icon } from './icons';

const STATE_LABEL: Record<ConnectionState, string> = { open: 'connected', connecting: 'connecting…', reconnecting: 'reconnecting…', restarted: 'host restarted', closed: 'disconnected' };

/** Which backend the UI talks to, over what, and which database file holds the data. */
export function StatusBar({ info, state, transport }: { info: MethodOutput<'app.info'> | undefined; state: ConnectionState; transport: 'ipc' | 'websocket' }) {
  return (
    <footer className="statusbar">
      <span className="status-item" data-testid="status-transport" title="How this window talks to the backend">
        <span className={`dot ${state}`} />
        {transport === 'ipc' ? 'Desktop (IPC)' : 'Web host (WebSocket)'} · {STATE_LABEL[state]}
      </span>
      <span className="status-item grow" title={info?.databaseFile}>
        <Icon name="database" size={12} />
        <span className="status-path" data-testid="status-database">
          {info?.databaseFile ?? '…'}
        </span>
      </span>
      {info && (
        <span className="status-item">
          v{info.version} · schema {info.schemaVersion}
        </span>
      )}
    </footer>
  );
}
