/**
 * Every command is reachable from the keyboard and the command palette, as in the desktop menus:
 * Ctrl+K / Ctrl+Shift+P opens the palette, F5 / F6 / Shift+F5 drive a run, Ctrl+E opens Export,
 * Ctrl+/ lists the shortcuts. Commands not available on the current page are shown dimmed.
 */
import { createProject, nodeEl } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

test('the command palette lists commands (dimmed when unavailable) and runs the chosen one', async ({ app: page }) => {
  // on the project list, editor commands are listed but not available
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await palette.getByRole('combobox').fill('undo');
  await expect(palette.getByRole('option', { name: /Edit: Undo/ })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);

  await createProject(page, 'Commands', /Event-driven checkout/);
  await expect(nodeEl(page, 'payment')).toBeVisible();
  await page.keyboard.press('Control+Shift+P');
  await expect(palette).toBeVisible();
  await palette.getByRole('combobox').fill('export');
  await expect(palette.getByRole('option').first()).toContainText('File: Export…');
  await snap(page, 'command-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);

  // Ctrl+E is File › Export too
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 200 } });
  await page.keyboard.press('Control+e');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('F5 starts a run, F6 pauses and resumes it, Shift+F5 stops it; Ctrl+/ lists the shortcuts', async ({ app: page }) => {
  await createProject(page, 'Run keys', /Event-driven checkout/);
  await expect(nodeEl(page, 'payment')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 200 } });
  await page.keyboard.press('F5');
  await expect(page.getByTestId('run-pause')).toBeEnabled();
  await page.keyboard.press('F6');
  await expect(page.getByTestId('run-resume')).toBeVisible();
  await page.keyboard.press('F6');
  await expect(page.getByTestId('run-pause')).toBeVisible();
  await page.keyboard.press('Shift+F5');
  await expect(page.getByTestId('run-start')).toBeVisible();
  await expect(page.getByTestId('run-stop')).toBeDisabled();

  await page.keyboard.press('Control+/');
  const list = page.getByTestId('shortcuts');
  await expect(list).toBeVisible();
  await expect(list).toContainText('Start Run');
  await expect(list).toContainText('Shift+F5');
  await expect(list).toContainText('Ctrl+Shift+Z');
  await snap(page, 'keyboard-shortcuts');
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
});
