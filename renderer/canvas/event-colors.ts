import { COMMERCE_EVENTS } from '../../shared/commerce/catalog';

const BUILT_IN = new Map(COMMERCE_EVENTS.map((e) => [e.name, e.color]));

/** A stable colour per event type: the catalog's, else one hashed from the name. */
export function eventColor(name: string): string {
  const c = BUILT_IN.get(name);
  if (c) return c;
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 55% 48%)`;
}
