/**
 * The RabbitMQ adapter (AMQP 0-9-1 through amqplib). One connection; a confirm channel for
 * publishing, one channel per consumer (its own prefetch), and throwaway channels for passive
 * checks (a failed passive declare closes its channel, by protocol).
 */
import { connect } from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { BrokerPlan } from '../../../shared/live/plan';
import { BrokerError } from './broker';
import type { ApplyStep, BrokerAdapter, BrokerInfo, ConsumerHandle, Delivery, LiveMessage, PublishOutcome, QueueStats } from './broker';

const CONNECT_TIMEOUT_MS = 10_000;

/** amqp://user:pass@host:port/vhost -> the same without credentials (what is shown and stored) */
export function redactBrokerUrl(raw: string): string {
  const u = parseBrokerUrl(raw);
  u.username = '';
  u.password = '';
  return u.toString();
}

export function parseBrokerUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new BrokerError(`"${raw.replace(/\/\/[^@/]*@/, '//***@')}" is not a broker URL (expected amqp://host:port/vhost)`, 'protocol');
  }
  if (u.protocol !== 'amqp:' && u.protocol !== 'amqps:') throw new BrokerError(`broker URL must start with amqp:// or amqps://, not ${u.protocol}//`, 'protocol');
  return u;
}

/** Turns amqplib's connect errors into a message naming the address and the cause. */
function connectError(e: unknown, address: string): BrokerError {
  const err = e as Error & { code?: string };
  const msg = err.message ?? String(e);
  if (err.code === 'ECONNREFUSED') return new BrokerError(`cannot reach the broker at ${address}: connection refused (is RabbitMQ running on that port?)`, 'unreachable');
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return new BrokerError(`cannot reach the broker at ${address}: host not found`, 'unreachable');
  if (err.code === 'ETIMEDOUT' || /timeout/i.test(msg)) return new BrokerError(`cannot reach the broker at ${address}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`, 'unreachable');
  if (/ACCESS.REFUSED|403/.test(msg)) return new BrokerError(`the broker at ${address} refused the credentials (403 ACCESS_REFUSED): check the user and password in the broker URL`, 'auth');
  // amqplib reports a refused connection.open (530 NOT_ALLOWED) as an unexpected ConnectionClose
  if (/NOT.ALLOWED|530|Expected ConnectionOpenOk/i.test(msg)) {
    return new BrokerError(`the broker at ${address} refused access to the virtual host "${vhostOf(address)}" (530 NOT_ALLOWED): the vhost does not exist or the user has no permission on it`, 'vhost');
  }
  return new BrokerError(`cannot connect to the broker at ${address}: ${msg}`, 'unreachable');
}

function vhostOf(address: string): string {
  const path = new URL(address).pathname;
  return path === '' || path === '/' ? '/' : decodeURIComponent(path.slice(1));
}

function encode(m: LiveMessage): Buffer {
  return Buffer.from(JSON.stringify(m));
}

function decode(msg: ConsumeMessage): LiveMessage {
  const m = JSON.parse(msg.content.toString()) as LiveMessage;
  const attempt: unknown = msg.properties.headers?.['x-attempt'];
  if (typeof attempt === 'number') m.attempt = attempt;
  return m;
}

export class RabbitMqAdapter implements BrokerAdapter {
  private readonly returned = new Set<string>();
  private statsChannel: Channel | null = null;
  private readonly consumerChannels: Channel[] = [];
  private lostListener: ((reason: string) => void) | null = null;
  private closing = false;

  private constructor(private readonly conn: ChannelModel, private readonly pub: ConfirmChannel, readonly info: BrokerInfo) {
    pub.on('return', (msg: ConsumeMessage) => {
      if (typeof msg.properties.messageId === 'string') this.returned.add(msg.properties.messageId);
    });
    conn.on('error', () => { /* reported by 'close' */ });
    conn.on('close', (err?: Error) => {
      if (!this.closing) this.lostListener?.(`the broker at ${info.address} closed the connection${err !== undefined ? `: ${err.message}` : ''}`);
    });
  }

  static async connect(url: string): Promise<RabbitMqAdapter> {
    const address = redactBrokerUrl(url);
    let conn: ChannelModel;
    try {
      conn = await connect(url, { timeout: CONNECT_TIMEOUT_MS });
    } catch (e) {
      throw connectError(e, address);
    }
    const props = conn.connection.serverProperties;
    const pub = await conn.createConfirmChannel();
    return new RabbitMqAdapter(conn, pub, { address, product: props.product ?? 'RabbitMQ', version: props.version ?? 'unknown' });
  }

  onConnectionLost(listener: (reason: string) => void): void {
    this.lostListener = listener;
  }

  /** runs a passive check on a throwaway channel: false when the broker says 404 */
  private async exists(check: (ch: Channel) => Promise<unknown>): Promise<boolean> {
    const ch = await this.conn.createChannel();
    ch.on('error', () => { /* a 404 closes the channel; that is the answer */ });
    try {
      await check(ch);
      await ch.close();
      return true;
    } catch {
      return false;
    }
  }

