/**
 * Conversion and checkout latency exist only for topologies with customer sessions (browse → cart
 * → checkout); without any, a 0 would read as a result. Stored runs keep no session count, so a
 * run measured them when either figure is non-zero. One rule for the report, compare and the cards.
 */
export const CHECKOUT_NOT_MEASURED_WHY = 'Only topologies with a customer-session producer (browse → cart → checkout) measure it: select the storefront producer and set Mode to "sessions" (the monolith template does), then run again';

/** KPI metrics (shared/report/compare.ts names) that need checkout sessions */
export const CHECKOUT_METRICS: ReadonlySet<string> = new Set(['conversion', 'checkoutP99']);

export function checkoutMeasured(k: { conversionRate: number; checkoutLatencyP99Ms: number }): boolean {
  return k.conversionRate > 0 || k.checkoutLatencyP99Ms > 0;
}
