import type { ApiTransport } from '../../shared/api/client';
import { ApiError } from '../../shared/api/define';
import type { ApiErrorCode } from '../../shared/api/define';
import { ServerFrame, WIRE_PATH } from '../../shared/api/wire';
import type { ClientFrame } from '../../shared/api/wire';

/** The part of the WebSocket API we use: the browser's, or the `ws` package's in tests. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

/** 'restarted': the host answers again but refuses this page's token — it restarted with a new one */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'restarted' | 'closed';

export interface WsTransport extends ApiTransport {
  readonly state: ConnectionState;
  /** called on every state change; returns the function that stops listening */
  onState(listener: (state: ConnectionState) => void): () => void;
  /** ends the connection for good (no reconnect) */
  close(): void;
}

export interface WsTransportOptions {
  url: string;
  connect?: (url: string) => SocketLike;
  /** waits between reconnect attempts; the last one repeats */
  reconnectDelaysMs?: readonly number[];
  /**
   * Does the host answer plain HTTP? Asked when a reconnect attempt is refused: a host that is up
   * but refuses the socket has restarted with a new token, and retrying would never succeed.
   */
  hostAnswers?: () => Promise<boolean>;
}

const OPEN = 1;

/** ws://host/api?token=… for the page we were loaded from, or why it cannot be built. */
export function apiUrlFromLocation(loc: Pick<Location, 'host' | 'search' | 'hash' | 'protocol'>): { ok: true; url: string } | { ok: false; reason: string } {
  const token = new URLSearchParams(loc.search).get('token');
  if (!token) return { ok: false, reason: 'This page was opened without its access token. Open the full address the web host printed (it ends in ?token=…); the token changes every time the host starts.' };
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return { ok: true, url: `${scheme}//${loc.host}${WIRE_PATH}?token=${encodeURIComponent(token)}` };
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  frame: string;
  sent: boolean;
}
interface Subscription {
  stream: string;
  params: unknown;
  onEvent: (event: unknown) => void;
}

/**
 * The api over the web host's WebSocket. Requests made while connecting wait for the socket;
 * a dropped connection rejects every pending request with ApiError('disconnected'), then
 * reconnects with backoff and re-subscribes every live stream.
 */
export function createWsTransport(opts: WsTransportOptions): WsTransport {
  const connect = opts.connect ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const delays = opts.reconnectDelaysMs ?? [250, 500, 1000, 2000, 5000];
  const pending = new Map<number, Pending>();
  const subs = new Map<string, Subscription>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | undefined;
  let attempt = 0;
  let nextId = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    for (const l of [...stateListeners]) l(s);
  };
  const sendFrame = (frame: ClientFrame) => {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(frame));
  };

  const onFrame = (data: unknown) => {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerFrame.safeParse(raw);
    if (!parsed.success) return;
    const f = parsed.data;
    if (f.t === 'evt') {
      subs.get(String(f.id))?.onEvent(f.event);
      return;
    }
    if (typeof f.id === 'string') {
      // the ack or refusal of a subscription
      if (!f.ok) {
        const sub = subs.get(f.id);
        subs.delete(f.id);
        console.error(`eventflow: subscription to ${sub?.stream ?? f.id} refused: ${f.error.message}`);
      }
      return;
    }
    if (f.id === null) {
      if (!f.ok) console.error(`eventflow: the host could not read a frame: ${f.error.message}`);
      return;
    }
    const p = pending.get(f.id);
    if (!p) return;
    pending.delete(f.id);
    if (f.ok) p.resolve(f.result);
    else p.reject(new ApiError(f.error.code as ApiErrorCode, f.error.message, f.error.issues));
  };

  const open = () => {
    timer = undefined;
    let s: SocketLike;
    try {
      s = connect(opts.url);
    } catch (e) {
      failAll(`cannot connect: ${(e as Error).message}`);
      scheduleReconnect();
      return;
    }
    socket = s;
    let opened = false;
    s.onopen = () => {
      opened = true;
      attempt = 0;
      setState('open');
      for (const [id, sub] of subs) sendFrame({ t: 'sub', id, stream: sub.stream, params: sub.params });
      for (const p of pending.values()) {
        if (!p.sent) {
          s.send(p.frame);
          p.sent = true;
        }
      }
    };
    s.onmessage = (ev) => onFrame(ev.data);
    s.onerror = () => {};
    s.onclose = () => {
      if (socket !== s) return;
      socket = undefined;
      failAll('the connection to the EventFlow host was lost');
      if (state === 'closed') return;
      // refused before it opened while the host answers HTTP: a restarted host with a new token
      if (!opened && state === 'reconnecting' && opts.hostAnswers) {
        void opts.hostAnswers().then((up) => {
          if (state === 'closed') return;
          if (up) setState('restarted');
          else scheduleReconnect();
        }, () => scheduleReconnect());
        return;
      }
      scheduleReconnect();
    };
  };

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new ApiError('disconnected', message));
    pending.clear();
  };

  const scheduleReconnect = () => {
    if (state === 'closed') return;
    setState('reconnecting');
    const delay = delays[Math.min(attempt, delays.length - 1)];
    attempt++;
    timer = setTimeout(open, delay);
  };

  open();

  return {
    kind: 'websocket',
    get state() {
      return state;
    },
    request(method, input) {
      if (state === 'closed') return Promise.reject(new ApiError('disconnected', 'the api connection was closed'));
      const id = ++nextId;
      const frame = JSON.stringify({ t: 'req', id, method, input: input ?? {} } satisfies ClientFrame);
      return new Promise((resolve, reject) => {
        const ready = socket?.readyState === OPEN;
        pending.set(id, { resolve, reject, frame, sent: ready });
        if (ready) socket?.send(frame);
      });
    },
    subscribe(stream, params, onEvent) {
      const id = `s${++nextId}`;
      subs.set(id, { stream, params: params ?? {}, onEvent });
      sendFrame({ t: 'sub', id, stream, params: params ?? {} });
      return () => {
        if (subs.delete(id)) sendFrame({ t: 'unsub', id });
      };
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      setState('closed');
      if (timer) clearTimeout(timer);
      failAll('the api connection was closed');
      subs.clear();
      const s = socket;
      socket = undefined;
      s?.close();
    },
  };
}
