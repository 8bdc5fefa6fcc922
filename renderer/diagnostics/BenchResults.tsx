// The comparison: one row per run (records/s, MB/s, avg, max, p50, p95, p99, p99.9, errors),
// throughput over time and latency percentiles side by side, and the local history with export.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  ReferenceLine,
  XAxis,
  YAxis,
} from 'recharts';
import { BENCH_TOPIC, type BenchError, type BenchRunResult } from '../../shared/bench-types';
import type { OrderDeskApi } from '../../shared/contract';
import type { Lang } from '../../shared/error-codes';
import { formatDateTime, formatNumber } from '../outbox/format';
import { latencyTick, throughputChart, throughputTick, type ThroughputPoint } from './bench-chart-data';
import { useDiagT } from './diagnostics-strings';

const COLORS = ['#1f4fd1', '#137a3f', '#a15c00', '#b42318', '#6941c6', '#0e7490'];

/**
 * A figure of the run's, its digits grouped as the parameters' and the charts' are (it read
 * "9966.1"). One the run does not have (no record acknowledged): a dash, never a 0 that reads as measured.
 */
const fig = (v: number | null, lang: Lang, digits?: number): string =>
  v === null ? '—' : formatNumber(v, lang, digits);

/**
 * The parameters of a run, in one line: two history rows of different runs never look alike.
 * Settings left at their defaults are not repeated; one that was set is named, in perf-test's
 * producer-props form where Kafka has a name for it (two runs, batch.size 1000000 and the
 * default, once read the same with 236.54 and 89.77 ms average latency).
 */
function paramsLine(r: BenchRunResult, { t, lang }: ReturnType<typeof useDiagT>): string {
  const p = r.params;
  const set = [
    p.batchSize !== null ? `batch.size=${p.batchSize}` : null,
    p.lingerMs !== null ? `linger.ms=${p.lingerMs}` : null,
    p.warmupRecords > 0 ? t('bench.paramWarmup', { n: formatNumber(p.warmupRecords, lang) }) : null,
    p.topic !== BENCH_TOPIC ? t('bench.paramTopic', { topic: p.topic }) : null,
  ].filter((x) => x !== null);
  const base = t('bench.params', {
    acks: p.acks === -1 ? 'all' : p.acks,
    // Formatted as the import's counts are: "1" still picks the singular, "3,000" the plural.
    count: formatNumber(p.numRecords, lang),
    size: p.recordSize !== null ? `${formatNumber(p.recordSize, lang)} B` : t('bench.payloadSize'),
    cap: p.throughput === -1 ? t('bench.unthrottled') : t('bench.throttled', { n: formatNumber(p.throughput, lang) }),
    compression: p.compression,
  });
  return [base, ...set].join(' · ');
}

/** `withWhen`: the history's rows, which also say when each run started and with what parameters. */
export function BenchResultsTable({
  results,
  testId,
  withWhen = false,
}: {
  results: BenchRunResult[];
  testId: string;
  withWhen?: boolean;
}) {
  const { t, err, lang } = useDiagT();
  const said = (e: BenchError) => (typeof e === 'string' ? e : t('bench.errorAtPartition', e));
  return (
    <table className="table diag-results" data-testid={testId}>
      <thead>
        <tr>
          {withWhen ? <th>{t('bench.col.started')}</th> : null}
          <th>{t('bench.col.run')}</th>
          {withWhen ? <th>{t('bench.col.params')}</th> : null}
          <th className="num">{t('bench.col.rps')}</th>
          <th className="num">{t('bench.col.mbps')}</th>
          <th className="num">{t('bench.col.avg')}</th>
          <th className="num">{t('bench.col.max')}</th>
          <th className="num">p50</th>
          <th className="num">p95</th>
          <th className="num">p99</th>
          <th className="num">p99.9</th>
          <th className="num">{t('bench.col.errors')}</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => [
          <tr key={r.runId} data-run={r.label}>
            {withWhen ? (
              <td className="mono small" data-testid="bench-started">
                <time dateTime={r.startedAt}>{formatDateTime(r.startedAt, lang)}</time>
              </td>
            ) : null}
            <td>
              {r.label}
              {r.cancelled ? <span className="badge state-saved">{t('bench.cancelled')}</span> : null}
            </td>
            {withWhen ? (
              <td className="small" data-testid="bench-params">
                {paramsLine(r, { t, err, lang })}
              </td>
            ) : null}
            <td className="num mono">{fig(r.summary.recordsPerSec, lang, 1)}</td>
            <td className="num mono">{fig(r.summary.mbPerSec, lang, 2)}</td>
            <td className="num mono">{fig(r.summary.avgLatencyMs, lang, 2)}</td>
            <td className="num mono">{fig(r.summary.maxLatencyMs, lang)}</td>
            <td className="num mono">{fig(r.summary.p50, lang)}</td>
            <td className="num mono">{fig(r.summary.p95, lang)}</td>
            <td className="num mono">{fig(r.summary.p99, lang)}</td>
            <td className="num mono">{fig(r.summary.p999, lang)}</td>
            <td className={`num mono ${r.summary.failed ? 'bad' : ''}`} title={r.errors.map(said).join('\n')}>
              {formatNumber(r.summary.failed, lang)}
            </td>
          </tr>,
          // Why records failed, under the run's figures: the error count alone said nothing.
          r.failure ? (
            <tr key={`${r.runId}-failure`} className="diag-row-bad" data-failure-of={r.label}>
              <td colSpan={withWhen ? 12 : 10} className="small" data-testid="bench-failure">
                {err(r.failure)}
                {r.errors.length ? <div className="mono">{r.errors.map(said).join('; ')}</div> : null}
              </td>
            </tr>
          ) : null,
        ])}
      </tbody>
    </table>
  );
}

