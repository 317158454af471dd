/**
 * Issue 16, "What it must show": the workspace reads at 1280 px, on a projector and zoomed out.
 * The checkout example fitted, a run with an outage, History and Compare, light and dark, at four
 * window sizes (screenshots: test-results/screenshots/ws-*.png, the key ones in docs/screenshots);
 * at 1280×720 the fitted names are ≥ 11 px, no two labels overlap, the tables do not scroll
 * sideways; panels fold, resize and are remembered; focus mode; an edge is clicked at the lowest zoom.
 */
import type { Locator, Page } from '@playwright/test';
import { createProject, createProjectViaApi, flowToScreen, runToCompletion, viewport, viewportSettled } from './canvas-helpers';
import { expect, snap, startHost, test } from './fixtures/host';

const num = async (l: Locator, attr: string): Promise<number> => Number(await l.getAttribute(attr));

async function openCheckout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'New project' });
  await wizard.getByRole('textbox', { name: 'Name' }).fill('Checkout');
  await wizard.getByRole('radio', { name: /Event-driven checkout/ }).click();
  await wizard.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('node-payment')).toBeVisible();
  await viewportSettled(page);
}

async function setScenario(page: Page, durationSec: number, speed: string): Promise<void> {
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill(String(durationSec));
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByTestId('run-speed').selectOption(speed);
}

type Box = { x: number; y: number; width: number; height: number; what: string };

/** Every label drawn on the canvas (edge labels, card names and figures, run badges) with its box on screen. */
function canvasLabels(page: Page): Promise<Box[]> {
  return page.getByTestId('editor-canvas').evaluate((root) => {
    const out: Box[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('.ef-edge-label, .ef-node__summary-name, .ef-node__summary-figure, .ef-node__name, .run-badge')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      out.push({ x: r.x, y: r.y, width: r.width, height: r.height, what: `${el.className}: ${el.textContent ?? ''}` });
    }
    return out;
  });
}

const overlap = (p: Box, q: Box): boolean => p.x < q.x + q.width - 0.5 && q.x < p.x + p.width - 0.5 && p.y < q.y + q.height - 0.5 && q.y < p.y + p.height - 0.5;

async function expectNoOverlaps(page: Page): Promise<void> {
  const labels = await canvasLabels(page);
  expect(labels.length).toBeGreaterThan(5);
  const clashes: string[] = [];
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) if (overlap(labels[i]!, labels[j]!)) clashes.push(`${labels[i]!.what} × ${labels[j]!.what}`);
  expect(clashes).toEqual([]);
}

