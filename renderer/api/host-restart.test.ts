import { describe, expect, it } from 'vitest';
import type { SocketLike } from './ws-transport';
import { createWsTransport } from './ws-transport';

/** A socket that opens or is refused as told, on the next tick. */
function fakeSocket(accept: boolean): SocketLike {
  const s: SocketLike & { readyState: number } = {
    readyState: 0, send: () => {}, close: () => {}, onopen: null, onclose: null, onerror: null, onmessage: null,
  };
  setTimeout(() => {
    if (accept) {
      s.readyState = 1;
      s.onopen?.({});
    } else {
      s.readyState = 3;
      s.onclose?.({});
    }
  }, 0);
  return s;
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(cond()).toBe(true);
};

describe('a restarted web host', () => {
  it('reports restarted when the socket is refused and the host answers', async () => {
    let sockets = 0;
    const t = createWsTransport({
      url: 'ws://x/api?token=old',
      reconnectDelaysMs: [1],
      // the first attempt is refused (state: reconnecting), the second too, and the host answers
      connect: () => { sockets++; return fakeSocket(false); },
      hostAnswers: () => Promise.resolve(sockets >= 2),
    });
    await until(() => t.state === 'restarted');
    const tried = sockets;
    await new Promise((r) => setTimeout(r, 20));
    expect(sockets).toBe(tried); // it stopped retrying
    t.close();
  });

  it('keeps reconnecting while the host does not answer', async () => {
    let sockets = 0;
    const t = createWsTransport({ url: 'ws://x/api?token=old', reconnectDelaysMs: [1], connect: () => { sockets++; return fakeSocket(false); }, hostAnswers: () => Promise.resolve(false) });
    await until(() => sockets >= 4);
    expect(t.state).toBe('reconnecting');
    t.close();
  });
});