export function BenchCharts({ results, samples }: { results: BenchRunResult[]; samples: ThroughputPoint[] }) {
  const { t, lang } = useDiagT();
  const labels = [...new Set([...results.map((r) => r.label), ...samples.map((s) => s.label)])];
  const latency = (['p50', 'p95', 'p99', 'p999'] as const).map((p) => ({
    percentile: p === 'p999' ? 'p99.9' : p,
    ...Object.fromEntries(results.map((r) => [r.label, r.summary[p]])),
  }));
  const throughput = throughputChart(results, samples);
  const endS = Math.max(1, Math.ceil(throughput.endS));
  // Each chart is one image named by its title and the runs' figures: recharts' own role
  // ("application", unnamed) told a screen reader nothing. The table above has every figure.
  const named = (title: string, figures: (r: BenchRunResult) => string | null) =>
    [title, ...results.map((r) => figures(r) ?? t('bench.chartNoFigures', { run: r.label }))].join('. ');
  const throughputName = named(t('bench.chartThroughput'), (r) =>
    r.summary.recordsPerSec === null
      ? null
      : t('bench.chartThroughputRun', { run: r.label, rate: throughputTick(r.summary.recordsPerSec, lang) }),
  );
  const latencyName = named(t('bench.chartLatency'), (r) =>
    r.summary.p50 === null || r.summary.p99 === null
      ? null
      : t('bench.chartLatencyRun', {
          run: r.label,
          p50: latencyTick(r.summary.p50, lang),
          p99: latencyTick(r.summary.p99, lang),
        }),
  );
  const rate = (v: unknown) => throughputTick(Number(v), lang);
  const ms = (v: unknown) => latencyTick(Number(v), lang);
  const seconds = (v: unknown) => t('bench.seconds', { n: Number(v) });
  return (
    <div className="diag-charts">
      <figure className="diag-chart" data-testid="chart-throughput">
        <figcaption>{t('bench.chartThroughput')}</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart
            data={throughput.data}
            margin={{ top: 8, right: 16, bottom: 16, left: 8 }}
            role="img"
            aria-label={throughputName}
          >
            <CartesianGrid strokeDasharray="3 3" />
            {/* The axis runs to the end of the longest run, never short of it. */}
            <XAxis dataKey="atS" type="number" tickFormatter={seconds} domain={[0, endS]} allowDecimals={false} />
            <YAxis
              tickFormatter={rate}
              width={72}
              label={{ value: t('bench.axisRecordsPerSec'), angle: -90, position: 'insideLeft' }}
            />
            {throughput.capRecordsPerSec !== null ? (
              <ReferenceLine
                y={throughput.capRecordsPerSec}
                stroke="#667085"
                strokeDasharray="4 4"
                label={t('bench.cap', { n: rate(throughput.capRecordsPerSec) })}
              />
            ) : null}
            <Tooltip formatter={rate} labelFormatter={seconds} />
            <Legend />
            {labels.map((l, i) => (
              <Line
                key={l}
                dataKey={l}
                type="stepAfter"
                stroke={COLORS[i % COLORS.length]}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="diag-chart" data-testid="chart-latency">
        <figcaption>{t('bench.chartLatency')}</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart
            data={latency}
            margin={{ top: 8, right: 16, bottom: 16, left: 8 }}
            role="img"
            aria-label={latencyName}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="percentile" />
            <YAxis tickFormatter={ms} width={72} />
            <Tooltip formatter={ms} />
            <Legend />
            {results.map((r, i) => (
              <Bar key={r.runId} dataKey={r.label} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}

export function BenchHistoryPanel({ api, history }: { api: OrderDeskApi; history: BenchRunResult[] }) {
  const { t } = useDiagT();
  const download = async (format: 'csv' | 'json') => {
    const r = await api.bench.export({ format });
    if (!r.ok) return;
    const url = URL.createObjectURL(new Blob([r.value.content], { type: r.value.mimeType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section className="card diag-card" aria-labelledby="diag-bench-history">
      <div className="card-head">
        <h2 id="diag-bench-history">{t('bench.history')}</h2>
        <div className="actions">
          <button
            type="button"
            className="button small"
            onClick={() => void download('csv')}
            disabled={!history.length}
          >
            {t('bench.exportCsv')}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => void download('json')}
            disabled={!history.length}
          >
            {t('bench.exportJson')}
          </button>
        </div>
      </div>
      {history.length ? (
        <BenchResultsTable results={[...history].reverse().slice(0, 30)} testId="bench-history" withWhen />
      ) : (
        <p className="muted">{t('bench.historyEmpty')}</p>
      )}
    </section>
  );
}
