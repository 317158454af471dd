import { checkoutTemplate } from './checkout';
import { emptyTemplate } from './empty';
import { flashSaleTemplate } from './flash-sale';
import { monolithTemplate } from './monolith';
import type { TopologyInput } from '../topology';

export interface TemplateInfo {
  id: string;
  label: string;
  description: string;
  build: () => TopologyInput;
  /** lint warnings the template shows on purpose (its lesson); anything else must lint clean */
  expectedLint?: readonly string[];
}

/** Starter content offered by the New project wizard and `resources/templates/`. */
export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'empty', label: 'Empty canvas', description: 'Start from nothing.', build: () => emptyTemplate() },
  { id: 'checkout', label: 'Event-driven checkout', description: 'Storefront → orders topic → Inventory, Payment, Notification, with a dead-letter queue.', build: checkoutTemplate },
  { id: 'monolith', label: 'Monolith checkout (synchronous)', description: 'The buyer waits while one checkout service calls inventory, payment and e-mail in turn: compare with the event-driven checkout.', build: monolithTemplate },
  { id: 'flash-sale', label: 'Flash sale', description: 'The event-driven checkout hit by 150 orders/s for one minute: the topic absorbs the burst and drains.', build: flashSaleTemplate, expectedLint: ['capacity-exceeded-at-peak'] },
];

export { checkoutTemplate, emptyTemplate, flashSaleTemplate, monolithTemplate };
