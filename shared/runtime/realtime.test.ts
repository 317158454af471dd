import { describe, expect, it } from 'vitest';
import { RealTimeDriver } from './realtime';
import { createSimulation } from './simulation';
import { edge, producer, service, topic, topology } from './test-topologies';

const t = topology('rt', [
  producer('p', { emits: ['OrderPlaced'], profile: { kind: 'constant', ratePerSec: 10 } }),
  topic('t'),
  service('s', { processing: { kind: 'fixed', ms: 1 } }),
], [edge('publish', 'p', 't'), edge('subscribe', 't', 's')]);

describe('RealTimeDriver', () => {
  it('advances simulated time by speed × wall time; pause, step, resume and speed changes', () => {
    let wall = 1000;
    const sim = createSimulation(t, { durationSec: 60, seed: 1 });
    const d = new RealTimeDriver(sim, { now: () => wall, speed: 2 });
    d.start();
    wall += 500;
    expect(d.tick()).toBe(1000);
    d.pause();
    wall += 10_000;
    expect(d.tick()).toBe(1000);
    d.step(250);
    expect(sim.now).toBe(1250);
    d.resume();
    wall += 100;
    expect(d.tick()).toBe(1450);
    d.setSpeed(100);
    wall += 1000;
    expect(d.tick()).toBe(60_000);
    expect(d.state).toBe('completed');
    expect(() => d.setSpeed(5000)).toThrow(RangeError);
  });

  it('caps one tick at maxSliceMs so a worker stays responsive', () => {
    let wall = 0;
    const sim = createSimulation(t, { durationSec: 600, seed: 1 });
    const d = new RealTimeDriver(sim, { now: () => wall, speed: 1000, maxSliceMs: 5000 });
    d.start();
    wall = 1000;
    expect(d.tick()).toBe(5000);
    expect(d.tick()).toBe(10_000);
  });
});
