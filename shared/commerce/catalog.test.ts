import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { EventTypeDef } from '../model/event-types';
import { Rng } from '../runtime/prng';
import { COMMERCE_EVENTS, COMMERCE_EVENT_NAMES, eventCatalog, payloadJsonSchema } from './catalog';
import { IdSource, PayloadFactory } from './payloads';

const ISSUE_TYPES = ['OrderPlaced', 'OrderConfirmed', 'OrderCancelled', 'PaymentRequested', 'PaymentAuthorized', 'PaymentFailed', 'InventoryReserved',
  'InventoryReleased', 'OutOfStock', 'CartItemAdded', 'CartAbandoned', 'CheckoutStarted', 'ShipmentCreated', 'EmailSent', 'RefundIssued', 'PriceChanged'];

describe('commerce catalog', () => {
  it('has the 16 types of the issue, each valid against the model and with its key among its fields', () => {
    expect([...COMMERCE_EVENT_NAMES].sort()).toEqual([...ISSUE_TYPES].sort());
    for (const t of COMMERCE_EVENTS) {
      expect(EventTypeDef.safeParse(t).success, t.name).toBe(true);
      expect(t.fields.map((f) => f.name), t.name).toContain(t.keyField);
    }
  });

  it('payload schemas are valid JSON Schema and accept the payloads the simulator generates', () => {
    // multipleOf 0.01 on binary floats (62.41 / 0.01 = 6240.999…) needs a precision, as most validators do
    const ajv = new Ajv2020({ strict: true, validateFormats: false, multipleOfPrecision: 9 });
    const factory = new PayloadFactory(eventCatalog(), new IdSource());
    const rng = new Rng(7);
    for (const t of COMMERCE_EVENTS) {
      const validate = ajv.compile(payloadJsonSchema(t));
      for (let i = 0; i < 20; i++) {
        const payload = factory.payload(t.name, rng, null, 1_700_000_000_000 + i);
        expect(validate(payload), `${t.name}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(payload)}`).toBe(true);
      }
      const required = payloadJsonSchema(t).required as string[];
      if (required.length > 0) expect(validate({}), `${t.name} must require its fields`).toBe(false);
    }
  });

  it('a project type overrides a built-in one of the same name and adds new ones', () => {
    const custom = EventTypeDef.parse({ name: 'OrderPlaced', fields: [{ name: 'orderId', type: 'id' }] });
    const extra = EventTypeDef.parse({ name: 'GiftWrapped' });
    const c = eventCatalog([custom, extra]);
    expect(c.get('OrderPlaced')?.fields).toHaveLength(1);
    expect(c.has('GiftWrapped')).toBe(true);
    expect(c.size).toBe(17);
  });
});
