import type { ArrivalProfile, Distribution, TopologyNode } from '../../../shared/model';
import { BrokerTechnology, OperatorSettings, OverflowPolicy, SinkSettings } from '../../../shared/model';
import { useMemo } from 'react';
import { KindIcon } from '../../canvas/icons';
import { KIND_LABELS, OPERATOR_LABELS } from '../../store/edits/node-factory';
import { useDocument } from '../../store/react';
import { DistributionField } from './DistributionField';
import { EnrichField } from './EnrichField';
import { BoolField, ColorField, NumberField, Section, SelectField, SweepThisScope, TextField, TypesField } from './fields';
import { useNodeCommit } from './node-commit';
import { ProfileField } from './ProfileField';
import { useEventTypeNames } from './use-event-types';
import { SlowdownsField, TimeWindowsField } from './WindowsField';

const TECH = BrokerTechnology.options;
const OVERFLOW = OverflowPolicy.options;
const OPS = ['filter', 'map', 'window', 'throttle', 'debounce', 'join'] as const;
const COMPARATORS = ['==', '!=', '>', '>=', '<', '<=', 'contains'] as const;
const SYSTEMS = SinkSettings.shape.system.unwrap().options;

/** Settings form of the selected node; every field validated by the node's zod schema. */
export function NodeInspector({ node }: { node: TopologyNode }) {
  const { commitAt, commitStep, done } = useNodeCommit(node.id);
  const types = useEventTypeNames();
  const allNodes = useDocument((st) => st.topology.nodes);
  const dlqOptions = useMemo(() => allNodes.filter((n) => (n.kind === 'queue' || n.kind === 'topic') && n.id !== node.id).map((n) => n.id), [allNodes, node.id]);
  const s = node.settings;
  const num = (label: string, key: string, unit?: string, hint?: string) => (
    <NumberField label={label} field={`settings.${key}`} unit={unit} hint={hint} value={(s as unknown as Record<string, number>)[key]} commit={commitAt(['settings', key])} onDone={done} />
  );
  const tech = (value: string) => <SelectField label="Technology" field="settings.technology" value={value as (typeof TECH)[number]} options={TECH} commit={commitStep(['settings', 'technology'])} />;
  const dlq = (value: string) => (
    <SelectField label="Dead-letter target" field="settings.deadLetterTarget" value={value} options={['', ...dlqOptions]} labels={{ '': '— none —' }}
      commit={commitStep(['settings', 'deadLetterTarget'])} hint="Queue or topic that receives messages that exhausted their retries" />
  );

  return (
    <SweepThisScope nodeId={node.id}>
    <div className="ef-inspector__body" data-testid="node-inspector" data-node-id={node.id}>
      <header className="ef-inspector__title">
        <span className={`ef-inspector__icon ef-kind--${node.kind}`}><KindIcon kind={node.kind} size={18} /></span>
        <div>
          <div className="ef-inspector__kind">{KIND_LABELS[node.kind]}</div>
          <div className="ef-inspector__id" title="Node id (stable, used in exports)">{node.id}</div>
        </div>
      </header>
      <Section title="General">
        <TextField label="Name" field="name" value={node.name} commit={commitAt(['name'])} onDone={done} />
        <TextField label="Description" field="description" value={node.description ?? ''} multiline commit={commitAt(['description'], (v: string) => (v === '' ? undefined : v))} onDone={done} />
      </Section>

      {node.kind === 'producer' && (
        <>
          <Section title="Traffic">
            <SelectField label="Mode" field="settings.mode" value={node.settings.mode} options={['events', 'sessions'] as const}
              labels={{ events: 'Emit events', sessions: 'Customer sessions' }} commit={commitStep(['settings', 'mode'])} />
            <ProfileField field="settings.profile" value={node.settings.profile} commit={commitAt<ArrivalProfile>(['settings', 'profile'])} done={done} />
            <TypesField label="Emits" field="settings.emits" value={node.settings.emits} suggestions={types} commit={commitStep(['settings', 'emits'])} />
          </Section>
          {node.settings.mode === 'sessions' && (
            <Section title="Customer sessions">
              <div className="ef-grid2">
                <NumberField label="Cart abandon" field="settings.sessions.cartAbandonPct" unit="%" value={node.settings.sessions.cartAbandonPct} commit={commitAt(['settings', 'sessions', 'cartAbandonPct'])} onDone={done} />
                <NumberField label="Checkout abandon" field="settings.sessions.checkoutAbandonPct" unit="%" value={node.settings.sessions.checkoutAbandonPct} commit={commitAt(['settings', 'sessions', 'checkoutAbandonPct'])} onDone={done} />
                <NumberField label="Latency sensitivity" field="settings.sessions.latencySensitivityPctPerSec" unit="%/s" value={node.settings.sessions.latencySensitivityPctPerSec} commit={commitAt(['settings', 'sessions', 'latencySensitivityPctPerSec'])} onDone={done} />
                <NumberField label="Mean items" field="settings.sessions.meanItems" value={node.settings.sessions.meanItems} commit={commitAt(['settings', 'sessions', 'meanItems'])} onDone={done} />
              </div>
              <SelectField label="Checkout" field="settings.sessions.checkoutMode" value={node.settings.sessions.checkoutMode} options={['async', 'sync'] as const}
                labels={{ async: 'Async (event-driven)', sync: 'Sync (monolith waits)' }} commit={commitStep(['settings', 'sessions', 'checkoutMode'])} />
            </Section>
          )}
        </>
      )}

      {node.kind === 'topic' && (
        <Section title="Topic">
          {tech(node.settings.technology)}
          <div className="ef-grid2">
            {num('Partitions', 'partitions')}
            {num('Replication', 'replication', '×')}
            {num('Retention', 'retentionHours', 'h')}
            {num('Capacity', 'capacity', 'events')}
          </div>
          <TextField label="Partition key field" field="settings.keyField" value={node.settings.keyField} placeholder="event key" commit={commitAt(['settings', 'keyField'])} onDone={done} />
          <SelectField label="When full" field="settings.overflow" value={node.settings.overflow} options={OVERFLOW} commit={commitStep(['settings', 'overflow'])} />
          <TextField label="Address" field="settings.address" value={node.settings.address ?? ''} placeholder="e.g. orders.v1" commit={commitAt(['settings', 'address'], (v: string) => (v === '' ? undefined : v))} onDone={done} />
        </Section>
      )}

      {node.kind === 'queue' && (
        <Section title="Queue">
          {tech(node.settings.technology)}
          <div className="ef-grid2">
            {num('Visibility timeout', 'visibilityTimeoutMs', 'ms')}
            {num('Max receives', 'maxReceives')}
            {num('Capacity', 'capacity', 'msgs')}
          </div>
          {dlq(node.settings.deadLetterTarget)}
          <SelectField label="When full" field="settings.overflow" value={node.settings.overflow} options={OVERFLOW} commit={commitStep(['settings', 'overflow'])} />
          <BoolField label="FIFO" field="settings.fifo" value={node.settings.fifo} commit={commitStep(['settings', 'fifo'])} />
          <TextField label="Address" field="settings.address" value={node.settings.address ?? ''} placeholder="e.g. payments-retry" commit={commitAt(['settings', 'address'], (v: string) => (v === '' ? undefined : v))} onDone={done} />
        </Section>
      )}

      {node.kind === 'bus' && (
        <Section title="Event bus">
          {tech(node.settings.technology)}
          <SelectField label="Unmatched events" field="settings.unmatched" value={node.settings.unmatched} options={['drop', 'dead-letter'] as const} commit={commitStep(['settings', 'unmatched'])} />
          {dlq(node.settings.deadLetterTarget)}
          <TextField label="Address" field="settings.address" value={node.settings.address ?? ''} placeholder="e.g. commerce-bus" commit={commitAt(['settings', 'address'], (v: string) => (v === '' ? undefined : v))} onDone={done} />
          <p className="ef-muted">Routes are the outgoing edges: select one to set its event types and conditions.</p>
        </Section>
      )}

      {node.kind === 'service' && (
        <>
          <Section title="Scaling">
            <div className="ef-grid2">
              {num('Instances', 'instances')}
              {num('Concurrency', 'concurrency', 'per inst.')}
            </div>
            <TextField label="Consumer group" field="settings.consumerGroup" value={node.settings.consumerGroup} commit={commitAt(['settings', 'consumerGroup'])} onDone={done} />
            <DistributionField label="Processing" field="settings.processing" value={node.settings.processing} commit={commitAt<Distribution>(['settings', 'processing'])} done={done} />
          </Section>
          <Section title="Events">
            <TypesField label="Consumes" field="settings.consumes" value={node.settings.consumes} suggestions={types} commit={commitStep(['settings', 'consumes'])} />
            <TypesField label="Emits on success" field="settings.emitsOnSuccess" value={node.settings.emitsOnSuccess} suggestions={types} commit={commitStep(['settings', 'emitsOnSuccess'])} />
            <TypesField label="Emits on failure" field="settings.emitsOnFailure" value={node.settings.emitsOnFailure} suggestions={types} commit={commitStep(['settings', 'emitsOnFailure'])} />
          </Section>
          <Section title="Failures">
            <div className="ef-grid2">
              {num('Failure rate', 'failurePct', '%')}
              {num('Poison messages', 'poisonPct', '%')}
              <NumberField label="Max attempts" field="settings.retry.maxAttempts" value={node.settings.retry.maxAttempts} commit={commitAt(['settings', 'retry', 'maxAttempts'])} onDone={done} />
              <NumberField label="Backoff" field="settings.retry.backoffMs" unit="ms" value={node.settings.retry.backoffMs} commit={commitAt(['settings', 'retry', 'backoffMs'])} onDone={done} />
              <NumberField label="Backoff multiplier" field="settings.retry.multiplier" unit="×" value={node.settings.retry.multiplier} commit={commitAt(['settings', 'retry', 'multiplier'])} onDone={done} />
            </div>
            <BoolField label="Idempotent" field="settings.idempotent" value={node.settings.idempotent} commit={commitStep(['settings', 'idempotent'])} hint="Redeliveries do not repeat side effects" />
            {dlq(node.settings.deadLetterTarget)}
          </Section>
          <Section title="Outages and slowdowns">
            <TimeWindowsField title="Outages" noun="outage" path={['settings', 'outages']} value={node.settings.outages} commitAt={commitAt} done={done}
              empty="No outages: the service is up the whole run." />
            <SlowdownsField path={['settings', 'slowdowns']} value={node.settings.slowdowns} commitAt={commitAt} done={done} />
            <p className="ef-muted">Times are seconds from the start of a run.</p>
          </Section>
        </>
      )}

      {node.kind === 'operator' && (
        <Section title="Operator">
          <SelectField label="Operation" field="settings.op" value={node.settings.op} options={OPS} labels={OPERATOR_LABELS}
            commit={(op) => commitStep(['settings'])(OperatorSettings.parse({ op }))} />
          {operatorFields(node)}
        </Section>
      )}

      {node.kind === 'sink' && (
        <Section title="External system">
          <SelectField label="System" field="settings.system" value={node.settings.system} options={SYSTEMS} commit={commitStep(['settings', 'system'])} />
          <DistributionField label="Latency" field="settings.latency" value={node.settings.latency} commit={commitAt<Distribution>(['settings', 'latency'])} done={done} />
          <div className="ef-grid2">
            {num('Failure rate', 'failurePct', '%')}
            {num('Concurrency', 'concurrency')}
          </div>
        </Section>
      )}
      {node.kind === 'sink' && (
        <Section title="Availability">
          <TimeWindowsField title="Outages" noun="outage" path={['settings', 'outages']} value={node.settings.outages} commitAt={commitAt} done={done}
            empty="No outages: the system answers the whole run (seconds from the start of a run)." />
        </Section>
      )}

      {node.kind === 'group' && (
        <Section title="Bounded context">
          <div className="ef-grid2">
            {num('Width', 'width', 'px')}
            {num('Height', 'height', 'px')}
          </div>
          <ColorField label="Colour" field="settings.color" value={node.settings.color} commit={commitAt(['settings', 'color'])} onDone={done} />
        </Section>
      )}
    </div>
    </SweepThisScope>
  );

  function operatorFields(op: Extract<TopologyNode, { kind: 'operator' }>) {
    const o = op.settings;
    const text = (label: string, key: string, value: string) => <TextField label={label} field={`settings.${key}`} value={value} commit={commitAt(['settings', key])} onDone={done} />;
    switch (o.op) {
      case 'filter':
        return (
          <>
            {text('Field', 'field', o.field)}
            <SelectField label="Comparator" field="settings.comparator" value={o.comparator} options={COMPARATORS} commit={commitStep(['settings', 'comparator'])} />
            {text('Value', 'value', o.value)}
          </>
        );
      case 'map':
        return (
          <>
            {text('Emit as', 'emitAs', o.emitAs)}
            <EnrichField field="settings.enrich" value={o.enrich} commit={commitAt(['settings', 'enrich'])} done={done} />
          </>
        );
      case 'window':
        return (
          <>
            <div className="ef-grid2">{num('Window', 'windowMs', 'ms')}{num('Threshold', 'threshold', 'events')}</div>
            {text('Group by', 'groupBy', o.groupBy)}
            {text('Emits', 'emits', o.emits)}
          </>
        );
      case 'throttle':
        return num('Interval', 'intervalMs', 'ms');
      case 'debounce':
        return num('Quiet period', 'quietMs', 'ms');
      case 'join':
        return (
          <>
            <div className="ef-grid2">{text('Left', 'left', o.left)}{text('Right', 'right', o.right)}</div>
            {text('On field', 'on', o.on)}
            {num('Within', 'withinMs', 'ms')}
            {text('Emits', 'emits', o.emits)}
          </>
        );
    }
  }
}
