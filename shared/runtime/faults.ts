import type { Fault } from './api';

interface Window { s: number; e: number; v: number }

/**
 * Fault windows of one node, from its settings (outages, slowdowns) and from the scenario or
 * live injection. Lists are tiny, so linear scans beat anything clever.
 */
export class NodeFaults {
  readonly down: Window[] = [];
  readonly slow: Window[] = [];
  readonly errorRate: Window[] = [];
  readonly burst: Window[] = [];
  readonly poison: Window[] = [];
  /** slots (instances × concurrency) while scaled */
  readonly scale: Window[] = [];

  add(f: Fault): Window {
    const w: Window = { s: f.startSec * 1000, e: f.endSec * 1000, v: 1 };
    switch (f.kind) {
      case 'down': this.down.push(w); break;
      case 'slowdown': w.v = f.factor; this.slow.push(w); break;
      case 'error-rate': w.v = f.failurePct; this.errorRate.push(w); break;
      case 'burst': w.v = f.factor; this.burst.push(w); break;
      case 'poison': w.v = f.pct; this.poison.push(w); break;
      case 'scale': w.v = f.instances * f.concurrency; this.scale.push(w); break;
    }
    return w;
  }

  isDown(t: number): boolean {
    return active(this.down, t) !== null;
  }

  /** end of the down window covering t (for the wake-up timer) */
  downUntil(t: number): number {
    let end = t;
    for (const w of this.down) if (w.s <= t && t < w.e && w.e > end) end = w.e;
    return end;
  }

  slowFactor(t: number): number {
    let f = 1;
    for (const w of this.slow) if (w.s <= t && t < w.e) f *= w.v;
    return f;
  }

  failurePct(t: number, base: number): number {
    const w = active(this.errorRate, t);
    return w === null ? base : w.v;
  }

  burstFactor(t: number): number {
    let f = 1;
    for (const w of this.burst) if (w.s <= t && t < w.e) f *= w.v;
    return f;
  }

  poisonPct(t: number): number {
    const w = active(this.poison, t);
    return w === null ? 0 : w.v;
  }

  /** slots at t: the latest scale window covering t, else the node's own */
  slotsAt(t: number, base: number): number {
    const w = active(this.scale, t);
    return w === null ? base : w.v;
  }

  /** times at which a producer's rate may change */
  rateBoundaries(): number[] {
    return this.burst.flatMap((w) => [w.s, w.e]);
  }

  get empty(): boolean {
    return this.down.length + this.slow.length + this.errorRate.length + this.burst.length + this.poison.length + this.scale.length === 0;
  }
}

function active(ws: Window[], t: number): Window | null {
  for (let i = ws.length - 1; i >= 0; i--) {
    const w = ws[i]!;
    if (w.s <= t && t < w.e) return w;
  }
  return null;
}
