/**
 * Issue 16: the theme is chosen in the app (light / dark / follow the OS), remembered per user,
 * and exports (SVG/PNG pictures, the HTML run report) follow it by default.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { runToCompletion, viewportSettled } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

const pageBackground = (page: Page): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.use({ colorScheme: 'light' });

test('theme chooser: dark is remembered across a reload, pictures and the HTML report export dark, Follow the OS tracks the OS', async ({ app: page }) => {
  test.setTimeout(90_000);
  const choice = page.getByTestId('theme-choice');
  // a new user follows the OS, which is light here
  await expect(choice).toHaveValue('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const light = await pageBackground(page);

  await choice.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => pageBackground(page)).not.toBe(light);
  await page.reload();
  await expect(page.getByTestId('status-transport')).toContainText('connected');
  await expect(page.getByTestId('theme-choice')).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // a project: the canvas is dark too
  await page.getByRole('button', { name: 'New project' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'New project' });
  await wizard.getByRole('radio', { name: /Event-driven checkout/ }).click();
  await wizard.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('node-payment')).toBeVisible();
  await expect(page.locator('.react-flow')).toHaveClass(/dark/);
  await viewportSettled(page);
  await snap(page, 'theme-dark-canvas');

  // File › Export: the picture is dark without touching the dialog's theme
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-format').selectOption('svg');
  await expect(page.getByTestId('export-theme')).toHaveValue('dark');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const svgText = readFileSync(await svg.path(), 'utf8');
  expect(svgText).toContain('<rect width="100%" height="100%" fill="#0f172a"/>');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);

  // a short run, then its HTML report from History: dark page, dark charts
  await runToCompletion(page, 60);
  await page.getByTestId('run-tab-history').click();
  await page.getByTestId('history-row').first().getByTestId('history-more').click();
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export-html').click()]);
  const html = readFileSync(await report.path(), 'utf8');
  expect(html).toContain('data-theme="dark"');
  expect(html).toContain('background:#16181d');
  await snap(page, 'theme-dark-history');

  // Follow the OS: the app switches when the OS does
  await page.getByTestId('theme-choice').selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // and the exports follow what is shown: light now
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-format').selectOption('svg');
  await expect(page.getByTestId('export-theme')).toHaveValue('light');
});

test('the theme commands are in the command palette', async ({ app: page }) => {
  await page.keyboard.press('Control+Shift+P');
  await page.getByTestId('command-palette').getByRole('combobox').fill('Theme: Dark');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-choice')).toHaveValue('dark');
});
