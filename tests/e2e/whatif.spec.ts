/**
 * Issue 14: what-if sweeps in the app. A range the model refuses is explained and runs nothing;
 * a 2-parameter sweep built with the inspector's "Sweep this" fills the heatmap in, is saved
 * (listed again after a reload), a cell opens its run in the run view, two cells compare, the
 * table exports as CSV; a 1-parameter sweep draws the uPlot line with the knee circled.
 * Screenshots at 1280×800 and 1920×1080, light and dark.
 */
import { readFileSync } from 'node:fs';
import { createProject, nodeEl } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

test('a 2-parameter sweep from "Sweep this": the heatmap fills in, a cell opens its run, two compare, it reopens after a reload', async ({ app: page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createProject(page, 'Checkout what-if', /Event-driven checkout/);

  // a refused range: the model's reason, nothing runs
  await page.getByTestId('run-tab-whatif').click();
  const panel = page.getByTestId('whatif-panel');
  await page.getByTestId('whatif-vary-1').fill('payment.instances=0..2');
  await page.getByTestId('whatif-run').click();
  await expect(panel.getByRole('alert')).toContainText('payment.instances = 0 makes the topology invalid');
  await expect(page.getByTestId('whatif-progress')).toHaveCount(0);
  await page.getByTestId('run-tab-live').click();
  await expect(panel).toHaveCount(0);

  // "Sweep this" beside Instances (payment) and beside the storefront's rate: the panel opens with both axes
  await nodeEl(page, 'payment').click();
  await page.locator('[data-testid="sweep-this"][data-path="payment.instances"]').click();
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('whatif-vary-1')).toHaveValue('payment.instances=1..4');
  await nodeEl(page, 'storefront').click();
  await page.locator('[data-testid="sweep-this"][data-path="storefront.profile.ratePerSec"]').click();
  await expect(page.getByTestId('whatif-vary-2')).toHaveValue('storefront.profile.ratePerSec=10..40:lin4');
  await panel.getByRole('spinbutton', { name: 'Seeds' }).fill('1');
  await panel.getByRole('spinbutton', { name: 'Minutes' }).fill('1');
  await page.getByTestId('whatif-run').click();
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('whatif-heatmap')).toBeVisible();
  await expect(page.getByTestId('whatif-cell')).toHaveCount(16, { timeout: 120_000 });
  await expect(page.getByTestId('whatif-progress')).toContainText('completed · 16/16 runs');
  await page.getByTestId('whatif-metric').selectOption('payment.utilisation');
  // utilisation falls as instances grow: 1 instance at 40/s (row 1, last column) is above 4 instances at 40/s
  const cells = await page.getByTestId('whatif-cell').allInnerTexts();
  expect(Number(cells[3])).toBeGreaterThan(Number(cells[15]));

  // pick two cells: each offers its run; compare them
  await page.locator('[data-testid="whatif-cell"][data-index="3"]').click();
  await page.locator('[data-testid="whatif-cell"][data-index="15"]').click();
  await expect(page.getByTestId('whatif-cellinfo')).toContainText('payment.instances = 1, storefront.profile.ratePerSec = 40');
  await expect(page.getByTestId('whatif-open-run')).toHaveCount(2);

  // a taller dock to read the grid (as a user would drag it)
  const handle = page.getByTestId('run-dock-resize');
  await handle.focus();
  for (let i = 0; i < 3; i++) await handle.press('Shift+ArrowUp');
  await handle.evaluate((e) => (e as HTMLElement).blur());
  await snap(page, 'whatif-heatmap-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'whatif-heatmap-1280-dark');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await snap(page, 'whatif-heatmap-1920-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, 'whatif-heatmap-1920-light');
  await page.setViewportSize({ width: 1280, height: 800 });

  // the table as CSV: a row per cell
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('whatif-export-csv').click()]);
  const text = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
  expect(text[0]).toMatch(/^payment\.instances,storefront\.profile\.ratePerSec,/);
  expect(text).toHaveLength(17);

  await page.getByTestId('whatif-compare').click();
  await expect(page.getByTestId('run-tab-compare')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('compare-topology')).toContainText('instances');

  // back on What-if: the same sweep; a cell opens its run in the run view (replay)
  await page.getByTestId('run-tab-whatif').click();
  await expect(page.getByTestId('whatif-cell')).toHaveCount(16);
  await page.locator('[data-testid="whatif-cell"][data-index="3"]').click();
  await page.getByTestId('whatif-open-run').first().click();
  await expect(page.getByTestId('run-replay')).toBeVisible();
  await expect(page.getByTestId('run-tab-live')).toHaveAttribute('aria-selected', 'true');
  await snap(page, 'whatif-cell-run-1280-light');

  // saved: after a reload the sweep is listed and reopens with its table
  await page.reload();
  await expect(page.getByTestId('status-transport')).toContainText('connected');
  await page.getByTestId('run-tab-whatif').click();
  const saved = page.getByTestId('whatif-saved');
  await expect(saved.locator('option')).toHaveCount(2);
  await saved.selectOption({ index: 1 });
  await expect(page.getByTestId('whatif-cell')).toHaveCount(16);
  await expect(page.getByTestId('whatif-progress')).toContainText('completed · 16/16 runs');
  await expect(page.getByTestId('whatif-vary-2')).toHaveValue('storefront.profile.ratePerSec=10..40:lin4');
});

test('a 1-parameter sweep: the uPlot line with its min–max band and the knee marked', async ({ app: page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createProject(page, 'Checkout line', /Event-driven checkout/);
  await page.getByTestId('run-tab-whatif').click();
  const panel = page.getByTestId('whatif-panel');
  await page.getByTestId('whatif-vary-1').fill('payment.instances=1..5');
  await page.getByTestId('whatif-vary-2').fill('');
  await panel.getByRole('spinbutton', { name: 'Seeds' }).fill('2');
  await panel.getByRole('spinbutton', { name: 'Minutes' }).fill('1');
  await page.getByTestId('whatif-metric').selectOption('ordersLost');
  await page.getByTestId('whatif-run').click();
  await expect(page.getByTestId('whatif-progress')).toContainText('completed · 10/10 runs', { timeout: 90_000 });
  await page.getByTestId('whatif-metric').selectOption('payment.utilisation');
  await expect(page.getByTestId('whatif-line-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('whatif-row')).toHaveCount(5);
  // utilisation ∝ 1/instances: the bend is at 2
  await expect(page.getByTestId('whatif-knee')).toContainText('payment.instances = 2');
  const handle = page.getByTestId('run-dock-resize');
  await handle.focus();
  for (let i = 0; i < 3; i++) await handle.press('Shift+ArrowUp');
  await handle.evaluate((e) => (e as HTMLElement).blur());
  await snap(page, 'whatif-line-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'whatif-line-1280-dark');
});
