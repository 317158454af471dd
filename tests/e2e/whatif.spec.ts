/**
 * Issue 14: a 2-parameter sweep from the What-if tab of the run dock — a refused range shows the
 * model's reason and runs nothing; a valid one fills the heatmap in as cells complete.
 * (Opening a cell's run is not built: cells are not stored as runs yet.)
 */
import { createProject } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

test('a 2-parameter sweep fills the heatmap; a range the model refuses is explained', async ({ app: page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createProject(page, 'Checkout what-if', /Event-driven checkout/);
  await page.getByTestId('run-tab-whatif').click();
  const panel = page.getByTestId('whatif-panel');
  await expect(panel).toBeVisible();

  await page.getByTestId('whatif-vary-1').fill('payment.instances=0..2');
  await page.getByTestId('whatif-run').click();
  await expect(panel.getByRole('alert')).toContainText('payment.instances = 0 makes the topology invalid');
  await expect(page.getByTestId('whatif-progress')).toHaveCount(0);

  await page.getByTestId('whatif-vary-1').fill('payment.instances=1..3');
  await page.getByTestId('whatif-vary-2').fill('storefront.profile.ratePerSec=20,60');
  await panel.getByRole('spinbutton', { name: 'Seeds' }).fill('1');
  await panel.getByRole('spinbutton', { name: 'Minutes' }).fill('1');
  await page.getByTestId('whatif-run').click();
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('whatif-heatmap')).toBeVisible();
  await expect(page.getByTestId('whatif-cell')).toHaveCount(6, { timeout: 120_000 });
  await expect(page.getByTestId('whatif-progress')).toContainText('completed · 6/6 runs');
  await page.getByTestId('whatif-metric').selectOption('payment.utilisation');
  // utilisation falls as instances grow: the 1-instance cell at 60/s is the highest
  const cells = await page.getByTestId('whatif-cell').allInnerTexts();
  expect(Number(cells[1])).toBeGreaterThan(Number(cells[5]));

  await page.getByTestId('whatif-heatmap').scrollIntoViewIfNeeded();
  await snap(page, 'whatif-heatmap-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'whatif-heatmap-1280-dark');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('whatif-heatmap').scrollIntoViewIfNeeded();
  await snap(page, 'whatif-heatmap-1920-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, 'whatif-heatmap-1920-light');
});
