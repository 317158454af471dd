import type { Page } from '@playwright/test';
import { createProject } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

/** Adds a topic through quick-add ("/" on the canvas). */
async function addTopic(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('/');
  await page.getByTestId('quick-add').getByRole('textbox').fill('topic');
  await page.keyboard.press('Enter');
}

async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
}

test('version history: explicit saves are listed; restoring one shows it, keeps the replaced canvas as a version, and is one undo step', async ({ app: page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await createProject(page, 'Versions');
  const nodes = page.locator('.react-flow__node');
  const dialog = page.getByRole('dialog', { name: 'Version history' });
  const rows = dialog.getByTestId('version-row');

  // nothing saved explicitly yet
  await page.getByRole('button', { name: 'Version History…' }).click();
  await expect(dialog.getByTestId('history-empty')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // save twice (1 node, then 2 nodes), then change the canvas (3 nodes) without saving
  await addTopic(page);
  await expect(nodes).toHaveCount(1);
  await save(page);
  await addTopic(page);
  await expect(nodes).toHaveCount(2);
  await save(page);
  await addTopic(page);
  await expect(nodes).toHaveCount(3);

  await page.getByRole('button', { name: 'Version History…' }).click();
  await expect(dialog.getByTestId('history-panel')).toContainText('3 nodes');
  const oneNode = rows.and(page.locator('[data-nodes="1"]')).first();
  await expect(oneNode).toBeVisible();
  await expect(oneNode).toContainText('1 node · 0 connections');
  await expect(oneNode).toContainText('−2 nodes vs now');
  // editor shortcuts do not reach the canvas behind the dialog
  await page.keyboard.press('Delete');
  await expect(nodes).toHaveCount(3);
  await snap(page, 'version-history');

  // Restore asks first; Cancel leaves everything as it was
  await oneNode.getByRole('button', { name: /^Restore the version saved/ }).click();
  await expect(oneNode.getByRole('group', { name: 'Confirm restore' })).toContainText('The current one is kept as a version');
  await snap(page, 'version-history-confirm');
  await oneNode.getByRole('button', { name: 'Cancel' }).click();
  await expect(nodes).toHaveCount(3);
  await oneNode.getByRole('button', { name: /^Restore the version saved/ }).click();
  await oneNode.getByRole('button', { name: 'Restore', exact: true }).click();

  // the canvas shows the earlier version; the replaced one tops the history
  await expect(dialog).toHaveCount(0);
  await expect(nodes).toHaveCount(1);
  await expect(page.getByTestId('editor-banner')).toContainText('Restored the version saved');
  await page.getByRole('button', { name: 'Version History…' }).click();
  await expect(rows.first()).toHaveAttribute('data-nodes', '3');
  await expect(rows.first()).toContainText('+2 nodes vs now');
  await page.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(dialog).toHaveCount(0);

  // the restore is stored: a reload shows the restored version
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('project-editor')).toBeVisible();
  await expect(nodes).toHaveCount(1);

  // and after a restore in this session, Undo brings the replaced canvas back (one step)
  await page.getByRole('button', { name: 'Version History…' }).click();
  await rows.first().getByRole('button', { name: /^Restore the version saved/ }).click();
  await rows.first().getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(nodes).toHaveCount(3);
  await page.locator('.react-flow__pane').click({ position: { x: 400, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(nodes).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(nodes).toHaveCount(3);
});

test('version history: a failing restore says why and leaves the canvas alone', async ({ app: page, host }) => {
  await createProject(page, 'Versions gone');
  const nodes = page.locator('.react-flow__node');
  await addTopic(page);
  await save(page);
  await addTopic(page);
  await expect(nodes).toHaveCount(2);
  await page.getByRole('button', { name: 'Version History…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Version history' });
  await expect(dialog.getByTestId('version-row')).toHaveCount(1);
  // the backend goes away between listing and restoring
  await host.stop();
  await dialog.getByRole('button', { name: /^Restore the version saved/ }).click();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(/nothing was restored|could not restore/i);
  await expect(nodes).toHaveCount(2);
  await snap(page, 'version-history-error');
});
