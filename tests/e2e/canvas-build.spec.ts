import type { Page } from '@playwright/test';
import type { TopologyNode } from '../../shared/model';
import { Topology } from '../../shared/model';
import { checkoutTemplate } from '../../shared/model/templates';
import { canonical, createProject, downloadTopology, drawEdge, flowToScreen, nodeEl, zoomOutSteps } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

/** The wizard's example, with defaults applied: what the hand-built canvas must equal. */
const expected = Topology.parse(checkoutTemplate());
const want = <K extends TopologyNode['kind']>(id: string, kind: K) => {
  const n = expected.nodes.find((x) => x.id === id);
  if (!n || n.kind !== kind) throw new Error(`checkout template has no ${kind} "${id}"`);
  return n as Extract<TopologyNode, { kind: K }>;
};

const inspector = (page: Page) => page.getByTestId('node-inspector');

async function fill(page: Page, field: string, value: string | number) {
  const input = inspector(page).locator(`[data-field="${field}"]`);
  await input.fill(String(value));
  await input.press('Tab');
  await expect(inspector(page).locator('[role=alert]')).toHaveCount(0);
}
async function choose(page: Page, field: string, value: string) {
  await inspector(page).locator(`select[data-field="${field}"]`).selectOption(value);
}
async function addTypes(page: Page, field: string, types: readonly string[]) {
  for (const t of types) await inspector(page).locator(`[data-field="${field}"] input`).fill(t);
  for (const t of types) await expect(inspector(page).locator(`[data-field="${field}"]`)).toContainText(t);
}

/** Where the hand-built flow starts on the canvas, in flow coordinates: set once the view is settled. */
let origin = { x: 0, y: 0 };

/**
 * Drags a palette kind onto the canvas so that the new node sits at the checkout template's
 * position of `like` (relative to `origin`); the drop point is computed through the canvas's own
 * viewport transform, so it does not depend on panel sizes or on where the view was left.
 * Returns the new node's id.
 */
