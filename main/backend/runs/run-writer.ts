/**
 * Where a run worker's SQLite writes go. DirectRunWriter writes on the calling thread; the
 * ThreadedRunWriter hands them, in order, to a second worker (role 'writer') with its own
 * connection, so the simulation thread only builds blocks while SQLite commits run in parallel.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { RunStatus } from '../../../shared/api/runs';
import type { RunKpis } from '../../../shared/api/runs';
import type { RunSummary } from '../../../shared/runtime/api';
import type { RunBatch, RunRepository } from './run-repository';

export interface RunWriter {
  setStatus(id: number, status: RunStatus, error?: string | null): void;
  heartbeat(id: number): void;
  writeBatch(id: number, b: RunBatch): void;
  finish(id: number, status: RunStatus, summary: RunSummary | null, kpis: RunKpis | null, simMs: number, error: string | null): void;
  /** resolves when everything written so far is committed; rejects with the first write error */
  drain(): Promise<void>;
  /** the first write error, if any (the run then fails) */
  readonly failure: string | null;
  close(): Promise<void>;
}

export class DirectRunWriter implements RunWriter {
  readonly failure = null;
  constructor(private readonly repo: RunRepository) {}
  setStatus(id: number, status: RunStatus, error: string | null = null): void {
    this.repo.setStatus(id, status, error);
  }
  heartbeat(id: number): void {
    this.repo.heartbeat(id);
  }
  writeBatch(id: number, b: RunBatch): void {
    this.repo.writeBatch(id, b);
  }
  finish(id: number, status: RunStatus, summary: RunSummary | null, kpis: RunKpis | null, simMs: number, error: string | null): void {
    this.repo.finish(id, status, summary, kpis, simMs, error);
  }
  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}

const anyObject = z.custom<object>((v) => typeof v === 'object' && v !== null);
/** main run thread -> writer thread */
export const ToWriter = z.discriminatedUnion('op', [
  z.object({ op: z.literal('status'), id: z.number(), status: RunStatus, error: z.string().nullable() }),
  z.object({ op: z.literal('heartbeat'), id: z.number() }),
  z.object({ op: z.literal('batch'), id: z.number(), batch: z.custom<RunBatch>((v) => typeof v === 'object' && v !== null && 'blocks' in v) }),
  z.object({ op: z.literal('finish'), id: z.number(), status: RunStatus, summary: anyObject.nullable(), kpis: anyObject.nullable(), simMs: z.number(), error: z.string().nullable() }),
  z.object({ op: z.literal('drain'), token: z.number() }),
  z.object({ op: z.literal('close') }),
]);
export type ToWriter = z.infer<typeof ToWriter>;
export const FromWriter = z.discriminatedUnion('t', [
  z.object({ t: z.literal('drained'), token: z.number() }),
  z.object({ t: z.literal('error'), message: z.string() }),
]);

/** Applies one writer message to the repository (runs in the writer thread). */
export function applyWrite(repo: RunRepository, m: ToWriter): void {
  switch (m.op) {
    case 'status': return repo.setStatus(m.id, m.status, m.error);
    case 'heartbeat': return repo.heartbeat(m.id);
    case 'batch': return repo.writeBatch(m.id, m.batch);
    case 'finish': return repo.finish(m.id, m.status, m.summary as RunSummary | null, m.kpis as RunKpis | null, m.simMs, m.error);
    default: return undefined;
  }
}

export class ThreadedRunWriter implements RunWriter {
  private readonly worker: Worker;
  private failed: string | null = null;
  private token = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly exited: Promise<void>;

  constructor(workerFile: string, dbFile: string, nativeBinding: string | undefined, maxDatabaseBytes?: number) {
    this.worker = new Worker(workerFile, { workerData: { role: 'writer', dbFile, ...(nativeBinding ? { nativeBinding } : {}), ...(maxDatabaseBytes !== undefined ? { maxDatabaseBytes } : {}) } });
    this.worker.on('message', (raw: unknown) => {
      const m = FromWriter.safeParse(raw);
      if (!m.success) return;
      if (m.data.t === 'error') {
        this.failed ??= m.data.message;
        for (const w of this.waiting.values()) w.reject(new Error(m.data.message));
        this.waiting.clear();
      } else {
        this.waiting.get(m.data.token)?.resolve();
        this.waiting.delete(m.data.token);
      }
    });
    this.worker.on('error', (e) => {
      this.failed ??= `the writer thread failed: ${e.message}`;
    });
    this.exited = new Promise((resolve) => this.worker.on('exit', () => {
      this.failed ??= null;
      for (const w of this.waiting.values()) w.reject(new Error(this.failed ?? 'the writer thread exited'));
      this.waiting.clear();
      resolve();
    }));
  }

  get failure(): string | null {
    return this.failed;
  }

  private send(m: ToWriter): void {
    this.worker.postMessage(m);
  }

  setStatus(id: number, status: RunStatus, error: string | null = null): void {
    this.send({ op: 'status', id, status, error });
  }
  heartbeat(id: number): void {
    this.send({ op: 'heartbeat', id });
  }
  writeBatch(id: number, batch: RunBatch): void {
    // the blocks' bytes move to the writer thread (transferred, not copied); the recorder no longer holds them
    const transfer: ArrayBuffer[] = [];
    for (const b of batch.blocks) if (b.cols.byteOffset === 0 && b.cols.byteLength === b.cols.buffer.byteLength) transfer.push(b.cols.buffer as ArrayBuffer);
    this.worker.postMessage({ op: 'batch', id, batch } satisfies ToWriter, transfer);
  }
  finish(id: number, status: RunStatus, summary: RunSummary | null, kpis: RunKpis | null, simMs: number, error: string | null): void {
    this.send({ op: 'finish', id, status, summary, kpis, simMs, error });
  }
  drain(): Promise<void> {
    if (this.failed !== null) return Promise.reject(new Error(this.failed));
    const token = ++this.token;
    return new Promise((resolve, reject) => {
      this.waiting.set(token, { resolve, reject });
      this.send({ op: 'drain', token });
    });
  }
  async close(): Promise<void> {
    this.send({ op: 'close' });
    await this.exited;
  }
}
