// Canvas bench zoomed out vs zoomed in with a run going (issue 16): the 1,000-node / 1,500-edge
// graph of canvas-perf opened in Chromium over the web host; a run streams at 10× while the canvas
// is panned (drags) and zoomed (wheel in, then back out by as much) for a few seconds, first
// fitted (zoomed out: cards far, edges one picture, traffic as flow bands), then at actual size
// (zoomed in: React Flow's cards and edges, tokens). Prints rAF fps and the longest frame of each,
// the same zoomed out before the run starts, and the ratio zoomed-out / zoomed-in measured in this
// run (issue 16: zoomed out must not be slower, ratio ≥ 1). Zoomed in is measured at two places: a
// sparse corner and the graph's centre, where hundreds of long edges cross the view.
// Needs a build (`npm run build`). Run: node bench/canvas-zoom-run.mjs [rounds per phase, default 4]
// (EF_SHOT=file.png saves the zoomed-out view with the run going)
// (EF_PROFILE=1 also prints, for the zoomed-out run phase and the zoomed-in centre phase, the top
// self-time functions of a CPU profile and the main thread's time per frame by trace event:
// scripting, style, layout, paint, composite, GC).
// (EF_LOAF=1 prints each phase's long animation frames (≥ 40 ms) with their longest scripts)
// (EF_HIDE='css selector' hides those elements for the zoomed-out run phase only: what they cost)
// (EF_CAPPED=1 keeps rAF at the display rate; by default Chromium runs uncapped, see below)
/* global window, document, location, requestAnimationFrame */
import os from 'node:os';
import { bigTopology } from './lib/big-topology.mjs';
import { launchChromium, requireBuild, startHost } from './lib/browser-bench.mjs';

requireBuild('canvas-zoom-run');
const rounds = Number(process.argv[2] ?? 4);

