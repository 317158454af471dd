/** A simulated message (one domain event). Log records (SimEvent) refer to it by id. */
export interface Msg {
  id: number;
  type: string;
  key: string;
  payload: Record<string, unknown>;
  correlationId: number;
  /** -1 for a root message */
  causationId: number;
  createdAt: number;
  /** always fails processing (poison message) */
  poison: boolean;
  /** its trace is written to the event log (all / sampled) */
  traced: boolean;
  /** event log: index of the type in the run's names, hash of type + key (set once when traced) */
  logType: number;
  logHash: number;
}
