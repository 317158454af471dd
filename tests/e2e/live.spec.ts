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

  // Remember this broker: kept by the backend (the web host: its memory), so a new window has it
  await dialog.getByTestId('live-remember').check();
  await expect(dialog.getByTestId('live-note')).toContainText("kept in the app host's memory until it stops");
  await dialog.getByTestId('live-check').click();
  await expect(dialog.getByTestId('live-broker')).toContainText(`127.0.0.1:${b.amqpPort}`);
  await page.reload();
  await page.getByTestId('open-live').click();
  await expect(dialog.getByTestId('live-url')).toHaveValue(b.url);
  await expect(dialog.getByTestId('live-remember')).toBeChecked();
  // forgetting it: the next window starts empty
  await dialog.getByTestId('live-remember').uncheck();
  await expect(dialog.getByTestId('live-note')).toContainText('memory for this session only');
  await page.reload();
  await page.getByTestId('open-live').click();
  await expect(dialog.getByTestId('live-url')).toHaveValue('');
});

test('a live run from the app: LIVE badges on the canvas, a fault from the Faults tab, Stop, Twin from the run bar opens the compare, the LIVE mark in History', async ({ app: page }) => {
  test.skip(unavailable !== null, `rabbitmq-server not available: ${unavailable ?? ''}`);
  test.setTimeout(240_000);
  const b = broker;
  if (!b) throw new Error('the test broker did not start');
  const runPrefix = 'ef-e2e-run';
  await createProject(page, 'Live run checkout', /Event-driven checkout/);
  await page.getByTestId('open-live').click();
  const dialog = page.getByRole('dialog', { name: 'Live on a RabbitMQ broker' });
  await dialog.getByTestId('live-url').fill(b.url);
  await dialog.getByTestId('live-prefix').fill(runPrefix);
  await dialog.getByTestId('live-plan').click();
  await dialog.getByTestId('live-apply').click();
  await expect(dialog.getByTestId('live-applied')).toContainText(/created/);

  // Run live for 20 s of real time: the progress line follows the run's stream
  await dialog.getByTestId('live-duration').fill('20');
  await dialog.getByTestId('live-run-start').click();
  const progress = dialog.getByTestId('live-progress');
  await expect(progress).toHaveAttribute('data-phase', 'running');
  await expect(progress).toContainText(/Run #\d+ running: 00:00:0[1-9] \/ 00:00:20/, { timeout: 10_000 });
  await expect(progress).toContainText(/[1-9]\d* orders/);
  await expect(dialog.getByTestId('live-run-stop')).toBeVisible();
  await dialog.evaluate((el) => { for (const e of [el, ...el.querySelectorAll('*')]) e.scrollTop = 0; });
  await snap(page, 'live-run-dialog-light');
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(dialog).toBeHidden();

  // the canvas and the bars say LIVE: figures from the broker, not a simulation
  await expect(page.getByTestId('live-indicator')).toHaveText('LIVE');
  await expect(page.getByTestId('run-live-indicator')).toContainText(`LIVE · RabbitMQ`);
  await expect(page.getByTestId('run-live-indicator')).toContainText(`127.0.0.1:${b.amqpPort}`);
  await expect(page.getByTestId('run-live-indicator')).not.toContainText('guest');
  await expect(page.getByTestId('run-pause')).toHaveCount(0);
  await expect(page.getByTestId('run-speed')).toHaveCount(0);
  for (const id of ['storefront', 'orders', 'payment', 'inventory']) await expect(page.getByTestId(`live-badge-${id}`)).toBeVisible();
  await expect(page.getByTestId('run-badge-payment')).not.toHaveAttribute('data-out', '0');

  // a fault through the existing Faults tab: payment's consumer is cancelled, its orders wait in the broker
  await page.getByTestId('run-tab-faults').click();
  const faults = page.getByTestId('run-faults');
  await faults.getByTestId('fault-target').selectOption('payment');
  await faults.getByTestId('fault-down').click();
  await expect(page.getByTestId('run-badge-payment')).toHaveAttribute('data-state', 'down', { timeout: 5000 });
  await expect.poll(async () => Number(await page.getByTestId('run-badge-payment').getAttribute('data-lag')), { timeout: 8000 }).toBeGreaterThan(10);
  await snap(page, 'live-run-canvas-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'live-run-canvas-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await faults.getByTestId('fault-end-payment').click();
  await expect(page.getByTestId('run-badge-payment')).not.toHaveAttribute('data-state', 'down', { timeout: 5000 });

  // Stop from the run toolbar: the traffic stops, the queues drain, the run is kept as stopped
  await page.getByTestId('run-stop').click();
  await expect(page.getByTestId('run-phase')).toHaveText('stopped', { timeout: 20_000 });
  await expect(page.getByTestId('live-indicator')).toHaveCount(0);

  // Twin from the run bar of the open run, once it ended: the same scenario simulated, then Compare
  await expect(page.getByTestId('run-live-indicator')).toContainText('LIVE · RabbitMQ');
  await expect(page.getByTestId('run-twin')).toBeVisible();
  await snap(page, 'live-run-bar-twin-light');
  await page.getByTestId('run-twin').click();
  const compare = page.getByTestId('run-compare');
  await expect(compare).toBeVisible({ timeout: 60_000 });
  const twin = compare.getByTestId('twin-table');
  await expect(twin).toContainText(/LIVE #\d+ on amqp:\/\/127\.0\.0\.1:\d+ vs simulated #\d+/);
  await expect(twin.locator('tr[data-node="payment"]')).toContainText(/ms/);
  // the end-to-end flows and the order fulfilment, both sides
  await expect(twin.locator('tr[data-kind="flow"][data-node="order → payment authorized"]')).toContainText(/ms/);
  await expect(twin.getByTestId('twin-kpis').locator('tr[data-kpi="order → fulfilment p50"]')).toContainText(/\d ms.*\d ms/);
  await expect(compare.getByTestId('compare-topology')).toContainText('identical in both runs');
  await snap(page, 'live-twin-compare-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'live-twin-compare-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await twin.getByTestId('twin-kpis').scrollIntoViewIfNeeded();
  await snap(page, 'live-twin-fulfilment-light');

  // History: the LIVE tag with the broker's address, and Twin there too
  await page.getByTestId('run-tab-history').click();
  const row = page.getByTestId('history-row').filter({ has: page.getByTestId('history-live') }).first();
  await expect(row.getByTestId('history-live')).toContainText(`amqp://127.0.0.1:${b.amqpPort}`);
  await expect(row).toHaveAttribute('data-status', 'stopped');
  await expect(row.getByTestId('history-twin')).toBeVisible();

  // the live run replays like any run, marked LIVE
  await page.getByTestId('run-tab-history').click();
  await page.getByTestId('history-row').filter({ has: page.getByTestId('history-live') }).first().getByTestId('history-open').click();
  await expect(page.getByTestId('replay-live-indicator')).toBeVisible();
  await expect(page.getByTestId('replay-twin')).toBeVisible();
  await expect(page.getByTestId('live-badge-payment')).toBeVisible();

  // tear down what the run used
  await page.getByTestId('open-live').click();
  await dialog.getByTestId('live-url').fill(b.url);
  await dialog.getByTestId('live-prefix').fill(runPrefix);
  await dialog.getByTestId('live-teardown').click();
  await expect(dialog.getByTestId('live-removed')).toContainText(/Removed [1-9]\d* objects/);
  expect((await b.management<{ name: string }[]>('/queues')).filter((q) => q.name.startsWith(runPrefix))).toEqual([]);
});