/** The dock's tab body does not scroll sideways and nothing in it is wider than it. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const body = page.locator('.run-dock__body');
  const m = await body.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(m.scroll, `dock body ${m.scroll} px of content in ${m.client} px`).toBeLessThanOrEqual(m.client);
}

const SIZES = [[1280, 720], [1280, 800], [1440, 900], [1920, 1080]] as const;

for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of SIZES) {
    test.describe(`${width}×${height} ${scheme}`, () => {
      test.use({ viewport: { width, height }, colorScheme: scheme });
      test(`checkout fitted, an outage, History and Compare at ${width}×${height} (${scheme})`, async ({ app: page }) => {
        test.setTimeout(120_000);
        const tag = `ws-${width}x${height}-${scheme}`;
        await openCheckout(page);

        // fitted: every card inside the canvas
        const canvas = await page.getByTestId('editor-canvas').boundingBox();
        if (!canvas) throw new Error('no canvas');
        for (const card of await page.locator('.react-flow__node').all()) {
          const b = await card.boundingBox();
          if (!b) throw new Error('card not visible');
          expect(b.x).toBeGreaterThanOrEqual(canvas.x - 1);
          expect(b.y).toBeGreaterThanOrEqual(canvas.y - 1);
          expect(b.x + b.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
          expect(b.y + b.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
        }
        // names are readable: computed font size × zoom
        const zoom = (await viewport(page)).zoom;
        const names = page.locator('.ef-node__summary-name, .ef-node__name');
        const sizes = await names.evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null && getComputedStyle(e).visibility !== 'hidden').map((e) => parseFloat(getComputedStyle(e).fontSize)));
        expect(sizes.length).toBeGreaterThanOrEqual(10);
        expect(Math.min(...sizes) * zoom).toBeGreaterThanOrEqual(11);
        await expectNoOverlaps(page);
        await snap(page, `${tag}-1-fitted`);

        // a run with Payment down: its backlog shows on its card
        await setScenario(page, 7200, '50');
        await page.getByTestId('run-start').click();
        await expect(page.getByTestId('run-phase')).toHaveText('running');
        await page.getByTestId('node-payment').click();
        await page.getByTestId('run-tab-faults').click();
        await page.getByTestId('fault-down').click();
        const payment = page.getByTestId('run-badge-payment');
        await expect(payment).toHaveAttribute('data-state', 'down');
        await expect.poll(() => num(payment, 'data-lag'), { timeout: 20_000 }).toBeGreaterThan(30);
        await page.getByTestId('run-tab-live').click();
        await expectNoOverlaps(page);
        // the run bar keeps one row during a run: the clock sits beside the controls, not under them
        const controls = await page.getByTestId('run-pause').boundingBox();
        const clock = await page.getByTestId('run-clock').boundingBox();
        if (!controls || !clock) throw new Error('no run bar');
        expect(Math.abs((clock.y + clock.height / 2) - (controls.y + controls.height / 2)), 'run clock and controls on one row').toBeLessThan(6);
        await snap(page, `${tag}-2-outage`);
        await page.getByTestId('run-stop').click();
        await expect(page.getByTestId('run-phase')).toHaveText('stopped');

        // a clean second run, then History: fits without scrolling sideways
        await setScenario(page, 300, 'max');
        await page.getByTestId('run-start').click();
        await expect(page.getByTestId('run-phase')).toHaveText('completed', { timeout: 60_000 });
        await page.getByTestId('run-tab-history').click();
        const rows = page.getByTestId('history-row');
        await expect(rows).toHaveCount(2);
        await expectNoSidewaysScroll(page);
        // the actions are behind the row's ⋯
        await rows.first().getByTestId('history-more').click();
        await expect(page.getByTestId('history-detail').getByRole('button', { name: /^Rename/ })).toBeVisible();
        await expectNoSidewaysScroll(page);
        await snap(page, `${tag}-3-history`);

        // Compare: run names in the headers, no sideways scroll
        const boxes = page.getByRole('checkbox', { name: /for comparison/ });
        await boxes.nth(0).check();
        await boxes.nth(1).check();
        await page.getByTestId('history-compare').click();
        await expect(page.getByTestId('compare-kpis').locator('tbody tr')).not.toHaveCount(0);
        await expect(page.getByTestId('run-compare').locator('thead')).not.toContainText(/#\d+ · /);
        await expectNoSidewaysScroll(page);
        await snap(page, `${tag}-4-compare`);
      });
    });
  }
}

test.describe('panels at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('laptop defaults, folding and resizing remembered, focus mode, the view refits until the user zooms', async ({ app: page }) => {
    await openCheckout(page);
    // ≤ 1366 px: palette as a rail, Problems folded into its count, compact dock, no minimap over the cards
    await expect(page.getByTestId('palette')).toHaveClass(/ef-palette--rail/);
    await expect(page.getByTestId('problems-toggle')).toHaveAttribute('aria-expanded', 'false');
    expect((await page.getByTestId('run-dock').boundingBox())?.height).toBeLessThanOrEqual(240);
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);

    // folding the inspector gives the canvas the room, and the view refits to it
    const before = await viewport(page);
    await page.getByRole('button', { name: 'Fold inspector' }).click();
    await expect.poll(async () => (await viewport(page)).x).not.toBe(before.x);
    await viewportSettled(page);
    await page.getByTestId('inspector-unfold').click();
    await expect(page.getByTestId('inspector-panel')).toBeVisible();

    // resize the inspector by its edge: remembered across a reload
    const handle = page.getByTestId('inspector-resize');
    const h = await handle.boundingBox();
    if (!h) throw new Error('no handle');
    await page.mouse.move(h.x + h.width / 2, h.y + 200);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2 - 80, h.y + 200, { steps: 4 });
    await page.mouse.up();
    await expect(handle).toHaveAttribute('aria-valuenow', '352');
    await page.getByTestId('problems-toggle').click();
    await expect(page.getByTestId('problems-toggle')).toHaveAttribute('aria-expanded', 'true');
    await page.reload();
    await expect(page.getByTestId('inspector-resize')).toHaveAttribute('aria-valuenow', '352');
    await expect(page.getByTestId('problems-toggle')).toHaveAttribute('aria-expanded', 'true');

    // the palette unfolds to names and back
    await page.getByTestId('palette-fold').click();
    await expect(page.getByTestId('palette')).not.toHaveClass(/ef-palette--rail/);
    await page.getByTestId('palette-fold').click();

    // focus mode: only the canvas and the run toolbar
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+.');
    await expect(page.getByTestId('focus-exit')).toBeVisible();
    await expect(page.getByTestId('palette')).toBeHidden();
    await expect(page.getByTestId('inspector-panel')).toBeHidden();
    await expect(page.getByTestId('lint-panel')).toBeHidden();
    await expect(page.getByTestId('run-start')).toBeVisible();
    await expect(page.getByTestId('run-tab-history')).toBeHidden();
    await expect(page.getByTestId('status-transport')).toBeHidden();
    await viewportSettled(page);
    await snap(page, 'ws-1280x720-focus');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('palette')).toBeVisible();

    // after a zoom by the user, a panel change leaves the view alone
    await page.keyboard.press('Control+0');
    await viewportSettled(page);
    const zoomed = await viewport(page);
    await page.getByRole('button', { name: 'Fold inspector' }).click();
    await expect(page.getByTestId('inspector-unfold')).toBeVisible();
    await viewportSettled(page);
    expect(await viewport(page)).toEqual(zoomed);
  });

  test('at the summary zoom an edge shows its label on hover, and a click selects it', async ({ app: page }) => {
    await openCheckout(page);
    // fitted at 1280×720 the cards are summaries and the edges plain lines
    await expect(page.getByTestId('node-summary-payment')).toBeVisible();
    await expect(page.getByTestId('edge-label-e-storefront-orders')).toHaveCount(0);
    // Storefront → orders is a straight line between the cards: the middle of its path is on it
    const d = await page.getByTestId('rf__edge-e-storefront-orders').locator('.react-flow__edge-path').getAttribute('d');
    const [x1, y1] = (/^M([\d.-]+),([\d.-]+)/.exec(d ?? '') ?? []).slice(1).map(Number);
    const [x2, y2] = (/ ([\d.-]+),([\d.-]+)$/.exec(d ?? '') ?? []).slice(1).map(Number);
    const at = await flowToScreen(page, { x: ((x1 ?? 0) + (x2 ?? 0)) / 2, y: ((y1 ?? 0) + (y2 ?? 0)) / 2 + 4 });
    await page.mouse.move(at.x, at.y);
    await expect(page.getByTestId('edge-label-e-storefront-orders')).toHaveClass(/is-hovered/);
    await snap(page, 'ws-1280x720-edge-hover');
    await page.mouse.click(at.x, at.y);
    await expect(page.getByTestId('edge-inspector')).toHaveAttribute('data-edge-id', 'e-storefront-orders');
  });
});

/** 200 producers → 200 topics in two far-apart columns: a big graph, drawn far out (FarEdgeLayer). */
function bigTopology() {
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  for (let i = 0; i < 200; i++) nodes.push({ id: `p${i}`, kind: 'producer', name: `Producer ${i}`, position: { x: 0, y: i * 130 }, settings: { emits: ['OrderPlaced'] } });
  for (let i = 0; i < 200; i++) nodes.push({ id: `t${i}`, kind: 'topic', name: `topic-${i}`, position: { x: 1200, y: i * 130 }, settings: {} });
  for (let i = 0; i < 200; i++) edges.push({ id: `pub-${i}`, kind: 'publish', source: `p${i}`, target: `t${i}`, eventTypes: ['OrderPlaced'] });
  return { schemaVersion: 1, name: 'Big', description: '', eventTypes: [], nodes, edges };
}

