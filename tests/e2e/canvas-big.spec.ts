import type { Page } from '@playwright/test';
import { createProjectViaApi } from './canvas-helpers';
import { expect, test } from './fixtures/host';

/**
 * Big graphs (> 300 nodes) take the cheap paths of renderer/canvas: only cards in view are
 * mounted, far out the cards are light and unselected edges are one <svg> layer; zoomed in it is
 * the normal canvas again. This checks the switch both ways and that editing still works.
 */

/** 100 producers → 100 topics → 200 services: 400 nodes, 400 edges, laid out in columns. */
function bigTopology() {
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  const pos = (col: number, row: number) => ({ x: col * 320, y: row * 130 });
  for (let i = 0; i < 100; i++) nodes.push({ id: `p${i}`, kind: 'producer', name: `Producer ${i}`, position: pos(0, i), settings: { emits: ['OrderPlaced'] } });
  for (let i = 0; i < 100; i++) nodes.push({ id: `t${i}`, kind: 'topic', name: `topic-${i}`, position: pos(1, i), settings: {} });
  for (let i = 0; i < 200; i++) nodes.push({ id: `s${i}`, kind: 'service', name: `Service ${i}`, position: pos(2 + (i % 2), i / 2), settings: { consumes: ['OrderPlaced'] } });
  for (let i = 0; i < 100; i++) edges.push({ id: `pub-${i}`, kind: 'publish', source: `p${i}`, target: `t${i}`, eventTypes: ['OrderPlaced'] });
  for (let i = 0; i < 200; i++) edges.push({ id: `sub-${i}`, kind: 'subscribe', source: `t${Math.floor(i / 2)}`, target: `s${i}`, eventTypes: ['OrderPlaced'] });
  for (let i = 0; i < 100; i++) edges.push({ id: `call-${i}`, kind: 'call', source: `s${2 * i}`, target: `s${2 * i + 1}`, eventTypes: [] });
  return { schemaVersion: 1, name: 'Big', description: '', eventTypes: [], nodes, edges };
}

const createBig = (page: Page): Promise<string> => createProjectViaApi(page, 'Big', bigTopology());

test('a 400-node graph: light and culled far out, the full canvas zoomed in, still editable', async ({ app: page }) => {
  const id = await createBig(page);
  await page.evaluate((pid) => { location.hash = `#/project/${pid}`; }, id);
  await expect(page.getByTestId('project-editor')).toBeVisible();

  // far out (the whole graph fitted): light cards, only those in view, edges as one layer
  await expect(page.locator('.ef-node--far').first()).toBeVisible();
  const mounted = await page.locator('.react-flow__node').count();
  expect(mounted).toBeGreaterThan(0);
  expect(mounted).toBeLessThan(400);
  await expect(page.getByTestId('far-edges').locator('path')).toHaveCount(400);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  // actual size: full cards with their facts, React Flow edges with labels
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+0');
  await expect(page.locator('.ef-node--far')).toHaveCount(0);
  await expect(page.getByTestId('far-edges')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge').first()).toBeAttached();
  await expect(page.locator('.ef-node__facts').first()).toBeVisible();

  // a card mounted zoomed in can be dragged, and the move undone
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  const nearest = await page.evaluate(({ cx, cy }) => {
    let best: { id: string; d: number } | undefined;
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
      if (!best || d < best.d) best = { id: el.getAttribute('data-id') ?? '', d };
    }
    return best?.id;
  }, { cx: pane.x + pane.width / 2, cy: pane.y + pane.height / 2 });
  const card = page.locator(`.react-flow__node[data-id="${nearest}"]`);
  const before = await card.boundingBox();
  if (!before) throw new Error('no card in view');
  await page.mouse.move(before.x + before.width / 2, before.y + 14);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 60, before.y + 54, { steps: 6 });
  await page.mouse.up();
  const after = await card.boundingBox();
  expect(Math.round((after?.x ?? 0) - before.x)).toBeGreaterThan(30);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await card.boundingBox())?.x ?? 0)).toBe(Math.round(before.x));
});
