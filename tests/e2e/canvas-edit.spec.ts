import { Topology } from '../../shared/model';
import { checkoutTemplate } from '../../shared/model/templates';
import { createProject, downloadTopology, drawEdge, nodeEl, viewportSettled } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

const CHECKOUT_NODES = Topology.parse(checkoutTemplate()).nodes.length;

test('undo/redo covers deletes and inspector edits', async ({ app: page }) => {
  await createProject(page, 'Undo checkout', /Event-driven checkout/);
  const nodes = page.locator('.react-flow__node');
  await expect(nodes).toHaveCount(CHECKOUT_NODES);

  await nodeEl(page, 'payment').click();
  await page.keyboard.press('Delete');
  await expect(nodes).toHaveCount(CHECKOUT_NODES - 1);
  await page.keyboard.press('Control+z');
  await expect(nodes).toHaveCount(CHECKOUT_NODES);
  await page.keyboard.press('Control+Shift+z');
  await expect(nodes).toHaveCount(CHECKOUT_NODES - 1);
  await page.keyboard.press('Control+z');
  await expect(nodes).toHaveCount(CHECKOUT_NODES);
  await page.keyboard.press('Control+y'); // the other redo habit
  await expect(nodes).toHaveCount(CHECKOUT_NODES - 1);
  await page.keyboard.press('Control+z');
  await expect(nodes).toHaveCount(CHECKOUT_NODES);

  // an inspector edit, typed in one burst, is one undo step; an invalid value is never stored
  await nodeEl(page, 'orders').click();
  const partitions = page.getByTestId('node-inspector').locator('[data-field="settings.partitions"]');
  const before = await partitions.inputValue();
  await partitions.fill('0');
  await expect(page.getByTestId('node-inspector').getByRole('alert')).toContainText('must be 1 or more');
  await expect(nodeEl(page, 'orders')).toContainText(`${before} partitions`);
  await partitions.fill('24');
  await partitions.press('Tab');
  await expect(nodeEl(page, 'orders')).toContainText('24 partitions');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(nodeEl(page, 'orders')).toContainText(`${before} partitions`);
  await page.keyboard.press('Control+Shift+z');
  await expect(nodeEl(page, 'orders')).toContainText('24 partitions');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved', { timeout: 10_000 });
});

test('copy/paste and duplicate, also into another project', async ({ app: page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await createProject(page, 'Source checkout', /Event-driven checkout/);
  const nodes = page.locator('.react-flow__node');
  await expect(nodes).toHaveCount(CHECKOUT_NODES);

  // shift-click two nodes, copy, paste: fresh ids, the edge between them kept
  await nodeEl(page, 'payment').click();
  await nodeEl(page, 'payment-gateway').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(nodes).toHaveCount(CHECKOUT_NODES + 2);
  await expect(nodeEl(page, 'payment-2')).toBeVisible();
  await expect(page.locator('.react-flow__edge[data-id="e-payment-gateway-2"]')).toHaveCount(1);

  // duplicate (Ctrl+D) the pasted selection
  await page.keyboard.press('Control+d');
  await expect(nodes).toHaveCount(CHECKOUT_NODES + 4);
  await snap(page, 'canvas-paste');

  // the clipboard is plain JSON: paste it into a second project
  await page.getByRole('button', { name: 'Projects' }).click();
  await createProject(page, 'Target project');
  await expect(nodes).toHaveCount(0);
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+v');
  await expect(nodes).toHaveCount(2);
  const t = await downloadTopology(page);
  expect(t.nodes.map((n) => n.name).sort()).toEqual(['Payment', 'Payment gateway']);
  expect(t.edges).toHaveLength(1);
});

test('auto-layout lays the flow out left to right; refused connections say why', async ({ app: page }) => {
  await createProject(page, 'Layout checkout', /Event-driven checkout/);
  await expect(page.locator('.react-flow__node')).toHaveCount(CHECKOUT_NODES);

  // scramble: drag storefront to the far right, then auto-layout puts it back first
  const box = await nodeEl(page, 'storefront').boundingBox();
  if (!box) throw new Error('storefront not visible');
  await page.mouse.move(box.x + 40, box.y + 15);
  await page.mouse.down();
  await page.mouse.move(box.x + 700, box.y + 200, { steps: 8 });
  await page.mouse.up();
  const x = async (id: string) => (await nodeEl(page, id).boundingBox())?.x ?? NaN;
  expect(await x('storefront')).toBeGreaterThan(await x('payment'));
  await page.getByRole('button', { name: 'Auto Layout' }).click();
  await expect.poll(async () => (await x('storefront')) < (await x('orders'))).toBe(true);
  const after = await downloadTopology(page);
  const pos = (id: string) => after.nodes.find((n) => n.id === id)?.position.x ?? NaN;
  expect(pos('storefront')).toBeLessThan(pos('orders'));
  expect(pos('orders')).toBeLessThan(pos('payment'));
  expect(pos('payment')).toBeLessThan(pos('payment-gateway'));
  // one undo step brings the scrambled layout back
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await x('storefront')) > (await x('payment'))).toBe(true);
  await page.keyboard.press('Control+Shift+z');

  // a producer cannot feed a service directly: the reason shows while dragging, no edge is made
  const edges = await page.locator('.react-flow__edge').count();
  const a = await nodeEl(page, 'storefront').locator('.react-flow__handle.source').boundingBox();
  const b = await nodeEl(page, 'inventory').locator('.react-flow__handle.target').boundingBox();
  if (!a || !b) throw new Error('handles not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await expect(page.getByTestId('connection-hint')).toContainText('A producer publishes to a broker');
  await snap(page, 'canvas-connection-refused');
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(edges);
  // and an allowed one is drawn as its kind
  await drawEdge(page, 'inventory', 'payments-dlq');
  await expect(page.locator('.react-flow__edge')).toHaveCount(edges + 1);
});

