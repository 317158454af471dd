/**
 * A private RabbitMQ for tests (MACHINE.md): Debian's rabbitmq-server started as a child process
 * on free ports, with its own node name, data, logs, cookie (HOME), epmd port and plugins file,
 * and stopped afterwards. Never the system service, never a fixed port.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'amqplib';

// Debian's server script; EVENTFLOW_RABBITMQ_SERVER points elsewhere (another install, or to check the skip path)
const SERVER = process.env['EVENTFLOW_RABBITMQ_SERVER'] ?? '/usr/lib/rabbitmq/bin/rabbitmq-server';
const START_TIMEOUT_MS = 90_000;

export interface TestBroker {
  /** amqp://guest:guest@127.0.0.1:PORT (guest may log in from localhost only) */
  readonly url: string;
  readonly amqpPort: number;
  /** management HTTP API base, e.g. http://127.0.0.1:PORT/api */
  readonly managementUrl: string;
  readonly nodeName: string;
  /** GET on the management API with the guest credentials */
  management<T>(path: string): Promise<T>;
  /** PUT / DELETE on the management API (test set-up: vhosts, permissions) */
  manage(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<void>;
  stop(): Promise<void>;
}

/** why a private broker cannot be had here, or null when it can be tried */
export function brokerUnavailableReason(): string | null {
  if (!existsSync(SERVER)) return `${SERVER} is not installed (apt-get install -y rabbitmq-server; .ci/run does it)`;
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startTestBroker(): Promise<TestBroker> {
  const reason = brokerUnavailableReason();
  if (reason !== null) throw new Error(reason);
  const dir = mkdtempSync(join(tmpdir(), 'eventflow-rabbit-'));
  const [amqpPort, mgmtPort, distPort, epmdPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const nodeName = `eventflow-${process.pid}-${amqpPort}@localhost`;
  const pluginsFile = join(dir, 'enabled_plugins');
  writeFileSync(pluginsFile, '[rabbitmq_management].\n');
  const confBase = join(dir, 'rabbitmq');
  writeFileSync(`${confBase}.conf`, [
    `listeners.tcp.default = ${amqpPort}`,
    `management.tcp.port = ${mgmtPort}`,
    'management.tcp.ip = 127.0.0.1',
    // the test machine's disk may be nearly full; a test broker must not block publishers for it
    'disk_free_limit.absolute = 1MB',
    // the management API lists connections from stats: refresh them twice a second, not every 5 s
    'collect_statistics_interval = 500',
    '',
  ].join('\n'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_PORT: String(epmdPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: pluginsFile,
    RABBITMQ_CONFIG_FILE: `${confBase}.conf`,
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
    RABBITMQ_PID_FILE: join(dir, 'rabbit.pid'),
  };
  let output = '';
  // its own process group: stop() reaches beam and its helpers, and nothing else
  const child: ChildProcess = spawn(SERVER, [], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-4000); });
  child.stderr?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-4000); });
  let exited: number | null = null;
  // if the test process dies without stop() (a timeout, Ctrl+C), the broker must not outlive it
  const orphanGuard = (): void => {
    if (exited === null && child.pid !== undefined) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    spawnSync('epmd', ['-port', String(epmdPort), '-kill'], { env: { ...process.env, ERL_EPMD_PORT: String(epmdPort) }, stdio: 'ignore' });
  };
  process.once('exit', orphanGuard);
  child.once('exit', (code) => { exited = code ?? -1; });

  const url = `amqp://guest:guest@127.0.0.1:${amqpPort}`;
  const managementUrl = `http://127.0.0.1:${mgmtPort}/api`;
  const auth = `Basic ${Buffer.from('guest:guest').toString('base64')}`;
  const management = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${managementUrl}${path}`, { headers: { authorization: auth } });
    if (!res.ok) throw new Error(`management ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };

  const manage = async (method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<void> => {
    const res = await fetch(`${managementUrl}${path}`, {
      method, headers: { authorization: auth, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`management ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', orphanGuard);
    if (exited === null && child.pid !== undefined) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      for (let i = 0; i < 100 && exited === null; i++) await sleep(100);
      if (exited === null) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    // epmd daemonises out of the group: stop the one on our private port only
    spawnSync('epmd', ['-port', String(epmdPort), '-kill'], { env, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };

  const started = Date.now();
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`rabbitmq-server exited with code ${String(exited)} before accepting connections:\n${output}`);
    }
    if (Date.now() - started > START_TIMEOUT_MS) {
      await stop();
      throw new Error(`rabbitmq-server did not accept AMQP connections on port ${amqpPort} within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    try {
      const c = await connect(url);
      await c.close();
      await management('/overview');
      break;
    } catch {
      await sleep(250);
    }
  }
  return { url, amqpPort, managementUrl, nodeName, management, manage, stop };
}
