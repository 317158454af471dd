/**
 * The lesson player (issue 15): start a lesson from Learn on the start page, do the step's action
 * yourself (start a run from the run toolbar), see each claim turn green with its measured
 * figure; a claim that does not hold says why, in numbers.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures/host';

async function runFromToolbar(page: Page): Promise<void> {
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-phase')).toHaveText('completed', { timeout: 90_000 });
}

async function openLesson(page: Page, id: string): Promise<void> {
  const learn = page.getByTestId('learn-panel');
  await expect(learn.getByRole('heading', { name: 'Learn' })).toBeVisible();
  await learn.getByTestId(`lesson-${id}`).click();
  await expect(page.getByTestId('lesson-player')).toBeVisible();
}

test('a lesson played through the UI: the learner runs, the claims turn green', async ({ app: page }) => {
  await openLesson(page, 'react-independently');
  const player = page.getByTestId('lesson-player');
  await expect(player.getByRole('heading', { name: 'One event, three reactions' })).toBeVisible();
  await expect(player.getByTestId('claim-inventory-gets-all')).toHaveAttribute('data-status', 'pending');
  await runFromToolbar(page);
  for (const id of ['inventory-gets-all', 'payment-gets-all', 'notification-gets-all']) {
    await expect(player.getByTestId(`claim-${id}`)).toHaveAttribute('data-status', 'pass', { timeout: 15_000 });
  }
  await expect(player.getByTestId('claim-payment-gets-all')).toContainText(/Payment messages in \(baseline\) was [\d,]+ and Storefront messages out \(baseline\) [\d,]+: difference -?\d \(difference = 0 \(± 3\)\)/);
  await expect(player.getByTestId('lesson-action')).toContainText('✓');
  await snap(page, 'lesson-player-1280-light');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await snap(page, 'lesson-player-1920-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'lesson-player-1920-dark');
  await page.setViewportSize({ width: 1280, height: 800 });
  await snap(page, 'lesson-player-1280-dark');

  // presentation mode: the app's chrome hidden, keys step the lesson
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await player.getByTestId('lesson-present').click();
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.getByTestId('palette')).toBeHidden();
  await snap(page, 'lesson-presentation-1920');
  await page.keyboard.press('ArrowRight');
  await expect(player.getByRole('heading', { name: 'Slow down Notification' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(player.getByRole('heading', { name: 'One event, three reactions' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.topbar')).toBeVisible();

  // the rest of the lesson, by the learner's own hand: slow Notification down in the inspector, run again
  await page.setViewportSize({ width: 1280, height: 800 });
  await player.getByRole('button', { name: 'Next' }).click();
  await expect(player.getByRole('heading', { name: 'Slow down Notification' })).toBeVisible();
  await expect(player.getByTestId('lesson-action')).not.toContainText('✓');
  const inspector = page.getByTestId('node-inspector');
  await expect(inspector).toHaveAttribute('data-node-id', 'notification'); // the step's focus selected it
  const mean = inspector.locator('[data-field="settings.processing.meanMs"]');
  await mean.fill('250');
  await mean.press('Tab');
  await expect(player.getByTestId('lesson-action')).toContainText('✓');
  await player.getByRole('button', { name: 'Next' }).click();
  await expect(player.getByRole('heading', { name: 'Who noticed?' })).toBeVisible();
  await runFromToolbar(page);
  for (const id of ['notification-slower', 'payment-unchanged', 'inventory-unchanged']) {
    await expect(player.getByTestId(`claim-${id}`)).toHaveAttribute('data-status', 'pass', { timeout: 15_000 });
  }
  await expect(player.getByTestId('claim-notification-slower')).toContainText(/ratio \d+(\.\d+)?/);

  // the handout: made by the backend from the lesson's reference path, downloaded as one HTML file
  const download = page.waitForEvent('download');
  await player.getByTestId('lesson-handout').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('react-independently-handout.html');
  const html = readFileSync(await file.path(), 'utf8');
  expect(html).toContain('Who noticed?');
  expect(html).not.toMatch(/<script/i);
  await expect(page.getByText(/Handout saved as react-independently-handout\.html: all 6 claims verified/)).toBeVisible();
});

test('a claim that does not hold says what was measured and what it needed', async ({ app: page }) => {
  await openLesson(page, 'react-independently');
  const player = page.getByTestId('lesson-player');
  await runFromToolbar(page);
  await expect(player.getByTestId('claim-notification-gets-all')).toHaveAttribute('data-status', 'pass', { timeout: 15_000 });
  // skip the slow-down step: the third step's run then shows Notification as fast as before
  await player.getByRole('button', { name: 'Next' }).click();
  await player.getByRole('button', { name: 'Next' }).click();
  await expect(player.getByRole('heading', { name: 'Who noticed?' })).toBeVisible();
  await runFromToolbar(page);
  const claim = player.getByTestId('claim-notification-slower');
  await expect(claim).toHaveAttribute('data-status', 'fail', { timeout: 15_000 });
  await expect(claim).toContainText(/not yet — Notification p99 \(slow-notification\) was [\d,.]+ ms and Notification p99 \(baseline\) [\d,.]+ ms: ratio 1, the claim needs ratio ≥ 2/);
  await expect(player.getByTestId('claim-payment-unchanged')).toHaveAttribute('data-status', 'pass');
  await snap(page, 'lesson-player-failing-claim');
});
