/**
 * The vitest side of test-broker.ts: one private RabbitMQ for the whole test file, started before
 * its tests and stopped after. `need(ctx)` hands the broker to a test, or skips it saying why
 * (rabbitmq-server not installed, or it did not start). Never a mock.
 */
import { afterAll, beforeAll } from 'vitest';
import type { TestContext } from 'vitest';
import { brokerUnavailableReason, startTestBroker } from './test-broker';
import type { TestBroker } from './test-broker';

/** call at the top of a test file; `what` names its tests in the skip message */
export function useTestBroker(what: string): (ctx: TestContext) => TestBroker {
  let broker: TestBroker | null = null;
  let skipReason: string | null = brokerUnavailableReason();
  beforeAll(async () => {
    if (skipReason === null) {
      try {
        broker = await startTestBroker();
      } catch (e) {
        skipReason = `the private RabbitMQ could not be started: ${(e as Error).message}`;
      }
    }
    if (skipReason !== null) console.warn(`SKIPPED ${what}: ${skipReason}`);
  }, 120_000);
  afterAll(async () => {
    await broker?.stop();
  }, 30_000);
  return (ctx) => {
    if (broker === null) {
      ctx.skip(skipReason ?? 'no broker');
      throw new Error('unreachable');
    }
    return broker;
  };
}
