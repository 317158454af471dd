import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { isApiErrorShape } from '../../shared/api/client';
import type { BackendPort, LocalMethods } from './backend-port';
import type { IpcErrorShape, IpcReply } from './ipc-protocol';
import { IPC, MAX_NAME_LENGTH, SUBSCRIPTION_ID } from './ipc-protocol';
import type { SenderVerdict, TrustedRenderer } from './sender-policy';
import { checkSender } from './sender-policy';

/**
 * The Electron IPC transport of the api: one request channel and one subscription pair,
 * generic over shared/api. Every message's sender is checked (our window, main frame, our
 * file) and every envelope validated; the backend validates each method's input with the
 * contract's zod schema, exactly as for the WebSocket transport.
 */

const RequestEnvelope = z.object({ method: z.string().min(1).max(MAX_NAME_LENGTH), input: z.unknown() }).strict();
const SubscribeEnvelope = z.object({ subscriptionId: z.string().regex(SUBSCRIPTION_ID), stream: z.string().min(1).max(MAX_NAME_LENGTH), params: z.unknown() }).strict();
const UnsubscribeEnvelope = z.object({ subscriptionId: z.string().regex(SUBSCRIPTION_ID) }).strict();

/** Most live subscriptions one window may hold (a leak in the UI must not exhaust main). */
const MAX_SUBSCRIPTIONS = 1000;

export interface IpcTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  backend: BackendPort;
  /** desktop-only methods answered here, not by the backend (e.g. native file dialogs) */
  localMethods?: LocalMethods;
  /** the window allowed to talk, or undefined while none is open */
  trusted: () => TrustedRenderer | undefined;
  log?: (message: string) => void;
}

export function toIpcError(e: unknown): IpcErrorShape {
  if (isApiErrorShape(e)) return e.issues ? { code: e.code, message: e.message, issues: e.issues } : { code: e.code, message: e.message };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

function senderVerdict(event: IpcMainEvent | IpcMainInvokeEvent, trusted: TrustedRenderer | undefined): SenderVerdict {
  const frame = event.senderFrame;
  return checkSender(
    { webContentsId: event.sender.id, frame: frame && !frame.isDestroyed() ? { url: frame.url, isMainFrame: frame.parent === null } : null },
    trusted,
  );
}

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(message)', message: i.message }));
}

/** Registers the channels; returns a function that removes them and ends every subscription. */
export function registerIpcTransport(opts: IpcTransportOptions): () => void {
  const log = opts.log ?? ((m: string) => console.warn(m));
  const subscriptions = new Map<number, Map<string, () => void>>();

  const endAll = (contentsId: number) => {
    const subs = subscriptions.get(contentsId);
    if (!subs) return;
    subscriptions.delete(contentsId);
    for (const end of subs.values()) safely(end, log);
  };

  const watched = new WeakSet<WebContents>();
  const watch = (contents: WebContents) => {
    if (watched.has(contents)) return;
    watched.add(contents);
    // A reload or a crash leaves no listener on the other side: end its subscriptions.
    contents.on('destroyed', () => endAll(contents.id));
    contents.on('render-process-gone', () => endAll(contents.id));
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) endAll(contents.id);
    });
  };

  const refuse = (channel: string, verdict: Extract<SenderVerdict, { ok: false }>): IpcReply<never> => {
    log(`eventflow: ${channel} refused: ${verdict.reason}`);
    return { ok: false, error: { code: 'refused', message: `refused: ${verdict.reason}` } };
  };

  opts.ipcMain.handle(IPC.request, async (event, raw: unknown): Promise<IpcReply> => {
    const verdict = senderVerdict(event, opts.trusted());
    if (!verdict.ok) return refuse(IPC.request, verdict);
    const envelope = RequestEnvelope.safeParse(raw);
    if (!envelope.success) return { ok: false, error: { code: 'invalid-input', message: 'malformed request', issues: zodIssues(envelope.error) } };
    try {
      const { method, input } = envelope.data;
      const local = opts.localMethods && Object.prototype.hasOwnProperty.call(opts.localMethods, method) ? opts.localMethods[method] : undefined;
      return { ok: true, value: local ? await local(input) : await opts.backend.dispatch(method, input) };
    } catch (e) {
      return { ok: false, error: toIpcError(e) };
    }
  });

  opts.ipcMain.handle(IPC.subscribe, (event, raw: unknown): IpcReply<null> => {
    const verdict = senderVerdict(event, opts.trusted());
    if (!verdict.ok) return refuse(IPC.subscribe, verdict);
    const envelope = SubscribeEnvelope.safeParse(raw);
    if (!envelope.success) return { ok: false, error: { code: 'invalid-input', message: 'malformed subscription', issues: zodIssues(envelope.error) } };
    const { subscriptionId, stream, params } = envelope.data;
    const contents = event.sender;
    watch(contents);
    const subs = subscriptions.get(contents.id) ?? new Map<string, () => void>();
    if (subs.has(subscriptionId)) return { ok: false, error: { code: 'conflict', message: `subscription ${subscriptionId} exists` } };
    if (subs.size >= MAX_SUBSCRIPTIONS) return { ok: false, error: { code: 'refused', message: `more than ${MAX_SUBSCRIPTIONS} subscriptions` } };
    try {
      const end = opts.backend.subscribe(stream, params, (streamEvent) => {
        if (!contents.isDestroyed()) contents.send(IPC.event, subscriptionId, streamEvent);
      });
      subs.set(subscriptionId, end);
      subscriptions.set(contents.id, subs);
      return { ok: true, value: null };
    } catch (e) {
      return { ok: false, error: toIpcError(e) };
    }
  });

  const onUnsubscribe = (event: IpcMainEvent, raw: unknown) => {
    const verdict = senderVerdict(event, opts.trusted());
    if (!verdict.ok) {
      refuse(IPC.unsubscribe, verdict);
      return;
    }
    const envelope = UnsubscribeEnvelope.safeParse(raw);
    if (!envelope.success) return;
    const subs = subscriptions.get(event.sender.id);
    const end = subs?.get(envelope.data.subscriptionId);
    if (!subs || !end) return;
    subs.delete(envelope.data.subscriptionId);
    safely(end, log);
  };
  opts.ipcMain.on(IPC.unsubscribe, onUnsubscribe);

  return () => {
    opts.ipcMain.removeHandler(IPC.request);
    opts.ipcMain.removeHandler(IPC.subscribe);
    opts.ipcMain.removeListener(IPC.unsubscribe, onUnsubscribe);
    for (const id of [...subscriptions.keys()]) endAll(id);
  };
}

function safely(fn: () => void, log: (m: string) => void): void {
  try {
    fn();
  } catch (e) {
    log(`eventflow: ending a subscription failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
