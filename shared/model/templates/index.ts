import { checkoutTemplate } from './checkout';
import { emptyTemplate } from './empty';
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
];

export { checkoutTemplate, emptyTemplate };
