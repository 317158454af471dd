import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES, WIRE_PATH } from '../../shared/api/wire';
import type { Backend } from '../backend/api';
import { allowedHosts, allowedOrigins, SECURITY_HEADERS, tokenMatches } from './http-security';
import { serveStatic } from './static-files';
import { serveApiConnection } from './ws-api';

export interface WebHostOptions {
  backend: Pick<Backend, 'dispatch' | 'subscribe'>;
  /** the built renderer (dist/renderer) */
  staticDir: string;
  /** 0 = any free port */
  port?: number;
  /** per-launch secret; random when not given */
  token?: string;
  log?: (message: string) => void;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  readonly origin: string;
  /** the page to open, token included */
  readonly url: string;
  /** where the api listens (token included) */
  readonly apiUrl: string;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

/**
 * The web host: the renderer's files and the api over WebSocket, on 127.0.0.1 only. A socket
 * must come from the host's own page (Origin) and carry the launch token; anything else is
 * refused before the WebSocket handshake completes.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const log = opts.log ?? (() => {});
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const server = createServer((req, res) => {
    if (!allowedHosts(port).has(req.headers.host ?? '')) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' });
      res.end('misdirected request: this host answers only to 127.0.0.1');
      return;
    }
    serveStatic(opts.staticDir, req, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== WIRE_PATH) return refuseUpgrade(socket, 404, 'no such endpoint');
    if (!tokenMatches(token, url.searchParams.get('token'))) {
      log('eventflow: websocket refused: missing or wrong token');
      return refuseUpgrade(socket, 401, 'missing or wrong token');
    }
    const origin = req.headers.origin;
    if (!origin || !allowedOrigins(port).has(origin) || !allowedHosts(port).has(req.headers.host ?? '')) {
      log(`eventflow: websocket refused: origin ${origin ?? '(none)'}`);
      return refuseUpgrade(socket, 403, 'origin not allowed');
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveApiConnection(ws, opts.backend, log));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    token,
    origin,
    url: `${origin}/?token=${token}`,
    apiUrl: `ws://127.0.0.1:${port}${WIRE_PATH}?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
