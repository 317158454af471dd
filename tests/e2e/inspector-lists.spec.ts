import { createProject, downloadTopology, nodeEl } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

test('outage windows, slowdowns and enrich attributes: edited in the inspector, refused inline, undoable, kept after save + reload', async ({ app: page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await createProject(page, 'Incidents', /Event-driven checkout/);
  const inspector = page.getByTestId('node-inspector');
  const field = (name: string) => inspector.locator(`[data-field="${name}"]`);

  // a service's outage window: added with defaults, an end before the start is refused inline
  await nodeEl(page, 'payment').click();
  await inspector.getByRole('button', { name: 'Add outage' }).click();
  await expect(field('settings.outages.0.startSec')).toHaveValue('60');
  await expect(field('settings.outages.0.endSec')).toHaveValue('90');
  await field('settings.outages.0.startSec').fill('120');
  await expect(inspector.getByRole('alert')).toHaveText('The end must be after the start');
  await field('settings.outages.0.startSec').press('Tab'); // the refused draft goes, the stored 60 shows again
  await expect(field('settings.outages.0.startSec')).toHaveValue('60');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await field('settings.outages.0.endSec').fill('180');
  await field('settings.outages.0.endSec').press('Tab');
  await field('settings.outages.0.startSec').fill('120');
  await field('settings.outages.0.startSec').press('Tab');
  await expect(inspector.getByRole('alert')).toHaveCount(0);

  // a second outage, then removed again
  await inspector.getByRole('button', { name: 'Add outage' }).click();
  await expect(field('settings.outages.1.startSec')).toHaveValue('240');
  await inspector.getByRole('button', { name: 'Remove outage 2' }).click();
  await expect(field('settings.outages.1.startSec')).toHaveCount(0);

  // a slowdown: a factor below 1 is refused, 4 is stored
  await inspector.getByRole('button', { name: 'Add slowdown' }).click();
  await expect(field('settings.slowdowns.0.factor')).toHaveValue('3');
  await field('settings.slowdowns.0.factor').fill('0.5');
  await expect(inspector.getByRole('alert')).toBeVisible();
  await field('settings.slowdowns.0.factor').fill('4');
  await field('settings.slowdowns.0.factor').press('Tab');

  // each of those edits is one undo step: undo the factor, then the slowdown row, redo both
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await nodeEl(page, 'payment').click();
  await expect(field('settings.slowdowns.0.factor')).toHaveValue('3');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await nodeEl(page, 'payment').click();
  await expect(field('settings.slowdowns.0.factor')).toHaveCount(0);
  await expect(field('settings.outages.0.startSec')).toHaveValue('120');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await nodeEl(page, 'payment').click();
  await expect(field('settings.slowdowns.0.factor')).toHaveValue('4');

  // a sink's outage
  await nodeEl(page, 'payment-gateway').click();
  await inspector.getByRole('button', { name: 'Add outage' }).click();
  await field('settings.outages.0.endSec').fill('300');
  await field('settings.outages.0.endSec').press('Tab');

  // a map operator's enrich record: key → value rows; an empty or duplicate key is refused
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('/');
  await page.getByTestId('quick-add').getByRole('textbox').fill('enrich');
  await page.keyboard.press('Enter');
  await expect(inspector).toHaveAttribute('data-node-id', 'enrich');
  await inspector.getByRole('button', { name: 'Add attribute' }).click();
  await field('settings.enrich.0.key').fill('channel');
  await field('settings.enrich.0.value').fill('web');
  await inspector.getByRole('button', { name: 'Add attribute' }).click();
  await expect(field('settings.enrich.1.key')).toHaveValue('attribute');
  await field('settings.enrich.1.key').fill('channel');
  await expect(inspector.getByRole('alert')).toHaveText('"channel" is already used');
  await field('settings.enrich.1.key').fill('');
  await expect(inspector.getByRole('alert')).toHaveText('A key is required');
  await field('settings.enrich.1.key').fill('region');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await field('settings.enrich.1.value').fill('eu-west');
  await field('settings.enrich.1.value').press('Tab');
  await inspector.getByRole('button', { name: 'Add attribute' }).click();
  await inspector.getByRole('button', { name: 'Remove attribute attribute' }).click();
  await expect(field('settings.enrich.2.key')).toHaveCount(0);
  await snap(page, 'inspector-enrich');

  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');

  // what the backend kept: reload, the editor re-opens the project from SQLite
  await page.reload();
  await expect(nodeEl(page, 'enrich')).toBeVisible();
  const saved = await downloadTopology(page);
  const byId = new Map(saved.nodes.map((n) => [n.id, n]));
  expect(byId.get('payment')?.settings).toMatchObject({ outages: [{ startSec: 120, endSec: 180 }], slowdowns: [{ window: { startSec: 60, endSec: 90 }, factor: 4 }] });
  expect(byId.get('payment-gateway')?.settings).toMatchObject({ outages: [{ startSec: 60, endSec: 300 }] });
  expect(byId.get('enrich')?.settings).toMatchObject({ op: 'map', enrich: { channel: 'web', region: 'eu-west' } });

  // and the inspector shows them again (found by name: the added operator may sit over Payment in the fitted view)
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+f');
  await page.getByTestId('node-search').getByRole('textbox').fill('Payment');
  await page.keyboard.press('Enter');
  await expect(inspector).toHaveAttribute('data-node-id', 'payment');
  await expect(field('settings.outages.0.startSec')).toHaveValue('120');
  await expect(field('settings.slowdowns.0.factor')).toHaveValue('4');
  await snap(page, 'inspector-outages');
});

test('project event types: payload field descriptions, duplicate field names refused; project description', async ({ app: page }) => {
  await createProject(page, 'Loyalty');
  // the project's own description (exported as AsyncAPI info.description)
  await page.getByTestId('project-inspector').locator('[data-field="topology.description"]').fill('Loyalty points for repeat buyers');
  await page.getByTestId('project-inspector').locator('[data-field="topology.description"]').press('Tab');

  await page.getByRole('tab', { name: 'Event types' }).click();
  const panel = page.getByTestId('event-types-panel');
  await panel.getByRole('textbox', { name: 'New event type name' }).fill('PointsEarned');
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  const type = panel.getByTestId('event-type-PointsEarned');
  await type.getByRole('button', { name: 'Add field' }).click();
  await type.locator('[data-field="fields.1.name"]').fill('id');
  await expect(type.getByRole('alert')).toHaveText('"id" is already a field of PointsEarned');
  await type.locator('[data-field="fields.1.name"]').fill('points');
  await type.locator('[data-field="fields.1.type"]').selectOption('integer');
  await type.locator('[data-field="fields.1.description"]').fill('Points credited for this order');
  await type.locator('[data-field="fields.1.description"]').press('Tab');
  await snap(page, 'event-type-fields');

  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('project-editor')).toBeVisible();
  const saved = await downloadTopology(page);
  expect(saved.description).toBe('Loyalty points for repeat buyers');
  expect(saved.eventTypes.find((t) => t.name === 'PointsEarned')?.fields).toEqual([
    { name: 'id', type: 'id', required: true },
    { name: 'points', type: 'integer', required: true, description: 'Points credited for this order' },
  ]);
});
