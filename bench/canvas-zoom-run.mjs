// Canvas bench zoomed out vs zoomed in with a run going (issue 16): the 1,000-node / 1,500-edge
// graph of canvas-perf opened in Chromium over the web host; a run streams at 10× while the canvas
// is panned (drags) and zoomed (wheel in, then back out by as much) for a few seconds, first
// fitted (zoomed out: cards far, edges one picture, traffic as flow bands), then at actual size
// (zoomed in: React Flow's cards and edges, tokens). Prints rAF fps and the longest frame of each,
// the same zoomed out before the run starts, and the ratio zoomed-out / zoomed-in measured in this
// run (issue 16: zoomed out must not be slower, ratio ≥ 1). Zoomed in is measured at two places: a
// sparse corner and the graph's centre, where hundreds of long edges cross the view.
// Needs a build (`npm run build`). Run: node bench/canvas-zoom-run.mjs [rounds per phase, default 4]
// (EF_PROFILE=1 also prints the top self-time functions of the zoomed-out run phase).
/* global window, document, location, requestAnimationFrame */
import os from 'node:os';
import { bigTopology } from './lib/big-topology.mjs';
import { launchChromium, requireBuild, startHost } from './lib/browser-bench.mjs';

requireBuild('canvas-zoom-run');
const rounds = Number(process.argv[2] ?? 4);

const host = await startHost('ef-bench-zoomrun-');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(host.url);
  await page.getByTestId('status-transport').filter({ hasText: 'connected' }).waitFor();
  const id = await page.evaluate(async (topology) => {
    const token = new URLSearchParams(location.search).get('token');
    const ws = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
    await new Promise((r) => { ws.onopen = r; });
    const res = await new Promise((r) => { ws.onmessage = (m) => r(JSON.parse(m.data)); ws.send(JSON.stringify({ t: 'req', id: 1, method: 'projects.create', input: { name: 'Bench 1000', topology } })); });
    ws.close();
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return res.result.id;
  }, bigTopology());
  await page.evaluate((pid) => { location.hash = `#/project/${pid}`; }, id);
  await page.locator('.react-flow__node').first().waitFor();
  const zoom = () => page.evaluate(() => {
    const m = /scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? '');
    return m ? Number(m[1]) : NaN;
  });
  const box = await page.getByTestId('editor-canvas').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;

  /** rAF fps and the longest frame while panning and zooming `rounds` times (the zoom comes back where it was). */
  async function panZoom() {
    await page.evaluate(() => {
      window.__ef = { frames: 0, worst: 0, run: true, t0: performance.now(), last: performance.now() };
      const tick = (now) => {
        const s = window.__ef;
        s.frames++;
        s.worst = Math.max(s.worst, now - s.last);
        s.last = now;
        if (s.run) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    for (let round = 0; round < rounds; round++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 0; i < 15; i++) await page.mouse.move(cx + (round % 2 ? -1 : 1) * i * 12, cy + i * 4);
      await page.mouse.up();
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -60);
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 60);
    }
    return page.evaluate(() => {
      const s = window.__ef;
      s.run = false;
      return { fps: (s.frames * 1000) / (performance.now() - s.t0), worst: s.worst };
    });
  }
  const overlayState = () => page.getByTestId('run-overlay').evaluate((c) => ({ mode: c.dataset.mode, bands: Number(c.dataset.bands ?? 0) })).catch(() => ({ mode: 'none', bands: 0 }));

  await page.waitForTimeout(1500); // deferred work after opening (lint, measuring) out of the way
  const zoomOut = await zoom();
  const idleOut = await panZoom();

  // a run long enough to outlast both phases (2 h simulated at 10×)
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill('7200');
  await page.getByTestId('run-scenario-toggle').click();
  await page.getByTestId('run-speed').selectOption('10');
  await page.getByTestId('run-start').click();
  await page.getByTestId('run-phase').filter({ hasText: 'running' }).waitFor();
  for (let i = 0; i < 100 && (await overlayState()).bands === 0; i++) await page.waitForTimeout(100);
  await page.getByRole('button', { name: 'Fit to Window' }).click();
  await page.waitForTimeout(500);
  const outState = await overlayState();
  // EF_PROFILE=1: the top self-time functions of the zoomed-out phase with the run going
  const cdp = process.env.EF_PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
  const runOut = await panZoom();
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((sid, i) => { const n = byId.get(sid); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000); });
    console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`).join('\n'));
  }

  // zoomed in at two places, both reached deterministically: a sparse corner (Producer 0, via Find
  // node) and the graph's centre (fit, then actual size), where hundreds of long edges cross
  const edgesMounted = () => page.locator('.react-flow__edge').count();
  await page.getByTestId('editor-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+f');
  await page.getByRole('textbox', { name: 'Find node' }).fill('Producer 0');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(900);
  const zoomCorner = await zoom();
  const cornerEdges = await edgesMounted();
  const runCorner = await panZoom();
  await page.getByRole('button', { name: 'Fit to Window' }).click();
  await page.waitForTimeout(500);
  await page.getByTestId('editor-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+0');
  await page.waitForTimeout(800);
  const zoomIn = await zoom();
  const inState = await overlayState();
  const centreEdges = await edgesMounted();
  const runIn = await panZoom();
  const phase = await page.getByTestId('run-phase').textContent();
  await page.getByTestId('run-stop').click().catch(() => {});

  const f = (x) => x.toFixed(1);
  console.log('canvas-zoom-run (Chromium headless, software rendering, 1440×900, 1,000 nodes / 1,500 edges)');
  console.log(`  load average (1/5/15 min): ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores; ${rounds} pan+zoom rounds per phase`);
  console.log(`  zoomed out (zoom ${zoomOut.toFixed(3)}), no run        : ${f(idleOut.fps)} fps, longest frame ${idleOut.worst.toFixed(0)} ms`);
  console.log(`  zoomed out, run going (overlay ${outState.mode}, ${outState.bands} bands): ${f(runOut.fps)} fps, longest frame ${runOut.worst.toFixed(0)} ms`);
  console.log(`  zoomed in at a corner (zoom ${zoomCorner.toFixed(2)}, ${cornerEdges} edges drawn), run going: ${f(runCorner.fps)} fps, longest frame ${runCorner.worst.toFixed(0)} ms`);
  console.log(`  zoomed in at the centre (zoom ${zoomIn.toFixed(2)}, ${centreEdges} edges drawn, overlay ${inState.mode}), run going: ${f(runIn.fps)} fps, longest frame ${runIn.worst.toFixed(0)} ms`);
  const best = Math.max(runCorner.fps, runIn.fps);
  console.log(`  ratio zoomed-out / zoomed-in, run going: ×${(runOut.fps / runCorner.fps).toFixed(2)} (corner), ×${(runOut.fps / runIn.fps).toFixed(2)} (centre) → ${runOut.fps >= best ? 'zoomed out is not slower than either (met)' : 'zoomed out is SLOWER than zoomed in somewhere (NOT met)'}`);
  console.log(`  ratio run / no run, zoomed out: ×${(runOut.fps / idleOut.fps).toFixed(2)}; run phase at the end: ${phase}`);
} finally {
  await browser.close();
  await host.stop();
}