async function drop(page: Page, kind: string, like: string): Promise<string> {
  const p = expected.nodes.find((n) => n.id === like)?.position;
  if (!p) throw new Error(`checkout template has no node "${like}"`);
  // the canvas drops a node centred on the pointer (Canvas.tsx addFromPalette: 220×80 card)
  const at = await flowToScreen(page, { x: origin.x + p.x + 110, y: origin.y + p.y + 40 });
  const canvas = page.getByTestId('editor-canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('canvas not visible');
  await page.getByTestId(`palette-${kind}`).dragTo(canvas, { targetPosition: { x: at.x - box.x, y: at.y - box.y } });
  const id = await inspector(page).getAttribute('data-node-id');
  if (!id) throw new Error(`dropping ${kind} selected no node`);
  await expect(nodeEl(page, id)).toBeVisible();
  return id;
}

async function service(page: Page, template: Extract<TopologyNode, { kind: 'service' }>): Promise<string> {
  const id = await drop(page, 'service', template.id);
  const s = template.settings;
  await fill(page, 'name', template.name);
  await fill(page, 'settings.instances', s.instances);
  await fill(page, 'settings.concurrency', s.concurrency);
  await fill(page, 'settings.consumerGroup', s.consumerGroup);
  if (s.processing.kind !== 'lognormal') throw new Error('test expects log-normal processing');
  await fill(page, 'settings.processing.meanMs', s.processing.meanMs);
  await fill(page, 'settings.processing.sigma', s.processing.sigma);
  await fill(page, 'settings.failurePct', s.failurePct);
  await addTypes(page, 'settings.emitsOnSuccess', s.emitsOnSuccess);
  await addTypes(page, 'settings.emitsOnFailure', s.emitsOnFailure);
  return id;
}

async function sink(page: Page, template: Extract<TopologyNode, { kind: 'sink' }>): Promise<string> {
  const id = await drop(page, 'sink', template.id);
  const s = template.settings;
  await fill(page, 'name', template.name);
  await choose(page, 'settings.system', s.system);
  await choose(page, 'settings.latency.kind', s.latency.kind);
  if (s.latency.kind === 'fixed') await fill(page, 'settings.latency.ms', s.latency.ms);
  if (s.latency.kind === 'lognormal') {
    await fill(page, 'settings.latency.meanMs', s.latency.meanMs);
    await fill(page, 'settings.latency.sigma', s.latency.sigma);
  }
  await fill(page, 'settings.failurePct', s.failurePct);
  await fill(page, 'settings.concurrency', s.concurrency);
  return id;
}

async function topic(page: Page, template: Extract<TopologyNode, { kind: 'topic' }>): Promise<string> {
  const id = await drop(page, 'topic', template.id);
  await fill(page, 'name', template.name);
  await choose(page, 'settings.technology', template.settings.technology);
  await fill(page, 'settings.partitions', template.settings.partitions);
  await fill(page, 'settings.replication', template.settings.replication);
  await fill(page, 'settings.retentionHours', template.settings.retentionHours);
  await fill(page, 'settings.keyField', template.settings.keyField);
  return id;
}

test.use({ viewport: { width: 1600, height: 1200 } });

test('builds the checkout example by hand and saves what the wizard would have made', async ({ app: page }) => {
  test.setTimeout(180_000);
  await createProject(page, 'Hand-built checkout');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  // zoom out so the whole flow fits the canvas while we build it, then place the flow's top-left
  // corner a little inside the visible area (flow coordinates of the canvas's top-left corner)
  const v = await zoomOutSteps(page, 4);
  origin = { x: Math.round((24 - v.x) / v.zoom), y: Math.round((24 - v.y) / v.zoom) };

  // producer
  const storefrontT = want('storefront', 'producer');
  const storefront = await drop(page, 'producer', 'storefront');
  await fill(page, 'name', storefrontT.name);
  if (storefrontT.settings.profile.kind !== 'poisson') throw new Error('test expects a Poisson storefront');
  await choose(page, 'settings.profile.kind', 'poisson');
  await fill(page, 'settings.profile.ratePerSec', storefrontT.settings.profile.ratePerSec);
  await expect(inspector(page).locator('[data-field="settings.emits"]')).toContainText('OrderPlaced');

  const orders = await topic(page, want('orders', 'topic'));
  const inventory = await service(page, want('inventory', 'service'));
  const dlq = await drop(page, 'queue', 'payments-dlq');
  await fill(page, 'name', want('payments-dlq', 'queue').name);
  const payment = await service(page, want('payment', 'service'));
  await choose(page, 'settings.deadLetterTarget', dlq);
  const notification = await service(page, want('notification', 'service'));
  const status = await topic(page, want('order-status', 'topic'));
  const gateway = await sink(page, want('payment-gateway', 'sink'));
  const email = await sink(page, want('email-provider', 'sink'));
  const analytics = await sink(page, want('analytics', 'sink'));
  await snap(page, 'canvas-build-nodes');

  // edges, in the order a user would draw them
  const edgeCount = () => page.locator('.react-flow__edge').count();
  const before = await edgeCount();
  await drawEdge(page, storefront, orders);
  for (const s of [inventory, payment, notification]) await drawEdge(page, orders, s);
  for (const s of [inventory, payment, notification]) await drawEdge(page, s, status);
  await drawEdge(page, payment, gateway);
  await drawEdge(page, notification, email);
  await drawEdge(page, status, analytics);
  await expect.poll(edgeCount).toBe(before + 10);
  // the analytics subscription takes every type: clear the defaults in the edge inspector
  const edgeInspector = page.getByTestId('edge-inspector');
  await expect(edgeInspector).toBeVisible();
  const removeButtons = edgeInspector.getByRole('button', { name: /^Remove / });
  while ((await removeButtons.count()) > 0) await removeButtons.first().click();
  await expect(edgeInspector.locator('[data-field="eventTypes"] .ef-token')).toHaveCount(0);

  await page.getByRole('button', { name: 'Fit to Window' }).click();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
  await snap(page, 'canvas-build-done');

  // what the backend kept: reload the page (the editor re-opens the project from SQLite)
  await page.reload();
  await expect(nodeEl(page, storefront)).toBeVisible();
  const saved = await downloadTopology(page);
  expect(canonical(saved)).toEqual(canonical(expected));
});
