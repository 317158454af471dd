import type { RawData, WebSocket } from 'ws';
import { isApiErrorShape } from '../../shared/api/client';
import { ClientFrame } from '../../shared/api/wire';
import type { ServerFrame, WireError } from '../../shared/api/wire';
import { issuesFromZod } from '../../shared/model/validate';
import type { Backend } from '../backend/api';

/** Most live subscriptions one connection may hold (a leaking tab must not exhaust the host). */
const MAX_SUBSCRIPTIONS = 1000;

function toWireError(e: unknown): WireError {
  if (isApiErrorShape(e)) return e.issues ? { code: e.code, message: e.message, issues: e.issues } : { code: e.code, message: e.message };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/**
 * Serves the api on one authenticated WebSocket: every frame is validated, every failure
 * answered with an error frame (never a thrown exception), subscriptions end with the socket.
 */
export function serveApiConnection(ws: WebSocket, backend: Pick<Backend, 'dispatch' | 'subscribe'>, log: (m: string) => void = () => {}): void {
  const subscriptions = new Map<string | number, () => void>();

  const send = (frame: ServerFrame) => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (e) {
      text = JSON.stringify({ t: 'res', id: 'id' in frame ? frame.id : null, ok: false, error: { code: 'internal', message: `reply not serialisable: ${(e as Error).message}` } });
    }
    ws.send(text);
  };
  const fail = (id: string | number | null, error: WireError) => send({ t: 'res', id, ok: false, error });

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      fail(null, { code: 'invalid-input', message: 'binary frames are not accepted; send JSON text' });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch (e) {
      fail(null, { code: 'invalid-input', message: `frame is not JSON: ${(e as Error).message}` });
      return;
    }
    const parsed = ClientFrame.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && (typeof (raw as { id?: unknown }).id === 'number' || typeof (raw as { id?: unknown }).id === 'string') ? (raw as { id: string | number }).id : null;
      const issues = issuesFromZod(parsed.error);
      fail(id, { code: 'invalid-input', message: `malformed frame: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
      return;
    }
    const frame = parsed.data;
    switch (frame.t) {
      case 'req':
        backend.dispatch(frame.method, frame.input).then(
          (result) => send({ t: 'res', id: frame.id, ok: true, result }),
          (e: unknown) => fail(frame.id, toWireError(e)),
        );
        return;
      case 'sub': {
        if (subscriptions.has(frame.id)) return fail(frame.id, { code: 'conflict', message: `subscription ${frame.id} already exists` });
        if (subscriptions.size >= MAX_SUBSCRIPTIONS) return fail(frame.id, { code: 'refused', message: `more than ${MAX_SUBSCRIPTIONS} subscriptions on one connection` });
        try {
          const end = backend.subscribe(frame.stream, frame.params, (event) => send({ t: 'evt', id: frame.id, event }));
          subscriptions.set(frame.id, end);
          send({ t: 'res', id: frame.id, ok: true, result: null });
        } catch (e) {
          fail(frame.id, toWireError(e));
        }
        return;
      }
      case 'unsub': {
        const end = subscriptions.get(frame.id);
        subscriptions.delete(frame.id);
        end?.();
        return;
      }
    }
  });

  ws.on('close', () => {
    for (const end of subscriptions.values()) {
      try {
        end();
      } catch (e) {
        log(`eventflow: ending a subscription failed: ${(e as Error).message}`);
      }
    }
    subscriptions.clear();
  });
  ws.on('error', (e) => log(`eventflow: websocket error: ${e.message}`));
}