const host = await startHost('ef-bench-zoomrun-');
// uncapped by default: at the display's 60 Hz both views of a light scene read ~55-60 fps and the
// cap hides which one costs more per frame (EF_CAPPED=1: rAF at the display rate, as a user sees it)
const capped = Boolean(process.env.EF_CAPPED);
const browser = await launchChromium(capped ? [] : ['--disable-frame-rate-limit', '--disable-gpu-vsync']);
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
      window.__ef = { frames: 0, worst: 0, run: true, t0: performance.now(), last: performance.now(), loaf: [] };
      // EF_LOAF=1: the long animation frames of the phase, with what ran in them
      window.__efObs?.disconnect();
      window.__efObs = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__ef.loaf.push(e.toJSON()); });
      window.__efObs.observe({ type: 'long-animation-frame' });
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
    const res = await page.evaluate(() => {
      const s = window.__ef;
      s.run = false;
      return { fps: (s.frames * 1000) / (performance.now() - s.t0), worst: s.worst, loaf: s.loaf };
    });
    if (process.env.EF_LOAF) printLoaf(res.loaf);
    return res;
  }

  /** EF_LOAF=1: each long animation frame of a phase: its time, its style+layout, and its longest scripts */
  function printLoaf(list) {
    console.log(`--- ${list.length} long animation frames, ${list.reduce((a, e) => a + e.duration, 0).toFixed(0)} ms in all`);
    for (const e of list.filter((x) => x.duration >= 40)) {
      const layout = e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
      const scripts = e.scripts.sort((a, b) => b.duration - a.duration).slice(0, 3)
        .map((x) => `${x.invokerType} ${x.invoker} ${x.sourceFunctionName}:${x.sourceCharPosition} ${x.duration.toFixed(0)}ms (layout ${x.forcedStyleAndLayoutDuration.toFixed(0)})`);
      console.log(`  ${e.duration.toFixed(0)} ms, block ${e.blockingDuration.toFixed(0)}, render+layout ${layout.toFixed(0)}: ${scripts.join(' | ')}`);
    }
  }

  /**
   * EF_PROFILE=1: runs `fn` twice, under a CPU profile (self time per function), then under a
   * performance trace (main-thread self time per trace event kind, per frame), and prints both.
   * Without it, runs `fn` once. Returns the result of the unprofiled or profiled run.
   */
  async function measured(label, fn) {
    if (!process.env.EF_PROFILE) return fn();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const res = await fn();
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((sid, i) => {
      const n = byId.get(sid);
      const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const total = (profile.endTime - profile.startTime) / 1000;
    console.log(`--- ${label}: CPU profile, ${res.fps.toFixed(1)} fps, ${total.toFixed(0)} ms, top self time (ms per frame):`);
    const frames = (res.fps * total) / 1000;
    console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms ${(v / frames).toFixed(2).padStart(6)}/frame  ${k}`).join('\n'));
    // performance trace: self time of the renderer main thread's events, by name
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc', 'gpu', 'viz'] } });
    const res2 = await fn();
    await cdp.send('Tracing.end');
    await done;
    const threads = new Map();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
    const byThread = new Map();
    for (const e of events) {
      if (e.ph !== 'X' || e.dur === undefined) continue;
      const k = `${e.pid}:${e.tid}`;
      if (!byThread.has(k)) byThread.set(k, []);
      byThread.get(k).push(e);
    }
    let t0 = Infinity;
    let t1 = -Infinity;
    for (const e of events) if (e.ts > 0) { t0 = Math.min(t0, e.ts); t1 = Math.max(t1, e.ts + (e.dur ?? 0)); }
    const frames2 = (res2.fps * (t1 - t0)) / 1e6;
    for (const [k, list] of byThread) {
      const name = threads.get(k) ?? k;
      if (!/CrRendererMain|Compositor|Raster|TileWorker|VizCompositor/.test(name)) continue;
      list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
      const selfT = new Map();
      const stack = [];
      for (const e of list) {
        while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) selfT.set(parent.name, (selfT.get(parent.name) ?? 0) - e.dur);
        selfT.set(e.name, (selfT.get(e.name) ?? 0) + e.dur);
        stack.push(e);
      }
      const top = [...selfT.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 12);
      const sum = [...selfT.values()].reduce((a, b) => a + b, 0);
      console.log(`--- ${label}: trace, thread ${name}: busy ${(sum / 1000).toFixed(0)} ms (${(sum / 1000 / frames2).toFixed(1)} ms/frame at ${res2.fps.toFixed(1)} fps); self time by event (ms/frame):`);
      console.log(top.map(([n, v]) => `  ${(v / 1000 / frames2).toFixed(2).padStart(7)}  ${n}`).join('\n'));
    }
    // compositor layers (each one is updated, committed and drawn every frame the view moves)
    let layers = [];
    cdp.on('LayerTree.layerTreeDidChange', (e) => { if (e.layers) layers = e.layers; });
    await cdp.send('DOM.enable');
    await cdp.send('LayerTree.enable');
    await page.waitForTimeout(300);
    const reasons = new Map();
    for (const l of layers.filter((x) => x.drawsContent).slice(0, 400)) {
      const r = await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId }).catch(() => ({ compositingReasonIds: ['?'] }));
      let k = (r.compositingReasonIds ?? r.compositingReasons ?? []).join('+') || '(root)';
      if (process.env.EF_PROFILE === 'layers' && l.backendNodeId) {
        const d = await cdp.send('DOM.describeNode', { backendNodeId: l.backendNodeId }).catch(() => undefined);
        const attrs = d?.node.attributes ?? [];
        const cls = attrs[attrs.indexOf('class') + 1] ?? '';
        k += ` <${d?.node.nodeName.toLowerCase()} ${attrs.includes('class') ? cls.slice(0, 60) : ''}> ${Math.round(l.width)}×${Math.round(l.height)}`;
      }
      reasons.set(k, (reasons.get(k) ?? 0) + 1);
    }
    console.log(`--- ${label}: ${layers.length} compositor layers (${layers.filter((x) => x.drawsContent).length} drawing); by reason: ${[...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v} ${k}`).join(process.env.EF_PROFILE === 'layers' ? '\n    ' : ', ')}`);
    await cdp.send('LayerTree.disable');
    await cdp.detach();
    return res;
  }
  const overlayState = () => page.getByTestId('run-overlay').evaluate((c) => ({ mode: c.dataset.mode, bands: Number(c.dataset.bands ?? 0) })).catch(() => ({ mode: 'none', bands: 0 }));

  await page.waitForTimeout(1500); // deferred work after opening (lint, measuring) out of the way
  const zoomOut = await zoom();
  const idleOut = await measured('zoomed out, no run', panZoom);

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
  // EF_SHOT=path.png: a screenshot of the zoomed-out view with the run going (bands and node state)
  if (process.env.EF_SHOT) await page.screenshot({ path: process.env.EF_SHOT });
  // EF_HIDE='css selector': hidden (display: none) for the zoomed-out run phase only: what that part costs
  if (process.env.EF_HIDE) await page.addStyleTag({ content: `${process.env.EF_HIDE} { display: none !important; }` }).then((h) => h.evaluate((el) => { el.id = 'ef-hide'; }));
  const runOut = await measured('zoomed out, run going', panZoom);
  if (process.env.EF_HIDE) await page.evaluate(() => document.getElementById('ef-hide')?.remove());
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
  const runIn = await measured('zoomed in at the centre, run going', panZoom);
  const phase = await page.getByTestId('run-phase').textContent();
  await page.getByTestId('run-stop').click().catch(() => {});

  const f = (x) => x.toFixed(1);
  console.log(`canvas-zoom-run (Chromium headless, software rendering, 1440×900, 1,000 nodes / 1,500 edges, frame rate ${capped ? 'capped at the display rate' : 'uncapped'})`);
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
