/**
 * `npm run web`: the same backend and UI as the desktop app, in any browser on this machine.
 * Prints the URL (with its per-launch token) and the data folder; opens nothing.
 */
import path from 'node:path';
import { openBackend, resolveDataDir } from '../backend';
import { exitGracefullyOnSignals } from '../backend/graceful-exit';
import { parseHostArgs } from './args';
import { startWebHost } from './server';

const APP_VERSION = process.env.npm_package_version ?? '0.1.0';

async function main(): Promise<void> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`eventflow web host: ${(e as Error).message}`);
    process.exit(2);
  }
  const dataDir = resolveDataDir({ argv: process.argv.slice(2), env: process.env });
  let backend;
  try {
    backend = openBackend({ dataDir, transport: 'websocket', appVersion: APP_VERSION });
  } catch (e) {
    // newer-version / corrupt database: say why, leave the file alone
    console.error(`eventflow web host: ${(e as Error).message}`);
    process.exit(1);
  }
  const staticDir = path.join(__dirname, '..', 'renderer');
  let host;
  try {
    host = await startWebHost({ backend, staticDir, port: args.port, log: (m) => console.error(m) });
  } catch (e) {
    backend.close();
    console.error(`eventflow web host: cannot listen on 127.0.0.1:${args.port}: ${(e as Error).message}`);
    process.exit(1);
  }
  console.log(`EventFlow Studio web host: ${host.url}`);
  console.log(`Data: ${backend.store.databaseFile}`);

  // live runs end as 'stopped' (not 'interrupted') with everything they wrote; WAL checkpointed
  exitGracefullyOnSignals({
    name: 'eventflow web host',
    log: (m) => console.error(m),
    stop: async () => {
      try {
        await host.close();
      } finally {
        await backend.shutdown();
      }
    },
    exit: (code) => process.exit(code),
  });
}

void main();