test('at the lowest zoom of a 400-node graph, clicking an edge opens its inspector', async ({ app: page }) => {
  const id = await createProjectViaApi(page, 'Big', bigTopology());
  await page.evaluate((pid) => { location.hash = `#/project/${pid}`; }, id);
  await expect(page.locator('.ef-node--far').first()).toBeVisible();
  await viewportSettled(page);
  const v = await viewport(page);
  expect(v.zoom).toBeCloseTo(0.05, 5); // 26,000 px of graph: the fit stops at the minimum zoom
  // the middle of pub-100 (the graph's middle row, in view): between Producer 100's right handle and topic-100's left handle
  const box = await page.getByTestId('editor-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  const cardMid = 51 / 2;
  const fx = (232 + 1200) / 2;
  const fy = 100 * 130 + cardMid;
  const sx = box.x + v.x + fx * v.zoom, sy = box.y + v.y + fy * v.zoom;
  await page.mouse.click(sx, sy);
  await expect(page.getByTestId('edge-inspector')).toHaveAttribute('data-edge-id', 'pub-100');
});

test('a web host restarted under an open page: the page says to reload with the new link', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-transport')).toContainText('connected');
  // the same port and data folder, a new token: what `npm run web` does when started again
  const port = Number(new URL(host.url).port);
  await host.stop();
  const again = await startHost({ dataDir: host.dataDir, port });
  try {
    await expect(page.getByTestId('host-restarted')).toContainText('The host restarted: reload with the new link', { timeout: 20_000 });
    await expect(page.getByTestId('status-transport')).toContainText('host restarted');
    await snap(page, 'ws-host-restarted');
    // the new link works
    await page.goto(again.url);
    await expect(page.getByTestId('status-transport')).toContainText('connected');
  } finally {
    await again.stop();
  }
});

