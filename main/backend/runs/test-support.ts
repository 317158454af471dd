/** Shared by the runs tests and benches: a real backend on a temp data folder with the checkout project. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunStatus, RunStatusEvent } from '../../../shared/api/runs';
import { TERMINAL_RUN_STATUSES } from '../../../shared/api/runs';
import { checkoutTemplate } from '../../../shared/model/templates';
import type { Topology } from '../../../shared/model/topology';
import { parseTopology } from '../../../shared/model/validate';
import { createBackend } from '../api';
import type { Backend } from '../api';
import { openStore } from '../store';

export function checkoutTopology(): Topology {
  const r = parseTopology(checkoutTemplate());
  if (!r.ok) throw new Error('checkout template invalid');
  return r.value;
}

export interface TestBackend {
  backend: Backend;
  dataDir: string;
  projectId: string;
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  /** resolves with the first status event of runId matching `want` */
  waitStatus(runId: number, want: (s: RunStatus) => boolean, timeoutMs?: number): Promise<RunStatusEvent>;
  close(): Promise<void>;
}

export function openTestBackend(workerFile: string, dataDir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-runs-')), writerThread = true): TestBackend {
  const store = openStore({ dataDir });
  const backend = createBackend(store, { transport: 'ipc', runs: { workerFile, writerThread } });
  const project = store.projects.create('Checkout', checkoutTopology());
  const call = <T,>(method: string, input: unknown): Promise<T> => backend.dispatch(method, input) as Promise<T>;
  const waitStatus = (runId: number, want: (s: RunStatus) => boolean, timeoutMs = 60_000): Promise<RunStatusEvent> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`run ${runId}: status not reached within ${timeoutMs} ms (now ${backend.runs.repo.meta(runId).status})`));
      }, timeoutMs);
      const sub = backend.runs.hub.on('runs.status', (e) => {
        if (e.runId === runId && want(e.status)) {
          clearTimeout(timer);
          sub.dispose();
          resolve(e);
        }
      });
      // it may already be there
      const now = backend.runs.repo.meta(runId);
      if (want(now.status) && !backend.runs.isLive(runId)) {
        clearTimeout(timer);
        sub.dispose();
        resolve({ runId, projectId: now.projectId, status: now.status, simMs: now.simulatedMs, endMs: now.durationSec * 1000, error: now.error });
      }
    });
  return {
    backend, dataDir, projectId: project.id, call, waitStatus,
    async close() {
      await backend.runs.dispose();
      store.close();
    },
  };
}

export const isTerminal = (s: RunStatus): boolean => TERMINAL_RUN_STATUSES.includes(s);
