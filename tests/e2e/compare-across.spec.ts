/**
 * Issue 12 item 10: the monolith template says "compare with the event-driven checkout", so
 * Compare takes runs of two projects; the headers name the runs and the topology diff says what
 * differs.
 */
import type { Page } from '@playwright/test';
import { runToCompletion } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

test.use({ viewport: { width: 1600, height: 1000 } });

async function projectWithRun(page: Page, name: string, template: RegExp) {
  await page.getByRole('button', { name: 'New project' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'New project' });
  await wizard.getByRole('textbox', { name: 'Name' }).fill(name);
  await wizard.getByRole('radio', { name: template }).click();
  await wizard.getByRole('button', { name: 'Create project' }).click();
  await runToCompletion(page, 60);
}

test('compare the monolith with the event-driven checkout: runs of two projects side by side', async ({ app: page }) => {
  await projectWithRun(page, 'Event-driven', /Event-driven checkout/);
  await page.getByRole('button', { name: 'Projects' }).click();
  await projectWithRun(page, 'Monolith', /Monolith checkout/);

  await page.getByTestId('run-tab-history').click();
  const history = page.getByTestId('run-history');
  await expect(history.getByTestId('history-row')).toHaveCount(1);
  await history.getByTestId('history-all-projects').check();
  await expect(history.getByTestId('history-row')).toHaveCount(2);
  await expect(history.getByTestId('history-foreign').locator('.run-table__project')).toHaveText('Event-driven');
  for (const box of await history.getByRole('checkbox', { name: /^Pick / }).all()) await box.check();
  await history.getByTestId('history-compare').click();

  const compare = page.getByTestId('run-compare');
  await expect(compare.locator('thead')).toContainText(/A: .*#\d+.*B: .*#\d+/);
  const topo = page.getByTestId('compare-topology');
  await expect(topo).not.toContainText('identical');
  await expect(topo).toContainText(/[+−] node /);
  // the event-driven run has no customer sessions: its conversion is not measured, not 0 %
  await expect(compare.locator('tr[data-metric="conversion"] td').nth(1)).toHaveText('not measured');
  await expect(compare.locator('tr[data-metric="conversion"] td').nth(3)).toHaveText('–');
  await snap(page, 'compare-across-projects');
});