test('a bad .eventflow.json names the problem and leaves the project untouched', async ({ app: page }) => {
  await createProject(page, 'File checkout', /Event-driven checkout/);
  await expect(page.locator('.react-flow__node')).toHaveCount(CHECKOUT_NODES);
  const bad = { ...checkoutTemplate(), edges: [{ id: 'x', kind: 'publish', source: 'storefront', target: 'nowhere' }] };
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import AsyncAPI or .eventflow.json…' }).click();
  await (await chooser).setFiles({ name: 'broken.eventflow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const banner = page.getByTestId('editor-banner');
  await expect(banner).toContainText('Cannot import broken.eventflow.json — the project is unchanged');
  await expect(banner).toContainText('edges[0].target');
  await expect(page.locator('.react-flow__node')).toHaveCount(CHECKOUT_NODES);
  await snap(page, 'canvas-bad-file');
});

test('screenshots of the checkout example, light and dark', async ({ app: page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await createProject(page, 'Checkout', /Event-driven checkout/);
  await expect(page.locator('.react-flow__node')).toHaveCount(CHECKOUT_NODES);
  await nodeEl(page, 'payment').click();
  await page.getByRole('button', { name: 'Fit to Window' }).click();
  await viewportSettled(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, 'canvas-checkout-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'canvas-checkout-dark');
});

test('quick-add by typing, group selection moves its children, find node', async ({ app: page }) => {
  await page.setViewportSize({ width: 1600, height: 1200 });
  await createProject(page, 'Group checkout', /Event-driven checkout/);
  await expect(page.locator('.react-flow__node')).toHaveCount(CHECKOUT_NODES);

  // "/" opens the quick-add box (Escape closes it); a double-click on empty canvas opens it there
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('/');
  await expect(page.getByTestId('quick-add')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await page.locator('.react-flow__pane').dblclick({ position: { x: 140, y: 60 } });
  // typing filters kinds and templates
  await page.getByTestId('quick-add').getByRole('textbox').fill('filter op');
  await page.keyboard.press('Enter');
  await expect(nodeEl(page, 'filter')).toBeVisible();
  await expect(page.getByTestId('node-inspector')).toHaveAttribute('data-node-id', 'filter');

  // shift-click two services, Group (Ctrl+G): a bounded context that holds them
  await nodeEl(page, 'inventory').click();
  await nodeEl(page, 'payment').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+g');
  const group = page.locator('[data-kind="group"]');
  await expect(group).toHaveCount(1);
  const before = await nodeEl(page, 'inventory').boundingBox();
  const title = await group.locator('.ef-group__title').boundingBox();
  if (!before || !title) throw new Error('group not visible');
  await page.mouse.move(title.x + 10, title.y + 5);
  await page.mouse.down();
  await page.mouse.move(title.x + 90, title.y + 65, { steps: 8 });
  await page.mouse.up();
  const after = await nodeEl(page, 'inventory').boundingBox();
  expect((after?.x ?? 0) - before.x).toBeGreaterThan(40);
  expect((after?.y ?? 0) - before.y).toBeGreaterThan(30);
  await snap(page, 'canvas-group');

  // Ctrl+F finds a node by name and selects it
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+f');
  await page.getByTestId('node-search').getByRole('textbox').fill('e-mail');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-inspector')).toHaveAttribute('data-node-id', 'email-provider');
});
