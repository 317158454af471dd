/**
 * Issue 14, in the What-if panel: Find (goal seek built with pickers, cells as bisection evaluates
 * them, the answer with its two neighbouring cells opening their runs, a clear message when no
 * candidate meets it, saved and reopened) and Backpressure (per broker, predicted from the capacity
 * analysis vs measured in a sweep cell's run, with the difference; the open topology predicted only).
 * Screenshots at 1280×800 and 1920×1080, light and dark.
 */
import { readFileSync } from 'node:fs';
import { createProject } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

test('Find: the smallest payment.instances such that utilisation < 30% and no order is lost, with its evidence', async ({ app: page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createProject(page, 'Checkout find', /Event-driven checkout/);
  await page.getByTestId('run-tab-whatif').click();
  const panel = page.getByTestId('whatif-panel');
  await page.getByTestId('whatif-mode-find').click();
  await expect(page.getByTestId('whatif-find-form')).toBeVisible();
  await page.getByTestId('whatif-find-direction').selectOption('min');
  await page.getByTestId('whatif-find-param').selectOption('payment.instances');
  await page.getByTestId('whatif-find-range').fill('1..8');
  // the metric pickers list the topology's metrics
  await expect(page.getByTestId('whatif-find-metric-1').locator('option[value="payment.utilisation"]')).toHaveCount(1);
  await page.getByTestId('whatif-find-metric-1').selectOption('payment.utilisation');
  await page.getByTestId('whatif-find-op-1').selectOption('<');
  // a value that is not a number: said where, nothing runs
  await page.getByTestId('whatif-find-value-1').fill('half');
  await panel.getByRole('spinbutton', { name: 'Seeds' }).fill('2');
  await panel.getByRole('spinbutton', { name: 'Minutes' }).fill('1');
  await page.getByTestId('whatif-find-run').click();
  await expect(panel.getByRole('alert')).toContainText('condition 1');
  await expect(page.getByTestId('whatif-progress')).toHaveCount(0);
  await page.getByTestId('whatif-find-value-1').fill('30%');
  await page.getByTestId('whatif-find-and').click();
  await page.getByTestId('whatif-find-metric-2').selectOption('ordersLost');
  await page.getByTestId('whatif-find-op-2').selectOption('=');
  await page.getByTestId('whatif-find-value-2').fill('0');
  await page.getByTestId('whatif-find-run').click();

  const answer = page.getByTestId('whatif-goal-answer');
  await expect(answer).toBeVisible({ timeout: 120_000 });
  // the checkout template's payment is 80% busy on 1 instance (ρ = 0.8/c): 2 → 40%, 3 → 27% is the first below 30%
  await expect(answer).toContainText('payment.instances = 3');
  await expect(page.getByTestId('whatif-goal-meeting')).toContainText('payment.instances = 3');
  await expect(page.getByTestId('whatif-goal-meeting')).toContainText('payment.utilisation < 30%');
  await expect(page.getByTestId('whatif-goal-failing')).toContainText('payment.instances = 2');
  // bisection: fewer cells than candidates, shown in the order they ran (8 first)
  const probes = await page.getByTestId('whatif-goal-probes').locator('li').allInnerTexts();
  expect(probes.length).toBeLessThan(8);
  expect(probes[0]).toMatch(/^8 ✓/);
  await expect(page.getByTestId('whatif-row')).toHaveCount(probes.length);
  await expect(page.getByTestId('whatif-progress')).toContainText(`completed · ${probes.length * 2}/${probes.length * 2} runs`);

  const handle = page.getByTestId('run-dock-resize');
  await handle.focus();
  for (let i = 0; i < 3; i++) await handle.press('Shift+ArrowUp');
  await handle.evaluate((e) => (e as HTMLElement).blur());
  await snap(page, 'whatif-find-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'whatif-find-1280-dark');
  await page.setViewportSize({ width: 1920, height: 1080 });
  // the pickers above the answer
  await panel.evaluate((e) => { e.scrollTop = 0; });
  await snap(page, 'whatif-find-1920-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, 'whatif-find-1920-light');
  await page.setViewportSize({ width: 1280, height: 800 });

  // the failing neighbour opens its run in the run view
  await page.getByTestId('whatif-goal-failing').getByTestId('whatif-goal-open-run').first().click();
  await expect(page.getByTestId('run-replay')).toBeVisible();

  // a goal no candidate meets: said plainly, with the best candidate as evidence
  await page.getByTestId('run-tab-whatif').click();
  await page.getByTestId('whatif-mode-find').click();
  await page.getByTestId('whatif-find-range').fill('1..2');
  await page.getByTestId('whatif-find-run').click();
  const none = page.getByTestId('whatif-goal-none');
  await expect(none).toBeVisible({ timeout: 60_000 });
  await expect(none).toContainText('No value of payment.instances in 1…2 satisfies it');
  await expect(none).toContainText('widen the range');
  await expect(page.getByTestId('whatif-goal-failing')).toContainText('payment.instances = 2');
  await snap(page, 'whatif-find-none-1280-light');

  // saved: both goal seeks are listed and reopen with their answer and form
  await page.reload();
  await expect(page.getByTestId('status-transport')).toContainText('connected');
  await page.getByTestId('run-tab-whatif').click();
  const saved = page.getByTestId('whatif-saved');
  await expect(saved.locator('option')).toHaveCount(3);
  await expect(saved.locator('option').nth(2)).toContainText('find: min payment.instances where payment.utilisation < 0.3 and ordersLost = 0');
  await saved.selectOption({ index: 2 });
  await expect(page.getByTestId('whatif-goal-answer')).toContainText('payment.instances = 3');
  await expect(page.getByTestId('whatif-find-range')).toHaveValue('1..8');
  await expect(page.getByTestId('whatif-find-value-1')).toHaveValue('0.3');
  // the chart as PNG (drawn from its SVG, saved through the shared download helper)
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('whatif-export-png').click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
  // the list's scope: sweeps saved without a project (eventflow sweep --save) and all projects' sweeps
  await page.getByTestId('whatif-saved-scope').selectOption('none');
  await expect(saved.locator('option')).toHaveCount(1);
  await page.getByTestId('whatif-saved-scope').selectOption('all');
  await expect(saved.locator('option')).toHaveCount(3);
  await expect(saved.locator('option').nth(1)).toContainText('Checkout find · find:');
});

test('Find for each: the smallest payment.instances for each storefront rate, one row each with its evidence, reopened', async ({ app: page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createProject(page, 'Checkout capacity', /Event-driven checkout/);
  await page.getByTestId('run-tab-whatif').click();
  const panel = page.getByTestId('whatif-panel');
  await page.getByTestId('whatif-mode-find').click();
  await page.getByTestId('whatif-find-param').selectOption('payment.instances');
  await page.getByTestId('whatif-find-range').fill('1..8');
  await page.getByTestId('whatif-find-per').selectOption('storefront.profile.ratePerSec');
  // a first guess from the current value (20/s): ×1, ×2, ×4
  await expect(page.getByTestId('whatif-find-per-range')).toHaveValue('20,40,80');
  await page.getByTestId('whatif-find-per-range').fill('10,20,4o');
  await expect(page.getByTestId('whatif-find-metric-1').locator('option[value="payment.utilisation"]')).toHaveCount(1);
  await page.getByTestId('whatif-find-metric-1').selectOption('payment.utilisation');
  await page.getByTestId('whatif-find-op-1').selectOption('<');
  await page.getByTestId('whatif-find-value-1').fill('45%');
  await panel.getByRole('spinbutton', { name: 'Seeds' }).fill('1');
  await panel.getByRole('spinbutton', { name: 'Minutes' }).fill('1');
  // a typo in the levels: said where, nothing runs
  await page.getByTestId('whatif-find-run').click();
  await expect(panel.getByRole('alert')).toContainText('For each:');
  await expect(page.getByTestId('whatif-progress')).toHaveCount(0);
  await page.getByTestId('whatif-find-per-range').fill('10,20,40');
  await page.getByTestId('whatif-find-run').click();

  // measured (eventflow sweep … --duration 1m --seeds 1): payment's utilisation is ~3% per order/s over its
  // instances: 10/s → 30% on 1; 20/s → 59% on 1, 30% on 2; 40/s → 59% on 2, 39% on 3
  const rows = page.getByTestId('whatif-goal-answer-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('whatif-progress')).toContainText('completed', { timeout: 150_000 });
  const cells = async (i: number): Promise<string[]> => rows.nth(i).locator('td').allInnerTexts();
  expect((await cells(0)).slice(0, 2)).toEqual(['10', '1']);
  expect((await cells(1)).slice(0, 2)).toEqual(['20', '2']);
  expect((await cells(2)).slice(0, 2)).toEqual(['40', '3']);
  // the evidence: the answer's cell and the neighbour below it (none below 1)
  const row = (i: number) => rows.nth(i);
  await expect(row(2).getByTestId('whatif-goal-meeting')).toContainText('✓ 3');
  await expect(row(2).getByTestId('whatif-goal-failing')).toContainText('✗ 2');
  await expect(row(0).getByTestId('whatif-goal-failing')).toHaveCount(0);
  // bisection per row: 8 first, fewer cells than candidates
  expect((await cells(2))[3]).toMatch(/^8 ✓/);
  // the heatmap holds only the cells bisection evaluated
  await expect(page.getByTestId('whatif-heatmap')).toBeVisible();
  const handle = page.getByTestId('run-dock-resize');
  await handle.focus();
  for (let i = 0; i < 4; i++) await handle.press('Shift+ArrowUp');
  await handle.evaluate((e) => (e as HTMLElement).blur());
  await page.getByTestId('whatif-goal-answers').scrollIntoViewIfNeeded();
  await snap(page, 'whatif-find-per-1280-light');
  await row(2).getByTestId('whatif-goal-failing').getByTestId('whatif-goal-open-run').click();
  await expect(page.getByTestId('run-replay')).toBeVisible();

  // reopened with its form: both parameters and their ranges
  await page.reload();
  await expect(page.getByTestId('status-transport')).toContainText('connected');
  await page.getByTestId('run-tab-whatif').click();
  await page.getByTestId('whatif-saved').selectOption({ index: 1 });
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('whatif-find-per')).toHaveValue('storefront.profile.ratePerSec');
  await expect(page.getByTestId('whatif-find-per-range')).toHaveValue('10,20,40');
  expect((await cells(2)).slice(0, 2)).toEqual(['40', '3']);
});

test('Backpressure: a sweep cell\'s run, per broker predicted vs measured with the difference; the open topology predicted', async ({ app: page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createProject(page, 'Checkout backpressure', /Event-driven checkout/);
  await page.getByTestId('run-tab-whatif').click();
  const panel = page.getByTestId('whatif-panel');
  await page.getByTestId('whatif-mode-grid').click();
  // payment is 40% busy at 20 orders/s on 2 instances (50/s): at 60 orders/s the orders topic backs up at 60 − 50 = 10/s
  await page.getByTestId('whatif-vary-1').fill('storefront.profile.ratePerSec=20,60');
  await page.getByTestId('whatif-vary-2').fill('');
  await panel.getByRole('spinbutton', { name: 'Seeds' }).fill('1');
  await panel.getByRole('spinbutton', { name: 'Minutes' }).fill('2');
  await page.getByTestId('whatif-run').click();
  await expect(page.getByTestId('whatif-progress')).toContainText('completed · 2/2 runs', { timeout: 90_000 });
  await page.getByTestId('whatif-row').nth(1).click();
  await page.getByTestId('whatif-cell-backpressure').click();

  const view = page.getByTestId('whatif-backpressure');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('whatif-mode-backpressure')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('whatif-bp-threshold').fill('300');
  await expect(page.getByTestId('whatif-bp-what')).toContainText('run ');
  const orders = view.locator('[data-testid="whatif-bp-broker"][data-broker="orders"]');
  await expect(orders.getByTestId('whatif-bp-predicted')).toBeVisible();
  await expect(orders.getByTestId('whatif-bp-measured')).toBeVisible();
  await expect(orders.getByTestId('whatif-bp-diff')).toBeVisible();
  // predicted: 300 / 10 per s = 30 s; the run crosses too (not "never"), and the difference is shown
  const pred = await orders.getByTestId('whatif-bp-predicted').locator('td').allInnerTexts();
  const meas = await orders.getByTestId('whatif-bp-measured').locator('td').allInnerTexts();
  const num = (t: string | undefined): number => Number((t ?? '').replace(/ s$|\/s$/, ''));
  expect(Math.abs(num(pred[2]) - 30) / 30).toBeLessThan(0.03);
  expect(Math.abs(num(pred[4]) - 10) / 10).toBeLessThan(0.03);
  // (the measured row has no broker and capacity cells: they span the three rows)
  expect(Math.abs(num(meas[1]) - 30) / 30).toBeLessThan(0.2);
  expect(Math.abs(num(meas[3]) - 10) / 10).toBeLessThan(0.2);
  await expect(orders.getByTestId('whatif-bp-diff')).toContainText('%');
  // a broker that never backs up says so
  await expect(view.locator('[data-testid="whatif-bp-broker"][data-broker="order-status"]')).toContainText('stays under 300');

  const handle = page.getByTestId('run-dock-resize');
  await handle.focus();
  for (let i = 0; i < 3; i++) await handle.press('Shift+ArrowUp');
  await handle.evaluate((e) => (e as HTMLElement).blur());
  await snap(page, 'whatif-backpressure-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'whatif-backpressure-1280-dark');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await snap(page, 'whatif-backpressure-1920-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, 'whatif-backpressure-1920-light');
  await page.setViewportSize({ width: 1280, height: 800 });

  // the open topology (20 orders/s): predicted only, nothing backs up
  await page.getByTestId('whatif-bp-source').selectOption('');
  await expect(page.getByTestId('whatif-bp-what')).toContainText('the open topology');
  await expect(view.getByTestId('whatif-bp-measured')).toHaveCount(0);
  await expect(orders.getByTestId('whatif-bp-predicted')).toContainText('never');
  // a bad threshold is refused with the reason
  await page.getByTestId('whatif-bp-threshold').fill('-5');
  await expect(view.getByRole('alert')).toContainText('Threshold "-5": give a positive number of messages');
});