  async preview(plan: BrokerPlan): Promise<ApplyStep[]> {
    const steps: ApplyStep[] = [];
    for (const e of plan.exchanges) steps.push({ object: `exchange ${e.name}`, action: (await this.exists((ch) => ch.checkExchange(e.name))) ? 'exists' : 'create' });
    for (const q of plan.queues) steps.push({ object: `queue ${q.name}`, action: (await this.exists((ch) => ch.checkQueue(q.name))) ? 'exists' : 'create' });
    return steps;
  }

  async apply(plan: BrokerPlan): Promise<ApplyStep[]> {
    const steps = await this.preview(plan);
    const ch = await this.conn.createChannel();
    let closed = false;
    ch.on('error', () => { closed = true; });
    let current = '';
    try {
      for (const e of plan.exchanges) {
        current = `exchange ${e.name}`;
        await ch.assertExchange(e.name, e.type, { durable: true, autoDelete: false, ...(e.alternateExchange !== undefined ? { alternateExchange: e.alternateExchange } : {}) });
      }
      for (const q of plan.queues) {
        current = `queue ${q.name}`;
        await ch.assertQueue(q.name, { durable: true, autoDelete: false, exclusive: false, arguments: q.arguments });
      }
      for (const b of plan.bindings) {
        current = `binding ${b.source} -> ${b.destination}`;
        if (b.kind === 'queue') await ch.bindQueue(b.destination, b.source, b.routingKey, b.arguments);
        else await ch.bindExchange(b.destination, b.source, b.routingKey, b.arguments);
      }
    } catch (e) {
      const msg = (e as Error).message;
      if (/PRECONDITION.FAILED|406/.test(msg)) {
        throw new BrokerError(`${current} already exists on ${this.info.address} with different settings (406 PRECONDITION_FAILED): ${msg.replace(/^.*PRECONDITION_FAILED - /, '')}. Tear it down or use another --prefix`, 'conflict');
      }
      if (/ACCESS.REFUSED|403/.test(msg)) throw new BrokerError(`the user may not declare ${current} on ${this.info.address} (403 ACCESS_REFUSED): grant configure/write permission on the vhost`, 'auth');
      throw new BrokerError(`declaring ${current} on ${this.info.address} failed: ${msg}`, 'protocol');
    }
    if (!closed) await ch.close();
    return steps;
  }

  async publish(exchange: string, routingKey: string, message: LiveMessage, headers: Record<string, string>): Promise<PublishOutcome> {
    const messageId = `${message.id}:${message.attempt}:${exchange}`;
    return new Promise((resolve, reject) => {
      try {
        this.pub.publish(exchange, routingKey, encode(message), {
          persistent: true, mandatory: true, messageId, type: message.type, contentType: 'application/json',
          headers: { ...headers, type: message.type, 'x-attempt': message.attempt },
        }, (err: unknown) => {
          const returned = this.returned.delete(messageId);
          if (err !== null && err !== undefined) resolve('refused'); // a nack: the queue is at x-max-length with reject-publish
          else resolve(returned ? 'unroutable' : 'accepted');
        });
      } catch (e) {
        reject(e as Error);
      }
    });
  }

  async consume(queue: string, prefetch: number, onDelivery: (d: Delivery) => void): Promise<ConsumerHandle> {
    const ch = await this.conn.createChannel();
    ch.on('error', () => { /* the connection's close reports it */ });
    this.consumerChannels.push(ch);
    await ch.prefetch(prefetch);
    const { consumerTag } = await ch.consume(queue, (msg) => {
      if (msg === null) return; // cancelled by the broker (queue deleted)
      let message: LiveMessage;
      try {
        message = decode(msg);
      } catch {
        ch.reject(msg, false); // not ours / not JSON: dead-letter it rather than loop
        return;
      }
      let settled = false;
      const once = (f: () => void): void => {
        if (settled) return;
        settled = true;
        try { f(); } catch { /* channel gone: the broker redelivers it */ }
      };
      onDelivery({ message, ack: () => once(() => ch.ack(msg)), reject: () => once(() => ch.reject(msg, false)) });
    }, { noAck: false });
    return { cancel: async () => { await ch.cancel(consumerTag); } };
  }

  async queueStats(queue: string): Promise<QueueStats> {
    if (this.statsChannel === null) {
      const ch = await this.conn.createChannel();
      ch.on('error', () => { this.statsChannel = null; });
      ch.on('close', () => { this.statsChannel = null; });
      this.statsChannel = ch;
    }
    const r = await this.statsChannel.checkQueue(queue);
    return { queue, messages: r.messageCount, consumers: r.consumerCount };
  }

  async teardown(plan: BrokerPlan): Promise<string[]> {
    const present = await this.preview(plan);
    const removed: string[] = [];
    const ch = await this.conn.createChannel();
    ch.on('error', () => { /* reported by the failing call */ });
    for (const q of plan.queues) {
      if (present.find((s) => s.object === `queue ${q.name}`)?.action !== 'exists') continue;
      await ch.deleteQueue(q.name);
      removed.push(`queue ${q.name}`);
    }
    for (const e of [...plan.exchanges].reverse()) {
      if (present.find((s) => s.object === `exchange ${e.name}`)?.action !== 'exists') continue;
      await ch.deleteExchange(e.name);
      removed.push(`exchange ${e.name}`);
    }
    await ch.close();
    return removed;
  }

  async close(): Promise<void> {
    this.closing = true;
    try {
      await this.conn.close();
    } catch { /* already closed */ }
  }
}
