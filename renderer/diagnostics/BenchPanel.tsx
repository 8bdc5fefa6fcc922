// Benchmark parameters (kafka-producer-perf-test's), Run / Compare acks / Cancel, and live
// progress. Writes to its own topic by default; the order topic needs an explicit tick.
import { useEffect, useRef, useState } from 'react';
import {
  BENCH_TOPIC,
  benchParamsSchema,
  benchStartInputSchema,
  COMPRESSIONS,
  DEFAULT_BENCH_ACKS,
  type BenchParams,
  type BenchProgress,
} from '../../shared/bench-types';
import { issueError } from '../../shared/describe-issues';
import { wholeFieldProblem, wholeRange } from '../../shared/number-field';
import { topicNameProblem } from '../../shared/topic-name';
import type { OrderDeskApi } from '../../shared/contract';
import type { AppError } from '../../shared/error-codes';
import type { ClusterHealth } from '../../shared/diagnostics-types';
import { benchStarted, setBenchError, useDiagnosticsStore } from './diagnostics-store';
import { useDiagT } from './diagnostics-strings';
import { focusBack, focusedNow } from '../shell/screen-focus';
import { useRequiredFields } from '../shell/required-fields';
import { LabelledField } from '../shell/LabelledField';
import { FileButton } from '../shell/FileButton';

interface FormValues {
  topic: string;
  numRecords: string;
  recordSize: string;
  throughput: string;
  acks: '0' | '1' | '-1';
  warmupRecords: string;
  batchSize: string;
  lingerMs: string;
  compression: BenchParams['compression'];
  repetitions: string;
}

const DEFAULTS: FormValues = {
  topic: BENCH_TOPIC,
  numRecords: '20000',
  recordSize: '1000',
  throughput: '10000',
  acks: String(DEFAULT_BENCH_ACKS) as FormValues['acks'],
  warmupRecords: '0',
  batchSize: '',
  lingerMs: '',
  compression: 'none',
  repetitions: '1',
};

const num = (s: string) => (s.trim() === '' ? null : Number(s));

// The whole-number fields and the schemas the service checks them with: their min and max, and
// what is said on a value out of range, come from there.
const WHOLE = {
  numRecords: benchParamsSchema.shape.numRecords,
  recordSize: benchParamsSchema.shape.recordSize,
  warmupRecords: benchParamsSchema.shape.warmupRecords,
  batchSize: benchParamsSchema.shape.batchSize,
  lingerMs: benchParamsSchema.shape.lingerMs,
  repetitions: benchStartInputSchema.shape.repetitions,
} as const;
type Checked = 'topic' | 'throughput' | keyof typeof WHOLE;

