/**
 * Issue 16, web mode: with no native menu bar, the top bar's Menu button is the visible way to the
 * command palette and File › Import/Export; it shows the keys that work in a browser, and the
 * shortcuts list marks the ones the browser keeps.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProject, nodeEl } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/asyncapi');

test.use({ viewport: { width: 1280, height: 720 } });

test('web mode: the Menu button opens the palette, File › Import and Export, and shows browser-safe keys', async ({ app: page }) => {
  const menuButton = page.getByTestId('app-menu');
  const menu = page.getByRole('menu', { name: 'Menu' });
  await expect(menuButton).toBeVisible();

  // on the start page: New Project shows Alt+Shift+N (the browser keeps Ctrl+N); Import needs a project
  await menuButton.click();
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /New Project/ })).toContainText('Alt+Shift+N');
  await expect(menu.getByRole('menuitem', { name: /New Project/ })).not.toContainText('Ctrl+N');
  await expect(menu.getByRole('menuitem', { name: /Import/ })).toHaveAttribute('aria-disabled', 'true');
  // Escape closes it and gives the focus back to the button
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(menuButton).toBeFocused();

  await createProject(page, 'Menu', /Event-driven checkout/);
  await expect(nodeEl(page, 'payment')).toBeVisible();

  // the command palette, from the menu
  await menuButton.click();
  await expect(menu.getByRole('menuitem', { name: /Command Palette/ })).toContainText('Ctrl+Shift+P');
  await expect(menu.getByRole('menuitem', { name: /Close Project/ })).toContainText('Alt+Shift+W');
  await snap(page, 'web-menu-open');
  await menu.getByRole('menuitem', { name: /Command Palette/ }).click();
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);

  // File › Export…, by keyboard: ↓ to it, Enter
  await menuButton.click();
  await expect(menu.getByRole('menuitem', { name: /Command Palette/ })).toBeFocused();
  const exportItem = menu.getByRole('menuitem', { name: /Export/ });
  for (let i = 0; i < 12 && !(await exportItem.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await expect(exportItem).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);

  // File › Import…: the file chooser, and the document lands on the canvas
  await menuButton.click();
  const chooser = page.waitForEvent('filechooser');
  await menu.getByRole('menuitem', { name: /Import/ }).click();
  const file = 'amqp-shipping.asyncapi.yaml';
  await (await chooser).setFiles({ name: file, mimeType: 'application/yaml', buffer: readFileSync(path.join(fixtures, file)) });
  await expect(page.getByTestId('editor-banner')).toContainText(`Imported ${file}`);
  await expect(nodeEl(page, 'warehouse')).toBeVisible();

  // the theme from the menu: a radio item, checked
  await menuButton.click();
  await menu.getByRole('menuitemradio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await menuButton.click();
  await expect(menu.getByRole('menuitemradio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');

  // the shortcuts list: Ctrl+N and Ctrl+W marked as the desktop app's, their alternatives beside them
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+/');
  const list = page.getByTestId('shortcuts');
  await expect(list.locator('[data-desktop-only="true"]')).toHaveCount(2);
  await expect(list.locator('[data-desktop-only="true"]').first()).toContainText('desktop app');
  await expect(list).toContainText('Alt+Shift+N');
  await expect(list).toContainText('Alt+Shift+W');
  await snap(page, 'web-shortcuts');
});
