/**
 * What a service sends, as outcomes of handling one message. AsyncAPI lists what an application
 * may send, not when: importing every send as "emit on success" fires alternatives together
 * (StockReserved and OutOfStock for one order). The rules, documented in docs/export.md:
 * - the messages of one send operation (2.x `oneOf`, 3.0 `messages: [...]`) are alternatives:
 *   at most one goes to the success branch and one to the failure branch;
 * - a message whose name says it failed (Failed, Declined, Rejected, OutOfStock...) is the
 *   failure branch, the others the success branch; when the names cannot tell (two success-like
 *   names), the first is success, the second failure, and the import warns;
 * - separate send operations are separate actions: each contributes its success and failure pick;
 * - a send to a dead-letter channel is the service's dead-letter target, not an emit.
 */
export interface SendOp {
  channel: string;
  types: readonly string[];
  /** JSON pointer of the operation (warnings point here) */
  pointer: string;
}

export interface OutcomeNote {
  pointer: string;
  message: string;
}

export interface OutcomePlan {
  emitsOnSuccess: string[];
  emitsOnFailure: string[];
  /** channel key of the dead-letter channel */
  deadLetter?: string;
  /** channel keys whose send is not a publish edge (dead letters) */
  notPublished: Set<string>;
  notes: OutcomeNote[];
}

/** failure branch share when the document has alternatives (it never states a ratio) */
export const DEFAULT_FAILURE_PCT = 10;

const FAILURE_NAME = /(fail|reject|declin|denied|deny|refus|error|invalid|out-?of-?stock|insufficient|unavailable|expired|timed-?out|timeout|cancel|abort|violat|blocked)/i;
const DEAD_LETTER = /(dead[-_. ]?letter|(^|[-_.])(dlq|dlt|dlx)($|[-_.]))/i;

export function isFailureOutcome(messageName: string): boolean {
  return FAILURE_NAME.test(messageName.replace(/[_.]/g, '-'));
}

/** A dead-letter channel by its key, address or title (no AsyncAPI field says so). */
export function isDeadLetterChannel(...names: (string | undefined)[]): boolean {
  return names.some((n) => typeof n === 'string' && DEAD_LETTER.test(n));
}

export function planOutcomes(app: string, ops: readonly SendOp[], deadLetterChannel: (key: string) => boolean): OutcomePlan {
  const plan: OutcomePlan = { emitsOnSuccess: [], emitsOnFailure: [], notPublished: new Set(), notes: [] };
  const add = (list: string[], t: string | undefined): void => {
    if (t !== undefined && !list.includes(t)) list.push(t);
  };
  for (const op of ops) {
    if (deadLetterChannel(op.channel)) {
      plan.notPublished.add(op.channel);
      if (plan.deadLetter === undefined) {
        plan.deadLetter = op.channel;
        plan.notes.push({ pointer: op.pointer, message: `"${op.channel}" is a dead-letter channel: it becomes the dead-letter target of "${app}" (messages that exhaust their retries), not a message sent on every success` });
      } else {
        plan.notes.push({ pointer: op.pointer, message: `"${app}" has a second dead-letter channel "${op.channel}": a service has one dead-letter target ("${plan.deadLetter}"); this send is not simulated` });
      }
      continue;
    }
    const types = [...new Set(op.types)];
    const failures = types.filter(isFailureOutcome);
    const successes = types.filter((t) => !isFailureOutcome(t));
    const success = successes[0];
    let failure = failures[0];
    const unused = [...successes.slice(1), ...failures.slice(1)];
    if (failure === undefined && successes.length >= 2) {
      failure = successes[1];
      unused.splice(unused.indexOf(successes[1]!), 1);
      plan.notes.push({ pointer: op.pointer, message: `the document does not say when "${op.channel}" gets ${successes.map((s) => `"${s}"`).join(' or ')}: imported as alternatives, "${success}" on success and "${failure}" on failure (${DEFAULT_FAILURE_PCT} % of messages; edit emitsOnSuccess / emitsOnFailure / failurePct)` });
    } else if (failure !== undefined && success !== undefined) {
      plan.notes.push({ pointer: op.pointer, message: `alternatives on "${op.channel}": "${success}" on success, "${failure}" on failure (${DEFAULT_FAILURE_PCT} % of messages by default; the document states no ratio)` });
    }
    if (unused.length > 0) {
      plan.notes.push({ pointer: op.pointer, message: `${unused.map((s) => `"${s}"`).join(', ')} on "${op.channel}": a service has one success and one failure outcome per send; not emitted in the simulation (add them to emitsOnSuccess / emitsOnFailure if they fire together)` });
    }
    add(plan.emitsOnSuccess, success);
    add(plan.emitsOnFailure, failure);
  }
  return plan;
}