export function BenchPanel(props: {
  api: OrderDeskApi;
  orderTopic: string;
  brokerCount: number;
  health: ClusterHealth | null;
}) {
  const { t, err } = useDiagT();
  const [v, setV] = useState<FormValues>(DEFAULTS);
  const [payloads, setPayloads] = useState<{ name: string; entries: string[] } | null>(null);
  const [allowOrderTopic, setAllowOrderTopic] = useState(false);
  const [pendingCreate, setPendingCreate] = useState<{ compareAcks: boolean } | null>(null);
  const [startError, setStartError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const required = useRequiredFields<Checked>();
  const progress = useDiagnosticsStore((s) => s.progress);
  const batchId = useDiagnosticsStore((s) => s.batchId);
  const running = batchId !== null;
  const rf = Math.max(1, Math.min(3, props.brokerCount));

  // Run and Compare acks are disabled while a run starts and runs, Cancel while none runs, and a
  // disabled button loses the focus to the page: an operator who pressed one from the keyboard had
  // to Tab from the top of Diagnostics to cancel, or to run again. The focus goes to the next
  // step's button instead: the question when the topic must be created first, Cancel while it
  // runs, the button that started it once it has ended or could not start.
  const sectionRef = useRef<HTMLElement>(null);
  const runRef = useRef<HTMLButtonElement>(null);
  const compareRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const createRef = useRef<HTMLButtonElement>(null);
  const lastStart = useRef<'run' | 'compare'>('run');
  const pressedHere = useRef(false);
  const notePress = () => {
    pressedHere.current = !!sectionRef.current?.contains(focusedNow());
  };
  useEffect(() => {
    if (busy || !pressedHere.current) return;
    const next = pendingCreate
      ? createRef
      : running
        ? cancelRef
        : lastStart.current === 'compare'
          ? compareRef
          : runRef;
    // Still on the button pressed (a quick answer enabled it again before Chromium took the focus
    // from it), or lost: either way the next step's button takes it.
    // The question too from a field (Enter there runs it): left in the field, a screen reader said
    // nothing of it and the next Enter only asked again.
    const now = document.activeElement;
    const onOurs = [runRef, compareRef, cancelRef].some((r) => r.current === now);
    if (onOurs || pendingCreate) next.current?.focus();
    else focusBack(next.current);
  }, [busy, running, pendingCreate]);

  const field = (key: keyof FormValues) => ({
    value: v[key],
    onChange: (e: { target: { value: string } }) => setV((old) => ({ ...old, [key]: e.target.value })),
  });
  // A whole-number field: its value, its schema's range, and its mark (required or not).
  const whole = (key: keyof typeof WHOLE, isRequired = false) => ({
    type: 'number',
    ...wholeRange(WHOLE[key]),
    ...field(key),
    ...required.input(key, undefined, false, isRequired),
  });

  const params = (): BenchParams => ({
    topic: v.topic.trim(),
    numRecords: Number(v.numRecords),
    recordSize: payloads ? null : num(v.recordSize),
    payloads: payloads ? payloads.entries : null,
    throughput: Number(v.throughput),
    acks: Number(v.acks) as BenchParams['acks'],
    warmupRecords: num(v.warmupRecords) ?? 0,
    batchSize: num(v.batchSize),
    lingerMs: num(v.lingerMs),
    compression: v.compression,
  });

  // The rate perf-test takes (benchParamsSchema's rule), said on its field: the service's refusal
  // read "params.throughput: -1 (unthrottled) or above 0" under the form. An empty one is "Required".
  const throughputBad =
    v.throughput !== '' && !benchParamsSchema.shape.throughput.safeParse(Number(v.throughput)).success;

  const start = async (compareAcks: boolean) => {
    // Compare acks too, which is no submit button: it sent an empty field as 0 and read "The
    // request was not valid: params.numRecords: Too small", half in English.
    // Out of range (Records 0), it was sent and refused in zod's English under the form. A rule
    // between fields (as many warm-up records as the run has) is the schema's too, said at its
    // field: it was sent and refused in perf-test's English flags under the form.
    const issues = benchParamsSchema.safeParse(params()).error?.issues ?? [];
    const acrossProblem = (key: string) => {
      const issue = issues.find((i) => i.code === 'custom' && i.path[0] === key);
      return issue ? issueError(issue) : null;
    };
    const wholeProblems = Object.fromEntries(
      (Object.keys(WHOLE) as (keyof typeof WHOLE)[])
        .filter((key) => key !== 'recordSize' || !payloads)
        .map((key) => [key, wholeFieldProblem(WHOLE[key], v[key]) ?? acrossProblem(key)]),
    );
    const filled = required.filled(
      {
        topic: v.topic,
        numRecords: v.numRecords,
        recordSize: payloads ? null : v.recordSize,
        throughput: v.throughput,
      },
      {
        ...wholeProblems,
        topic: topicNameProblem(v.topic),
      },
    );
    if (!filled || throughputBad) return;
    lastStart.current = compareAcks ? 'compare' : 'run';
    setBusy(true);
    setStartError(null);
    setBenchError(null);
    const r = await props.api.bench.start({
      params: params(),
      compareAcks,
      repetitions: num(v.repetitions) ?? 1,
      allowOrderTopic: v.topic.trim() === props.orderTopic && allowOrderTopic,
    });
    setBusy(false);
    if (r.ok) return benchStarted(r.value.batchId);
    // The benchmark's own topic is created only after the operator says so.
    if (r.error.code === 'bench.topicMissing' && v.topic.trim() === BENCH_TOPIC)
      return setPendingCreate({ compareAcks });
    setStartError(r.error);
  };

  const createThenStart = async () => {
    const compareAcks = pendingCreate?.compareAcks ?? false;
    setPendingCreate(null);
    setBusy(true);
    const created = await props.api.diagnostics.createTopic({
      name: BENCH_TOPIC,
      partitions: 3,
      replicationFactor: rf,
    });
    setBusy(false);
    if (!created.ok) return setStartError(created.error);
    await start(compareAcks);
  };

  const loadPayloadFile = async (file: File | undefined) => {
    if (!file) return setPayloads(null);
    const entries = (await file.text()).split('\n');
    while (entries.length && entries[entries.length - 1] === '') entries.pop();
    setPayloads(entries.length ? { name: file.name, entries } : null);
  };

  const isOrderTopic = v.topic.trim() === props.orderTopic;
  return (
    // Busy from the press until the run has ended and its results are shown: a screen reader and
    // a test both wait on it (nothing said when a run had finished).
    <section className="card diag-card" aria-labelledby="diag-bench" aria-busy={busy || running} ref={sectionRef}>
      <div className="card-head">
        <h2 id="diag-bench">{t('bench.title')}</h2>
      </div>
      <form
        className="diag-bench-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          notePress();
          void start(false);
        }}
      >
        <LabelledField id="bench-topic" label={t('bench.topic')}>
          <input id="bench-topic" {...field('topic')} {...required.input('topic')} />
          {required.message('topic')}
        </LabelledField>
        <LabelledField id="bench-records" label={t('bench.records')}>
          <input id="bench-records" {...whole('numRecords', true)} />
          {required.message('numRecords')}
        </LabelledField>
        <LabelledField id="bench-record-size" label={t('bench.recordSize')}>
          <input id="bench-record-size" {...whole('recordSize', payloads === null)} disabled={payloads !== null} />
          {required.message('recordSize')}
        </LabelledField>
        <LabelledField id="bench-throughput" label={t('bench.throughput')}>
          <input
            id="bench-throughput"
            type="number"
            step="any"
            {...field('throughput')}
            {...required.input('throughput', throughputBad ? 'bench-throughput-error' : undefined, throughputBad)}
          />
          {required.message('throughput')}
          {throughputBad ? (
            <span className="field-error" id="bench-throughput-error">
              {t('bench.throughputRange')}
            </span>
          ) : null}
        </LabelledField>
        <LabelledField id="bench-acks" label={t('bench.acks')}>
          <select id="bench-acks" {...field('acks')}>
            <option value="0">0</option>
            <option value="1">1</option>
            <option value="-1">all (-1)</option>
          </select>
        </LabelledField>
        <LabelledField id="bench-warmup" label={t('bench.warmup')}>
          <input id="bench-warmup" {...whole('warmupRecords')} />
          {required.message('warmupRecords')}
        </LabelledField>
        <LabelledField id="bench-batch-size" label={t('bench.batchSize')}>
          <input id="bench-batch-size" placeholder="16384" {...whole('batchSize')} />
          {required.message('batchSize')}
        </LabelledField>
        <LabelledField id="bench-linger" label={t('bench.linger')}>
          <input id="bench-linger" placeholder="0" {...whole('lingerMs')} />
          {required.message('lingerMs')}
        </LabelledField>
        <LabelledField id="bench-compression" label={t('bench.compression')}>
          <select id="bench-compression" {...field('compression')}>
            {COMPRESSIONS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField id="bench-repetitions" label={t('bench.repetitions')}>
          <input id="bench-repetitions" {...whole('repetitions')} />
          {required.message('repetitions')}
        </LabelledField>
        <LabelledField id="bench-payload-file" label={t('bench.payloadFile')} className="diag-wide">
          <div className="row">
            <FileButton
              id="bench-payload-file"
              label={t('bench.payloadChoose')}
              accept=".txt,.json,.csv,text/*"
              onFile={(file) => void loadPayloadFile(file)}
            />
            <span className="small muted">
              {payloads
                ? t('bench.payloadLoaded', { count: payloads.entries.length, name: payloads.name })
                : t('bench.payloadNone')}
            </span>
            {payloads ? (
              <button type="button" className="button small secondary" onClick={() => setPayloads(null)}>
                {t('bench.payloadClear')}
              </button>
            ) : null}
          </div>
        </LabelledField>
        {isOrderTopic ? (
          <label className="check diag-wide warn">
            <input type="checkbox" checked={allowOrderTopic} onChange={(e) => setAllowOrderTopic(e.target.checked)} />
            {t('bench.allowOrderTopic')} — {t('bench.orderTopicWarning', { topic: props.orderTopic })}
          </label>
        ) : null}
        <AcksBelowMinIsrNote health={props.health} topic={v.topic} acks={v.acks} />
        <div className="diag-form-actions diag-wide">
          <button type="submit" className="button primary" disabled={running || busy} ref={runRef}>
            {t('bench.run')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={running || busy}
            ref={compareRef}
            onClick={() => {
              notePress();
              void start(true);
            }}
          >
            {t('bench.compare')}
          </button>
          <button
            type="button"
            className="button ghost"
            disabled={!running}
            ref={cancelRef}
            onClick={() => {
              notePress();
              void props.api.bench.cancel();
            }}
          >
            {t('bench.cancel')}
          </button>
        </div>
      </form>
      {pendingCreate ? (
        <div className="diag-confirm" role="alertdialog" aria-labelledby="diag-bench-create">
          <p id="diag-bench-create">{t('bench.createBenchTopic', { topic: BENCH_TOPIC, partitions: 3, rf })}</p>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              ref={createRef}
              onClick={() => {
                notePress();
                void createThenStart();
              }}
            >
              {t('create.yes')}
            </button>
            <button
              type="button"
              className="button ghost"
              onClick={() => {
                notePress();
                setPendingCreate(null);
              }}
            >
              {t('create.back')}
            </button>
          </div>
        </div>
      ) : null}
      {startError ? (
        <p className="bad" role="alert">
          {err(startError)}
        </p>
      ) : null}
      {running && progress ? <BenchProgressLine progress={progress} /> : null}
    </section>
  );
}

/** The running benchmark's progress: which run, how far, how many failed. */
export function BenchProgressLine({ progress }: { progress: BenchProgress }) {
  const { t } = useDiagT();
  return (
    <div className="diag-progress" data-testid="bench-progress">
      <progress max={progress.total} value={progress.acked + progress.failed} />
      <span>
        <span role="status">
          {t('bench.runningPhase', { label: progress.label, phase: t(`bench.phase.${progress.phase}`) })}
        </span>{' '}
        {t('bench.runningCount', { acked: progress.acked, total: progress.total })}
        {progress.failed ? ` · ${t('bench.failed', { n: progress.failed })}` : ''}
      </span>
      {progress.line ? <code className="small">{progress.line}</code> : null}
    </div>
  );
}

/**
 * acks=1 on a topic with partitions short of min.insync.replicas: the partition rows say
 * acks=all is refused, and these writes are acknowledged all the same, held by fewer replicas
 * than the rule asks. Judged by the health's own writesBlocked, the one place that compares.
 */
export function AcksBelowMinIsrNote(props: { health: ClusterHealth | null; topic: string; acks: FormValues['acks'] }) {
  const { t } = useDiagT();
  const name = props.topic.trim();
  const h = props.health;
  const topic =
    !h || props.acks !== '1' ? undefined : h.topic.name === name ? h.topic : h.otherTopics.find((o) => o.name === name);
  const blocked = topic?.partitions.filter((p) => p.writesBlocked).length ?? 0;
  if (!topic || blocked === 0 || topic.minInsyncReplicas === null) return null;
  return (
    <p className="warn diag-wide" data-testid="bench-acks-min-isr">
      {t('bench.acksBelowMinIsr', { count: blocked, topic: name, min: topic.minInsyncReplicas })}
    </p>
  );
}
