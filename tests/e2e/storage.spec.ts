/**
 * The Storage panel on the start page (issue 11): what the data folder holds against its budget,
 * runs by size, dropping a run's event log (summary and charts stay) and deleting a run.
 */
import { expect, snap, test } from './fixtures/host';

test('the Storage panel lists runs by size, drops an event log and deletes a run', async ({ app: page }) => {
  await page.getByRole('button', { name: 'New project' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'New project' });
  await wizard.getByRole('textbox', { name: 'Name' }).fill('Storage check');
  await wizard.getByRole('radio', { name: /Event-driven checkout/ }).click();
  await wizard.getByRole('button', { name: 'Create project' }).click();
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('run-speed').selectOption('max');
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-phase')).toHaveText('completed', { timeout: 60_000 });
  }
  await page.getByRole('button', { name: 'Projects' }).click();

  const panel = page.getByTestId('storage-panel');
  await expect(page.getByTestId('storage-summary')).toContainText(/MB on disk · event logs [\d.]+ (KB|MB) of 2\.0 GB/);
  await panel.getByRole('button', { name: /Storage/ }).click();
  const rows = panel.getByTestId('storage-run');
  await expect(rows).toHaveCount(2);
  await snap(page, 'storage-panel');

  const first = rows.first();
  const id = await first.getAttribute('data-run-id');
  await first.getByTestId('storage-prune-events').click();
  await expect(panel.getByRole('status')).toContainText(/1 event log pruned, [\d.]+ (KB|MB) freed/);
  await expect(panel.locator(`[data-run-id="${id}"] td`).nth(1)).toHaveText('pruned');

  await panel.locator(`[data-run-id="${id}"]`).getByTestId('storage-delete').click();
  await expect(panel.getByRole('status')).toContainText('1 run deleted');
  await expect(rows).toHaveCount(1);
  await expect(panel.locator(`[data-run-id="${id}"]`)).toHaveCount(0);

  await panel.getByTestId('storage-budget').selectOption(String(512 * 1024 ** 2));
  await expect(page.getByTestId('storage-summary')).toContainText('of 512 MB');
});
