/**
 * Live on a real broker from the app (issue 17, docs/live.md): a private RabbitMQ started by the
 * test helper (free ports, own data folder, stopped afterwards); the UI checks the connection,
 * shows the plan, applies it (the broker then holds the planned queues), and tears it down (the
 * broker holds none of them). Screenshots light and dark at 1280×800.
 * Skips, with the reason printed, when rabbitmq-server is not installed (.ci/run installs it).
 */
import { brokerUnavailableReason, startTestBroker } from '../../main/backend/live/test-broker';
import type { TestBroker } from '../../main/backend/live/test-broker';
import { createProject } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

const unavailable = brokerUnavailableReason();
if (unavailable !== null) console.log(`live.spec: skipped, no private RabbitMQ can be started: ${unavailable}`);

let broker: TestBroker | undefined;
test.beforeAll(async () => {
  if (unavailable !== null) return;
  broker = await startTestBroker();
});
test.afterAll(async () => {
  await broker?.stop();
});

const prefix = 'ef-e2e';
const ourQueues = async (b: TestBroker) => (await b.management<{ name: string }[]>('/queues')).map((q) => q.name).filter((n) => n.startsWith(prefix));

test('the Live dialog checks the broker, shows the plan, applies it and tears it down', async ({ app: page }) => {
  test.skip(unavailable !== null, `rabbitmq-server not available: ${unavailable ?? ''}`);
  test.setTimeout(180_000);
  const b = broker;
  if (!b) throw new Error('the test broker did not start');
  await createProject(page, 'Live checkout', /Event-driven checkout/);
  await page.getByTestId('open-live').click();
  const dialog = page.getByRole('dialog', { name: 'Live on a RabbitMQ broker' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('live-note')).toContainText('memory for this session only');

  // wrong credentials: the address and the cause, nothing else breaks
  await dialog.getByTestId('live-url').fill(b.url.replace('guest:guest', 'guest:wrong'));
  await dialog.getByTestId('live-check').click();
  await expect(dialog.getByTestId('live-error')).toContainText(`127.0.0.1:${b.amqpPort}`);

  await dialog.getByTestId('live-url').fill(b.url);
  await dialog.getByTestId('live-prefix').fill(prefix);
  await dialog.getByTestId('live-check').click();
  await expect(dialog.getByTestId('live-broker')).toContainText(/RabbitMQ 3\.\d+/);
  await expect(dialog.getByTestId('live-broker')).toContainText(`127.0.0.1:${b.amqpPort}`);

  // the plan is shown before anything changes on the broker
  await expect(dialog.getByTestId('live-apply')).toBeDisabled();
  await dialog.getByTestId('live-plan').click();
  await expect(dialog.getByTestId('live-plan-view')).toContainText(`Plan for prefix ${prefix}`);
  await expect(dialog.getByTestId('live-plan-view')).toContainText('payment');
  expect(await ourQueues(b)).toEqual([]);
  await snap(page, 'live-plan-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'live-plan-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await dialog.getByTestId('live-apply').click();
  await expect(dialog.getByTestId('live-applied')).toContainText(/Applied on amqp:\/\/127\.0\.0\.1:\d+: [1-9]\d* created, 0 already there/);
  const queues = await ourQueues(b);
  expect(queues.length).toBeGreaterThan(0);
  expect(queues.some((q) => q.includes('payment'))).toBe(true);
  await snap(page, 'live-applied-light');

  // applying again is idempotent: everything already there
  await dialog.getByTestId('live-apply').click();
  await expect(dialog.getByTestId('live-applied')).toContainText(/: 0 created, [1-9]\d* already there/);
  expect(await ourQueues(b)).toEqual(queues);

  await dialog.getByTestId('live-teardown').click();
  await expect(dialog.getByTestId('live-removed')).toContainText(/Removed [1-9]\d* objects/);
  expect(await ourQueues(b)).toEqual([]);
});
