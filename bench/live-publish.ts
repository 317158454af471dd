/**
 * Live publish rate (issue 17): the highest steady rate the RabbitMQ adapter sustains with
 * publisher confirms, against amqplib's own confirm-channel loop measured in the same run on
 * the same private broker (test-broker.ts). Same window of unconfirmed messages, persistent
 * messages, one durable queue, a consumer acking everything. Prints figures and the ratio.
 */
import { connect } from 'amqplib';
import { RabbitMqAdapter } from '../main/backend/live/rabbitmq';
import type { LiveMessage } from '../main/backend/live/broker';
import { brokerUnavailableReason, startTestBroker } from '../main/backend/live/test-broker';

const WINDOW = 256;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const QUEUE = 'bench.live-publish';

const message = (id: number): LiveMessage => ({
  id, type: 'OrderPlaced', key: `ord-${id}`, payload: { orderId: `ord-${id}`, amount: 42.5, currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 1, unitPrice: 42.5 }] },
  correlationId: id, causationId: null, firstPublishedAt: Date.now(), attempt: 1,
});

/** keeps WINDOW publishes in flight for SECONDS; returns confirmed messages per second */
async function pump(publish: (id: number) => Promise<unknown>): Promise<number> {
  const end = Date.now() + SECONDS * 1000;
  let done = 0;
  let id = 0;
  const worker = async (): Promise<void> => {
    while (Date.now() < end) {
      await publish(++id);
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: WINDOW }, worker));
  return done / ((Date.now() - started) / 1000);
}

async function main(): Promise<void> {
  const reason = brokerUnavailableReason();
  if (reason !== null) {
    console.log(`live-publish: skipped: ${reason}`);
    return;
  }
  const broker = await startTestBroker();
  try {
    const conn = await connect(broker.url);
    const setup = await conn.createChannel();
    await setup.assertQueue(QUEUE, { durable: true });
    const drain = await conn.createChannel();
    await drain.prefetch(1000);
    await drain.consume(QUEUE, (m) => { if (m !== null) drain.ack(m); });
    const raw = await conn.createConfirmChannel();
    const rawLoop = (id: number): Promise<void> => new Promise((resolve, reject) => {
      raw.publish('', QUEUE, Buffer.from(JSON.stringify(message(id))), { persistent: true, mandatory: true, messageId: String(id), contentType: 'application/json' }, (err: unknown) => {
        if (err !== null && err !== undefined) reject(new Error('nack'));
        else resolve();
      });
    });
    const adapter = await RabbitMqAdapter.connect(broker.url);
    const viaAdapter = (id: number): Promise<unknown> => adapter.publish('', QUEUE, message(id), {});
    // warm both paths, then alternate to share whatever the machine does meanwhile
    await pump(rawLoop);
    const rawRates: number[] = [];
    const adapterRates: number[] = [];
    for (let round = 0; round < 2; round++) {
      rawRates.push(await pump(rawLoop));
      adapterRates.push(await pump(viaAdapter));
    }
    const best = (xs: number[]): number => Math.max(...xs);
    const ratio = best(adapterRates) / best(rawRates);
    console.log(`live-publish: RabbitMQ ${adapter.info.version}, window ${WINDOW}, ${SECONDS} s per round, persistent + confirms`);
    console.log(`  amqplib confirm loop   ${rawRates.map((r) => r.toFixed(0)).join(' / ')} msg/s`);
    console.log(`  adapter.publish        ${adapterRates.map((r) => r.toFixed(0)).join(' / ')} msg/s`);
    console.log(`  ratio adapter/amqplib  ${ratio.toFixed(3)} (target >= 0.7)`);
    await adapter.close();
    await conn.close();
  } finally {
    await broker.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
