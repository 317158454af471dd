import { checkoutTemplate } from './checkout';
import { emptyTemplate } from './empty';
import { monolithTemplate } from './monolith';
import type { TopologyInput } from '../topology';

export interface TemplateInfo {
  id: string;
  label: string;
  description: string;
  build: () => TopologyInput;
}

/** Starter content offered by the New project wizard and `resources/templates/`. */
export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'empty', label: 'Empty canvas', description: 'Start from nothing.', build: () => emptyTemplate() },
  { id: 'checkout', label: 'Event-driven checkout', description: 'Storefront → orders topic → Inventory, Payment, Notification, with a dead-letter queue.', build: checkoutTemplate },
  { id: 'monolith', label: 'Monolith checkout (synchronous)', description: 'The buyer waits while one checkout service calls inventory, payment and e-mail in turn: compare with the event-driven checkout.', build: monolithTemplate },
];

export { checkoutTemplate, emptyTemplate, monolithTemplate };
