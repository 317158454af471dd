import { capacityRule } from './rules/capacity';
import { deadLetterTarget } from './rules/dead-letter-target';
import { edgeTypeNotEmitted } from './rules/edge-type-not-emitted';
import { eventNeverConsumed } from './rules/event-never-consumed';
import { eventNeverPublished } from './rules/event-never-published';
import { feedbackLoop } from './rules/feedback-loop';
import { idleConsumers } from './rules/idle-consumers';
import { producerPublishesNowhere } from './rules/producer-publishes-nowhere';
import { producerSilent } from './rules/producer-silent';
import { queueWithoutDeadLetter } from './rules/queue-without-dead-letter';
import { serviceFailuresDropped } from './rules/service-failures-dropped';
import { serviceSubscribesToNothing } from './rules/service-subscribes-to-nothing';
import { syncCallCycle } from './rules/sync-call-cycle';
import { unknownEventType } from './rules/unknown-event-type';
import { unreachableNode } from './rules/unreachable-node';
import type { LintRule } from './types';

/** Every lint rule, in the order the docs list them. Add a rule: one file in rules/, one line here. */
export const LINT_RULES: readonly LintRule[] = [
  syncCallCycle,
  feedbackLoop,
  capacityRule,
  deadLetterTarget,
  producerPublishesNowhere,
  producerSilent,
  serviceSubscribesToNothing,
  unreachableNode,
  eventNeverConsumed,
  eventNeverPublished,
  edgeTypeNotEmitted,
  unknownEventType,
  queueWithoutDeadLetter,
  serviceFailuresDropped,
  idleConsumers,
];
