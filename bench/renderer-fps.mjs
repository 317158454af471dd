// Renderer fps during a max-speed run (issue 5): the checkout example opened in Chromium over the
// web host; requestAnimationFrame fps counted in the page for a few seconds idle (no run) and
// then while a max-speed run streams snapshots and sampled events — each passively and while the
// canvas is panned with the mouse. Prints the figures and the run/idle ratio measured in the same
// run. Needs a build (`npm run build`). Run: node bench/renderer-fps.mjs [seconds per phase]
/* global requestAnimationFrame */
import { launchChromium, requireBuild, startHost } from './lib/browser-bench.mjs';

requireBuild('renderer-fps');
const seconds = Number(process.argv[2] ?? 5);

const host = await startHost('ef-bench-fps-');
const browser = await launchChromium();

/** rAF frames per second over `ms`, plus the longest frame gap (a stall a user would feel). */
const measure = (page, ms) => page.evaluate((ms) => new Promise((resolve) => {
  let frames = 0;
  let worst = 0;
  const start = performance.now();
  let last = start;
  const tick = (now) => {
    frames++;
    worst = Math.max(worst, now - last);
    last = now;
    if (now - start < ms) requestAnimationFrame(tick);
    else resolve({ fps: (frames * 1000) / (now - start), worstFrameMs: worst });
  };
  requestAnimationFrame(tick);
}), ms);

/** the same, while the mouse drags the canvas pane back and forth (panning) */
async function measurePanning(page, ms) {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  const cx = pane.x + pane.width * 0.85;
  const cy = pane.y + pane.height * 0.85;
  const result = measure(page, ms);
  const until = Date.now() + ms;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  let k = 0;
  while (Date.now() < until) {
    await page.mouse.move(cx + Math.sin(k / 6) * 60, cy + Math.cos(k / 6) * 30, { steps: 2 });
    k++;
  }
  await page.mouse.up();
  return result;
}

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(host.url);
  await page.getByTestId('status-transport').filter({ hasText: 'connected' }).waitFor();
  await page.getByRole('button', { name: 'New project' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'New project' });
  await wizard.getByRole('textbox', { name: 'Name' }).fill('fps bench');
  await wizard.getByRole('radio', { name: /Event-driven checkout/ }).click();
  await wizard.getByRole('button', { name: 'Create project' }).click();
  await page.getByTestId('node-payment').waitFor();
  await page.waitForTimeout(1000);

  const idle = await measure(page, seconds * 1000);
  const idlePan = await measurePanning(page, seconds * 1000);

  // a long scenario at max speed, so it is still going while we measure
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill('86400');
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-start').click();
  await page.getByTestId('run-badge-storefront').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  const t0 = await page.getByTestId('run-clock-time').innerText();
  const running = await measure(page, seconds * 1000);
  const runningPan = await measurePanning(page, seconds * 1000);
  const t1 = await page.getByTestId('run-clock-time').innerText();
  const phase = await page.getByTestId('run-phase').innerText();
  const events = await page.getByTestId('run-badge-storefront').getAttribute('data-out');
  await page.getByTestId('run-stop').click().catch(() => {});

  const f = (r) => `${r.fps.toFixed(1)} fps (worst frame ${r.worstFrameMs.toFixed(0)} ms)`;
  console.log(`renderer fps, checkout example, Chromium headless over the web host, ${seconds} s per phase`);
  console.log(`  idle canvas                 ${f(idle)}`);
  console.log(`  idle canvas, panning        ${f(idlePan)}`);
  console.log(`  max-speed run               ${f(running)}   ratio vs idle ${(running.fps / idle.fps).toFixed(2)}`);
  console.log(`  max-speed run, panning      ${f(runningPan)}   ratio vs idle panning ${(runningPan.fps / idlePan.fps).toFixed(2)}`);
  console.log(`  run during measurement: simulated clock ${t0} → ${t1}, phase ${phase}, storefront emitted ${events}`);
  console.log(`  target: ≥ 50 fps while a max-speed run goes on → ${Math.min(running.fps, runningPan.fps) >= 50 ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  await host.stop();
}
