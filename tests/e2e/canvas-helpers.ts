import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Topology } from '../../shared/model';
import { parseTopology } from '../../shared/model';
import { expect } from './fixtures/host';

/** Creates a project through the New project wizard and waits for the editor. */
export async function createProject(page: Page, name: string, template: RegExp = /Empty canvas/): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'New project' });
  await wizard.getByRole('textbox', { name: 'Name' }).fill(name);
  await wizard.getByRole('radio', { name: template }).click();
  await wizard.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('project-editor')).toBeVisible();
}

export const nodeEl = (page: Page, id: string) => page.getByTestId(`node-${id}`);

export interface Viewport { x: number; y: number; zoom: number }

/** The canvas's pan and zoom, read from React Flow's own transform (the state every drop and drag goes through). */
export async function viewport(page: Page): Promise<Viewport> {
  const t = await page.getByTestId('editor-canvas').locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.e-]+)px,\s*(-?[\d.e-]+)px\)\s*scale\((-?[\d.e-]+)\)/.exec(t);
  if (!m) throw new Error(`unexpected viewport transform "${t}"`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/**
 * Zooms out one step per press and waits, after each, until the zoom has reached its end value
 * (zoomOut animates; a press during the animation would start from a half-way zoom).
 */
export async function zoomOutSteps(page: Page, presses: number): Promise<Viewport> {
  for (let i = 0; i < presses; i++) {
    const from = (await viewport(page)).zoom;
    await page.keyboard.press('Control+-');
    await expect.poll(async () => Math.abs((await viewport(page)).zoom - from / 1.2), { message: `zoom step ${i + 1} from ${from}` }).toBeLessThan(1e-4);
  }
  return viewport(page);
}

/** Resolves once the canvas transform has stayed the same for five animation frames (a fit or zoom animation has ended). */
export async function viewportSettled(page: Page): Promise<void> {
  await page.getByTestId('editor-canvas').locator('.react-flow__viewport').evaluate((el) => new Promise<void>((resolve) => {
    let last = '';
    let same = 0;
    const tick = () => {
      const t = (el as HTMLElement).style.transform;
      same = t === last ? same + 1 : 0;
      last = t;
      if (same >= 5) resolve(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
}

/** The page point that shows a flow point, through the canvas's current viewport transform. */
export async function flowToScreen(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('editor-canvas').boundingBox();
  if (!box) throw new Error('canvas not visible');
  const v = await viewport(page);
  const s = { x: box.x + v.x + p.x * v.zoom, y: box.y + v.y + p.y * v.zoom };
  if (s.x < box.x || s.y < box.y || s.x > box.x + box.width || s.y > box.y + box.height) {
    throw new Error(`flow point (${p.x}, ${p.y}) is off the canvas at zoom ${v.zoom.toFixed(3)} (canvas ${Math.round(box.width)}×${Math.round(box.height)})`);
  }
  return s;
}

/** Draws an edge by dragging from the source node's out-handle to the target node's in-handle. */
export async function drawEdge(page: Page, from: string, to: string): Promise<void> {
  const a = await nodeEl(page, from).locator('.react-flow__handle.source').boundingBox();
  const b = await nodeEl(page, to).locator('.react-flow__handle.target').boundingBox();
  if (!a || !b) throw new Error(`handles of ${from} → ${to} not visible`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Downloads the editor's topology (toolbar "Download .eventflow.json") and parses it with the model. */
export async function downloadTopology(page: Page): Promise<Topology> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .eventflow.json' }).click()]);
  const file = await download.path();
  const parsed = parseTopology(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(`downloaded topology is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/**
 * A topology with ids and positions taken out: nodes keyed by name (references by name too),
 * edges as "source → target" by name. Two topologies that differ only in ids/positions compare equal.
 */
export function canonical(t: Topology): unknown {
  const name = new Map(t.nodes.map((n) => [n.id, n.name]));
  const nodes = t.nodes.map((n) => {
    const settings: Record<string, unknown> = { ...n.settings };
    if (typeof settings.deadLetterTarget === 'string' && settings.deadLetterTarget) settings.deadLetterTarget = name.get(settings.deadLetterTarget);
    return { name: n.name, kind: n.kind, description: n.description, parent: n.parentId ? name.get(n.parentId) : undefined, settings };
  }).sort((a, b) => a.name.localeCompare(b.name));
  const edges = t.edges.map((e) => ({
    link: `${name.get(e.source)} → ${name.get(e.target)}`, kind: e.kind, eventTypes: e.eventTypes, conditions: e.conditions, timeoutMs: e.timeoutMs, label: e.label,
  })).sort((a, b) => a.link.localeCompare(b.link));
  return { eventTypes: t.eventTypes, nodes, edges };
}

/** projects.create over the page's own WebSocket api (same origin, same token); returns the new project's id. */
export async function createProjectViaApi(page: Page, name: string, topology: unknown): Promise<string> {
  await expect(page.getByTestId('status-transport')).toContainText('connected');
  return page.evaluate(async ({ name, topology }) => {
    const token = new URLSearchParams(location.search).get('token') ?? '';
    const ws = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
    await new Promise((r) => { ws.onopen = r; });
    const res = await new Promise<{ ok: boolean; result?: { id: string }; error?: unknown }>((r) => {
      ws.onmessage = (m) => r(JSON.parse(String(m.data)));
      ws.send(JSON.stringify({ t: 'req', id: 1, method: 'projects.create', input: { name, topology } }));
    });
    ws.close();
    if (!res.ok || !res.result) throw new Error(JSON.stringify(res.error));
    return res.result.id;
  }, { name, topology });
}

/** A run of the open project, `durationSec` simulated seconds at max speed, waited for until completed. */
export async function runToCompletion(page: Page, durationSec = 60): Promise<void> {
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill(String(durationSec));
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-phase')).toHaveText('completed', { timeout: 60_000 });
}
