/** The Kafka message key binding becomes the event type's key field, and survives a re-export. */
import { describe, expect, it } from 'vitest';
import { exportAsyncApi } from './export';
import { importAsyncApi } from './import';

const doc = (key: string): string => `asyncapi: 3.0.0
info: { title: Orders, version: 1.2.0 }
channels:
  orders:
    address: orders
    messages:
      OrderPlaced: { $ref: '#/components/messages/OrderPlaced' }
operations:
  placeOrder:
    action: send
    channel: { $ref: '#/channels/orders' }
components:
  messages:
    OrderPlaced:
      payload:
        type: object
        properties:
          orderId: { type: string }
          customerId: { type: string }
          amount: { type: number }
      bindings:
        kafka:
          key: ${key}
`;

const imported = (key: string) => {
  const r = importAsyncApi(doc(key));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.pointer} ${p.message}`).join('\n'));
  return r;
};
const keyOf = (key: string) => imported(key).topology.eventTypes.find((t) => t.name === 'OrderPlaced')?.keyField;

describe('Kafka message key → keyField', () => {
  it('takes the payload field the key schema names (title, description, x-eventflow-field)', () => {
    expect(keyOf('{ type: string, title: customerId }')).toBe('customerId');
    expect(keyOf('{ type: string, description: "The order id (orderId) keeps one order on one partition" }')).toBe('orderId');
    expect(keyOf('{ type: string, x-eventflow-field: customerId }')).toBe('customerId');
  });

  it('warns at the key when nothing names a payload field, and leaves the key empty', () => {
    const r = imported('{ type: string, description: "a UUID" }');
    expect(r.topology.eventTypes.find((t) => t.name === 'OrderPlaced')?.keyField).toBe('');
    expect(r.problems).toContainEqual(expect.objectContaining({
      severity: 'warning', pointer: '/components/messages/OrderPlaced/bindings/kafka/key',
      message: expect.stringMatching(/does not name a payload field/),
    }));
  });

  it('round trip: export writes the key binding back and a re-import finds the same field', () => {
    const first = imported('{ type: string, title: customerId }').topology;
    type Doc = { components: { messages: Record<string, { bindings?: { kafka?: { key?: { description?: string; title?: string } } } }> } };
    // the imported document's own key schema comes back (kept.ts); the plain export writes its own
    const exported = exportAsyncApi(first).documents[0]!.document as Doc;
    expect(exported.components.messages['OrderPlaced']?.bindings?.kafka?.key).toEqual({ type: 'string', title: 'customerId' });
    const { imported: _kept, ...plain } = first;
    const own = exportAsyncApi(plain).documents[0]!.document as Doc;
    expect(own.components.messages['OrderPlaced']?.bindings?.kafka?.key?.description).toBe('partition key: payload field customerId');
    const plainAgain = importAsyncApi(JSON.stringify(own));
    expect(plainAgain.ok && plainAgain.topology.eventTypes.find((t) => t.name === 'OrderPlaced')?.keyField).toBe('customerId');
    const again = importAsyncApi(JSON.stringify(exported));
    if (!again.ok) throw new Error('re-import failed');
    expect(again.topology.eventTypes.find((t) => t.name === 'OrderPlaced')?.keyField).toBe('customerId');
  });
});

describe('info.tags', () => {
  it('a document tag no channel or operation carries makes no empty group, and says so; a used one groups its channels', () => {
    const text = doc('{ type: string, title: orderId }')
      .replace('info: { title: Orders, version: 1.2.0 }', 'info:\n  title: Orders\n  version: 1.2.0\n  tags: [{ name: commerce }, { name: checkout }]')
      .replace('    address: orders\n', '    address: orders\n    tags: [{ name: checkout }]\n');
    const r = importAsyncApi(text);
    if (!r.ok) throw new Error('import failed');
    const groups = r.topology.nodes.filter((n) => n.kind === 'group');
    expect(groups.map((g) => g.name)).toEqual(['checkout']);
    expect(r.topology.nodes.find((n) => n.id === 'orders')?.parentId).toBe(groups[0]!.id);
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', pointer: '/info/tags', message: expect.stringMatching(/tag "commerce" is on no channel or operation/) }));
  });
});
