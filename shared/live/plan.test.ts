import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../model/templates';
import { Topology } from '../model/topology';
import { build, edge, node } from '../model/test-builders';
import { PlanError, formatPlan, planFor } from './plan';

const checkout = (): Topology => Topology.parse(checkoutTemplate());

describe('planFor (topology -> RabbitMQ plan)', () => {
  it('maps the checkout: topic exchanges, one queue per consumer group, DLX to the payments DLQ', () => {
    const p = planFor(checkout(), 'ef1');
    expect(p.exchanges.map((e) => `${e.name}:${e.type}`).sort()).toEqual(['ef1.dlx:direct', 'ef1.topic.order-status:topic', 'ef1.topic.orders:topic']);
    const names = p.queues.map((q) => q.name).sort();
    expect(names).toEqual([
      'ef1.queue.payments-dlq', 'ef1.topic.order-status.analytics', 'ef1.topic.orders.inventory', 'ef1.topic.orders.notification', 'ef1.topic.orders.payment',
    ]);
    const payment = p.queues.find((q) => q.name === 'ef1.topic.orders.payment');
    expect(payment?.arguments).toMatchObject({ 'x-max-length': 1_000_000, 'x-overflow': 'reject-publish', 'x-dead-letter-exchange': 'ef1.dlx', 'x-dead-letter-routing-key': 'payments-dlq' });
    expect(p.queues.find((q) => q.name === 'ef1.topic.orders.inventory')?.arguments['x-dead-letter-exchange']).toBeUndefined();
    expect(p.bindings).toContainEqual({ kind: 'queue', source: 'ef1.dlx', destination: 'ef1.queue.payments-dlq', routingKey: 'payments-dlq' });
    expect(p.bindings).toContainEqual({ kind: 'queue', source: 'ef1.topic.orders', destination: 'ef1.topic.orders.payment', routingKey: 'OrderPlaced' });
    // analytics subscribes to every type of order-status
    expect(p.bindings).toContainEqual({ kind: 'queue', source: 'ef1.topic.order-status', destination: 'ef1.topic.order-status.analytics', routingKey: '#' });
    expect(p.consumers.find((c) => c.nodeId === 'payment')).toEqual({ nodeId: 'payment', nodeKind: 'service', queue: 'ef1.topic.orders.payment', instances: 2, prefetch: 8 });
    expect(p.routes).toContainEqual(expect.objectContaining({ from: 'storefront', eventType: 'OrderPlaced', exchange: 'ef1.topic.orders', routingKey: 'OrderPlaced', onFull: 'wait' }));
    expect(p.routes).toContainEqual(expect.objectContaining({ from: 'payment', eventType: 'PaymentFailed', exchange: 'ef1.topic.order-status' }));
    // every name is under the prefix
    for (const n of [...p.exchanges.map((e) => e.name), ...p.queues.map((q) => q.name)]) expect(n.startsWith('ef1.')).toBe(true);
  });

  it('lists what RabbitMQ cannot express instead of dropping it', () => {
    const p = planFor(checkout(), 'ef1');
    const what = p.unsupported.map((u) => `${u.ref}: ${u.what}`);
    expect(what).toContain('orders: 12 partitions keyed by orderId');
    expect(what).toContain('orders: replication 3');
    expect(what).toContain('payments-dlq: visibility timeout 30000 ms');
    expect(p.inProcess.map((u) => u.ref)).toContain('e-payment-gateway');
    expect(formatPlan(p).some((l) => l.startsWith('not expressed: orders: 12 partitions'))).toBe(true);
  });

  it('is deterministic: the same topology gives the same plan', () => {
    expect(planFor(checkout(), 'x')).toEqual(planFor(checkout(), 'x'));
  });

  it('shares one queue between services of the same consumer group (competing consumers)', () => {
    const t = build([
      node('producer', 'p', { emits: ['OrderPlaced'] }), node('topic', 't'),
      node('service', 'a', { consumerGroup: 'g', consumes: ['OrderPlaced'] }), node('service', 'b', { consumerGroup: 'g', consumes: ['OrderPlaced'] }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 'a'), edge('subscribe', 't', 'b')]);
    const p = planFor(t, 'pre');
    expect(p.queues.map((q) => q.name)).toEqual(['pre.topic.t.g']);
    expect(p.consumers.map((c) => `${c.nodeId}@${c.queue}`)).toEqual(['a@pre.topic.t.g', 'b@pre.topic.t.g']);
  });

  it('maps a queue with overflow and a bus with equality routes; other comparators are listed', () => {
    const t = build([
      node('producer', 'p', { emits: ['OrderPlaced'] }), node('bus', 'bus'),
      node('queue', 'big', { capacity: 50, overflow: 'drop-oldest' }), node('service', 's', { consumes: ['OrderPlaced'] }),
    ], [
      edge('publish', 'p', 'bus'),
      edge('route', 'bus', 'big', ['OrderPlaced'], { conditions: [{ field: 'country', comparator: '==', value: 'DE' }, { field: 'amount', comparator: '>', value: '100' }] }),
      edge('subscribe', 'big', 's'),
    ]);
    const p = planFor(t, 'pre');
    expect(p.exchanges).toContainEqual({ name: 'pre.bus.bus', type: 'headers', nodeId: 'bus' });
    expect(p.queues.find((q) => q.name === 'pre.queue.big')?.arguments).toEqual({ 'x-max-length': 50, 'x-overflow': 'drop-head' });
    expect(p.bindings).toContainEqual({ kind: 'queue', source: 'pre.bus.bus', destination: 'pre.queue.big', routingKey: '', arguments: { 'x-match': 'all', 'f.country': 'DE', type: 'OrderPlaced' } });
    expect(p.unsupported.map((u) => u.what)).toContain('route condition amount > 100');
    expect(p.routes[0]).toMatchObject({ exchange: 'pre.bus.bus', headerFields: ['country', 'amount'], onFull: 'drop' });
  });

  it('refuses a prefix that would escape the namespace', () => {
    expect(() => planFor(checkout(), 'a.b')).toThrow(PlanError);
    expect(() => planFor(checkout(), '')).toThrow(/prefix "" must be/);
    expect(() => planFor(checkout(), 'UPPER')).toThrow(PlanError);
  });
});
