// kafka-producer-perf-test's own output lines, byte for byte, so scripts that parse perf-test
// parse ours. Java's Formatter rounds HALF_UP on the shortest decimal form of a double
// (String.format("%.1f", 0.15) is "0.2"), which Number.prototype.toFixed does not (it gives
// "0.1"), hence javaFixed().
import type { BenchSummary, BenchWindow } from '../../shared/bench-types';

type WindowFigures = Pick<BenchWindow, 'records' | 'recordsPerSec' | 'mbPerSec' | 'avgLatencyMs' | 'maxLatencyMs'>;

/** `%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms max latency.` */
export function formatWindowLine(w: WindowFigures): string {
  return (
    `${w.records} records sent, ${javaFixed(w.recordsPerSec, 1)} records/sec (${javaFixed(w.mbPerSec, 2)} MB/sec), ` +
    // perf-test divides by a count of 0 there (NaN) and its max stays 0.
    `${javaFixed(w.avgLatencyMs ?? NaN, 1)} ms avg latency, ${javaFixed(w.maxLatencyMs ?? 0, 1)} ms max latency.`
  );
}

/** `%d records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency, %d ms 50th, ...` */
export function formatSummaryLine(summary: BenchSummary): string {
  // perf-test's line has a number in every place, so scripts that parse it keep parsing: a run
  // with nothing acknowledged prints zeros there, and the failure line beside it says why.
  const s = {
    ...summary,
    recordsPerSec: summary.recordsPerSec ?? 0,
    mbPerSec: summary.mbPerSec ?? 0,
    avgLatencyMs: summary.avgLatencyMs ?? 0,
    maxLatencyMs: summary.maxLatencyMs ?? 0,
    p50: summary.p50 ?? 0,
    p95: summary.p95 ?? 0,
    p99: summary.p99 ?? 0,
    p999: summary.p999 ?? 0,
  };
  return (
    `${s.records} records sent, ${javaFixed(s.recordsPerSec, 6)} records/sec (${javaFixed(s.mbPerSec, 2)} MB/sec), ` +
    `${javaFixed(s.avgLatencyMs, 2)} ms avg latency, ${javaFixed(s.maxLatencyMs, 2)} ms max latency, ` +
    `${Math.trunc(s.p50)} ms 50th, ${Math.trunc(s.p95)} ms 95th, ${Math.trunc(s.p99)} ms 99th, ${Math.trunc(s.p999)} ms 99.9th.`
  );
}

/** Our addition, never mixed into perf-test's lines: how many records failed and why. */
export function formatFailureLine(failed: number, errors: string[]): string | null {
  if (failed === 0) return null;
  return `${failed} records failed: ${errors.join('; ')}`;
}

/** Java's `%.Nf`: HALF_UP on the shortest decimal representation; NaN and Infinity as Java spells them. */
export function javaFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const negative = x < 0 || Object.is(x, -0);
  const [mantissa, expPart] = Math.abs(x).toExponential().split('e');
  const exp = Number(expPart);
  const allDigits = mantissa.replace('.', '');
  // Place the decimal point: value = 0.allDigits × 10^(exp+1)
  const pointAt = exp + 1;
  let intPart: string;
  let frac: string;
  if (pointAt <= 0) {
    intPart = '0';
    frac = '0'.repeat(-pointAt) + allDigits;
  } else if (pointAt >= allDigits.length) {
    intPart = allDigits + '0'.repeat(pointAt - allDigits.length);
    frac = '';
  } else {
    intPart = allDigits.slice(0, pointAt);
    frac = allDigits.slice(pointAt);
  }
  let kept = (intPart + frac.padEnd(digits, '0').slice(0, digits)).split('').map(Number);
  if (frac.length > digits && Number(frac[digits]) >= 5) {
    let i = kept.length - 1;
    while (i >= 0) {
      if (kept[i] === 9) {
        kept[i] = 0;
        i--;
      } else {
        kept[i]++;
        break;
      }
    }
    if (i < 0) kept = [1, ...kept];
  }
  const s = kept.join('');
  const intDigits = s.length - digits;
  const out = digits > 0 ? `${s.slice(0, intDigits)}.${s.slice(intDigits)}` : s;
  const trimmed = out.replace(/^0+(?=\d)/, '');
  return negative && /[1-9]/.test(trimmed) ? `-${trimmed}` : negative ? `-${trimmed}` : trimmed;
}