test('web mode: Alt+Shift+N and Alt+Shift+W stand in for the browser-owned Ctrl+N and Ctrl+W, and the shortcuts list shows them', async ({ app: page }) => {
  await page.keyboard.press('Alt+Shift+N');
  const wizard = page.getByRole('dialog', { name: 'New project' });
  await expect(wizard).toBeVisible();
  await wizard.getByRole('radio', { name: /Event-driven checkout/ }).click();
  // the template names the project until the user types a name
  await expect(wizard.getByRole('textbox', { name: 'Name' })).not.toHaveValue('Untitled project');
  await wizard.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('project-editor')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Alt+Shift+W');
  await expect(page.getByTestId('project-editor')).toHaveCount(0);
  await page.keyboard.press('Control+/');
  await expect(page.getByRole('dialog')).toContainText('Alt+Shift+N');
  await expect(page.getByRole('dialog')).toContainText('Alt+Shift+W');
});

/** Painted pixels of the run overlay's canvas (its own bitmap: what the layer drew, not the page). */
const overlayInk = (page: Page): Promise<number> => page.getByTestId('run-overlay').evaluate((c) => {
  const canvas = c as HTMLCanvasElement;
  const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  if (data) for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
  return n;
});

test('zoomed out with a run going, traffic shows as flow bands: on a 400-node graph at the lowest zoom, and tokens again zoomed in', async ({ app: page }) => {
  test.setTimeout(90_000);
  const id = await createProjectViaApi(page, 'Big', bigTopology());
  await page.evaluate((pid) => { location.hash = `#/project/${pid}`; }, id);
  await expect(page.locator('.ef-node--far').first()).toBeVisible();
  await viewportSettled(page);
  expect((await viewport(page)).zoom).toBeCloseTo(0.05, 5);
  await expect(page.getByTestId('far-edges')).toBeVisible(); // the edges are one picture, not React Flow's

  await page.getByTestId('run-speed').selectOption('10');
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-phase')).toHaveText('running');
  const overlay = page.getByTestId('run-overlay');
  await expect(overlay).toHaveAttribute('data-mode', 'flow');
  // every publish edge in view carries traffic: its band is drawn (about 200 px of canvas height hold ~40 rows)
  await expect.poll(async () => Number(await overlay.getAttribute('data-bands')), { timeout: 20_000 }).toBeGreaterThan(10);
  await expect.poll(() => overlayInk(page)).toBeGreaterThan(500);
  await snap(page, 'ws-big-flow-bands');

  // while the view moves the drawn picture moves with it (a CSS transform, no redraw per frame);
  // once the view rests it is drawn again where it is
  const pane = await page.getByTestId('editor-canvas').boundingBox();
  if (!pane) throw new Error('no canvas');
  const styleTransform = () => overlay.evaluate((c) => (c as HTMLCanvasElement).style.transform);
  // an empty part of the pane (the graph is a narrow column in the middle), dragged in small steps;
  // the page records every transform the overlay gets (no dependence on when we look)
  await overlay.evaluate((c) => {
    const w = window as unknown as { __efTransforms: string[] };
    w.__efTransforms = [];
    new MutationObserver(() => w.__efTransforms.push((c as HTMLCanvasElement).style.transform)).observe(c, { attributes: true, attributeFilter: ['style'] });
    // far out on a big graph the overlay's picture stands in for the cards and edges while the view moves
    const root = c.closest('.react-flow')!;
    const r = window as unknown as { __efFarMoving: boolean[] };
    r.__efFarMoving = [];
    new MutationObserver(() => r.__efFarMoving.push(root.classList.contains('ef-far-moving'))).observe(root, { attributes: true, attributeFilter: ['class'] });
  });
  const x0 = pane.x + 20, y0 = pane.y + pane.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 48, y0 + 12, { steps: 12 });
  const seen = await page.evaluate(() => (window as unknown as { __efTransforms: string[] }).__efTransforms);
  expect(seen.filter((t) => /^matrix\(1, 0, 0, 1, [\d.]+, [\d.]+\)$/.test(t)).length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __efFarMoving: boolean[] }).__efFarMoving)).toContain(true);
  await snap(page, 'ws-big-far-moving');
  await page.mouse.up();
  await expect.poll(styleTransform).toBe('');
  await expect.poll(() => overlayInk(page)).toBeGreaterThan(500);
  // at rest React Flow's cards and edges are back
  await expect(page.locator('.react-flow.ef-far-moving')).toHaveCount(0);
  await expect(page.locator('.ef-node--far').first()).toBeVisible();
  await expect(page.getByTestId('far-edges')).toBeVisible();

  // zoomed in, the same run is drawn as tokens
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+0');
  await expect(overlay).toHaveAttribute('data-mode', 'tokens');
  await expect(overlay).toHaveAttribute('data-bands', '0');
  await page.getByTestId('run-stop').click();
  await expect(page.getByTestId('run-phase')).toHaveText('stopped');
});

