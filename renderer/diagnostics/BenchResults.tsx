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
  XAxis,
  YAxis,
} from 'recharts';
import type { BenchRunResult } from '../../shared/bench-types';
import type { OrderDeskApi } from '../../shared/contract';
import type { ThroughputPoint } from './diagnostics-store';
import { useDiagT } from './diagnostics-strings';

const COLORS = ['#1f4fd1', '#137a3f', '#a15c00', '#b42318', '#6941c6', '#0e7490'];

export function BenchResultsTable({ results, testId }: { results: BenchRunResult[]; testId: string }) {
  const { t } = useDiagT();
  return (
    <table className="table diag-results" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('bench.col.run')}</th>
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
        {results.map((r) => (
          <tr key={r.runId} data-run={r.label}>
            <td>
              {r.label}
              {r.cancelled ? <span className="badge state-saved">{t('bench.cancelled')}</span> : null}
            </td>
            <td className="num mono">{r.summary.recordsPerSec.toFixed(1)}</td>
            <td className="num mono">{r.summary.mbPerSec.toFixed(2)}</td>
            <td className="num mono">{r.summary.avgLatencyMs.toFixed(2)}</td>
            <td className="num mono">{r.summary.maxLatencyMs}</td>
            <td className="num mono">{r.summary.p50}</td>
            <td className="num mono">{r.summary.p95}</td>
            <td className="num mono">{r.summary.p99}</td>
            <td className="num mono">{r.summary.p999}</td>
            <td className={`num mono ${r.summary.failed ? 'bad' : ''}`} title={r.errors.join('\n')}>
              {r.summary.failed}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Throughput series: live samples while running; perf-test's 5 s windows for finished runs. */
function throughputData(results: BenchRunResult[], samples: ThroughputPoint[]) {
  const points = new Map<number, Record<string, number>>();
  const add = (atS: number, label: string, value: number) => {
    const key = Math.round(atS * 2) / 2;
    points.set(key, { ...(points.get(key) ?? { atS: key }), [label]: Math.round(value) });
  };
  const labelsWithWindows = new Set<string>();
  for (const r of results) {
    for (const w of r.windows) add(w.atMs / 1000, r.label, w.recordsPerSec);
    if (r.windows.length) labelsWithWindows.add(r.label);
  }
  for (const s of samples) if (!labelsWithWindows.has(s.label)) add(s.atS, s.label, s.recordsPerSec);
  // A run shorter than one window still gets its average as a point at its end.
  for (const r of results) {
    if (!r.windows.length && !samples.some((s) => s.label === r.label))
      add(r.summary.elapsedMs / 1000, r.label, r.summary.recordsPerSec);
  }
  return [...points.values()].sort((a, b) => a.atS - b.atS);
}

export function BenchCharts({ results, samples }: { results: BenchRunResult[]; samples: ThroughputPoint[] }) {
  const { t } = useDiagT();
  const labels = [...new Set([...results.map((r) => r.label), ...samples.map((s) => s.label)])];
  const latency = (['p50', 'p95', 'p99', 'p999'] as const).map((p) => ({
    percentile: p === 'p999' ? 'p99.9' : p,
    ...Object.fromEntries(results.map((r) => [r.label, r.summary[p]])),
  }));
  return (
    <div className="diag-charts">
      <figure className="diag-chart" data-testid="chart-throughput">
        <figcaption>{t('bench.chartThroughput')}</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={throughputData(results, samples)} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="atS" type="number" unit=" s" domain={[0, 'auto']} />
            <YAxis />
            <Tooltip />
            <Legend />
            {labels.map((l, i) => (
              <Line
                key={l}
                dataKey={l}
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
          <BarChart data={latency} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="percentile" />
            <YAxis unit=" ms" />
            <Tooltip />
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
    <section className="card diag-card" aria-labelledby="diag-history">
      <div className="card-head">
        <h2 id="diag-history">{t('bench.history')}</h2>
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
        <BenchResultsTable results={[...history].reverse().slice(0, 30)} testId="bench-history" />
      ) : (
        <p className="muted">{t('bench.historyEmpty')}</p>
      )}
    </section>
  );
}
