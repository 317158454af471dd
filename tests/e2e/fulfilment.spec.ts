/**
 * Issue 12 item 4: business figures see an outage. The checkout with a scheduled Payment outage
 * (an outage window in the inspector) to the end of the run leaves its backlog unfulfilled: the
 * KPI cards show the unfulfilled orders, their revenue at risk, and the orders past the project's SLA.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createProject, nodeEl } from './canvas-helpers';
import { SCREENSHOT_DIR, expect, snap, test } from './fixtures/host';

test.use({ viewport: { width: 1600, height: 1000 } });

const value = async (page: Page, id: string): Promise<number> =>
  Number((await page.getByTestId(`kpi-${id}-value`).innerText()).replace(/[^0-9.]/g, '')) || 0;

test('a scheduled Payment outage shows as unfulfilled orders, revenue at risk and orders past the SLA', async ({ app: page }) => {
  test.setTimeout(120_000);
  await createProject(page, 'Checkout outage', /Event-driven checkout/);
  const inspector = page.getByTestId('node-inspector');
  const field = (name: string) => inspector.locator(`[data-field="${name}"]`);

  // Payment down from 1:00 to the end of a 10-minute run
  await nodeEl(page, 'payment').click();
  await inspector.getByRole('button', { name: 'Add outage' }).click();
  await field('settings.outages.0.endSec').fill('600');
  await field('settings.outages.0.endSec').press('Tab');
  await expect(inspector.getByRole('alert')).toHaveCount(0);

  // scenario 600 s; the project's SLA: an invalid one is refused, 2 minutes is kept
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill('600');
  const sla = page.getByTestId('run-order-sla');
  await expect(sla).toHaveValue('5');
  await sla.fill('0');
  await sla.press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'Order SLA' })).toBeVisible();
  await sla.fill('2');
  await sla.press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'Order SLA' })).toHaveCount(0);
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByTestId('run-speed').selectOption('max');

  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-phase')).toHaveText('completed', { timeout: 60_000 });

  // ~20 orders/s for the 9 minutes Payment was down: ≈ 10.8k waiting in `orders`
  const unfulfilled = page.getByTestId('kpi-unfulfilled');
  await expect(unfulfilled).toHaveClass(/run-kpi--bad/);
  const open = await value(page, 'unfulfilled');
  const orders = await value(page, 'orders');
  expect(open).toBeGreaterThan(9000);
  expect(open).toBeLessThan(orders);
  await expect(page.getByTestId('kpi-unfulfilled-sub')).toContainText('revenue at risk');
  await expect(page.getByTestId('kpi-delayed')).toContainText('Delayed > 2 min SLA');
  expect(await value(page, 'delayed')).toBeGreaterThan(5000);
  await page.getByTestId('run-kpis').screenshot({ path: path.join(SCREENSHOT_DIR, 'fulfilment-kpis.png'), animations: 'disabled' });
  await snap(page, 'fulfilment-outage');
});