test.describe('flow bands on the checkout example', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test('zoomed out past the token zoom, the checkout run shows as flow bands', async ({ app: page }) => {
    await openCheckout(page);
    await setScenario(page, 7200, '10');
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-phase')).toHaveText('running');
    const overlay = page.getByTestId('run-overlay');
    await expect(overlay).toHaveAttribute('data-mode', 'tokens');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 4 && (await viewport(page)).zoom >= 0.45; i++) {
      await page.keyboard.press('Control+-');
      await viewportSettled(page);
    }
    expect((await viewport(page)).zoom).toBeLessThan(0.45);
    await expect(overlay).toHaveAttribute('data-mode', 'flow');
    await expect.poll(async () => Number(await overlay.getAttribute('data-bands')), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => overlayInk(page)).toBeGreaterThan(200);
    await snap(page, 'ws-1280x720-flow-bands');
    await page.getByTestId('run-stop').click();
    await expect(page.getByTestId('run-phase')).toHaveText('stopped');
  });
});

test.describe('a long run name at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test('the replay toolbar and the run dock stay inside the centre column: the name is cut, Close replay and every KPI card in view', async ({ app: page }) => {
    await createProject(page, 'What-if sw-1 · cell 4: payment.instances=1, storefront.profile.ratePerSec=20 and a long tail', /Event-driven checkout/);
    await runToCompletion(page, 60);
    await page.getByTestId('run-tab-history').click();
    await page.getByTestId('history-row').first().getByTestId('history-open').click();
    await expect(page.getByRole('button', { name: 'Close replay' })).toBeVisible();
    const overflow = await page.evaluate(() => {
      const centre = document.querySelector('.ef-editor__centre')!;
      const limit = centre.getBoundingClientRect().right;
      return Array.from(centre.querySelectorAll<HTMLElement>('.run-dock, .run-dock *, .ef-editor__canvas'))
        .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > limit + 1; })
        .map((el) => el.className).slice(0, 5);
    });
    expect(overflow).toEqual([]);
    const close = await page.getByRole('button', { name: 'Close replay' }).boundingBox();
    const inspector = await page.getByTestId('inspector-panel').boundingBox();
    expect(close!.x + close!.width).toBeLessThanOrEqual(inspector!.x);
  });
});
