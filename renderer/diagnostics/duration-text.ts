// A length of time read from the cluster (retention.ms), in the largest unit it fills: operators
// read "7 days", not 604800000. Cut to one decimal, never rounded up, so a retention just short
// of the history's days does not read as equal to them beside its warning.
import type { DiagKey } from './diagnostics-strings';

const UNITS: ReadonlyArray<[DiagKey, number]> = [
  ['check.days', 86_400_000],
  ['check.hours', 3_600_000],
  ['check.minutes', 60_000],
  ['check.seconds', 1_000],
];

export function durationText(t: (key: DiagKey, params?: Record<string, string | number>) => string, ms: number) {
  // Kafka's -1: no time limit.
  if (ms < 0) return t('check.forever');
  const [key, size] = UNITS.find(([, unit]) => ms >= unit) ?? ['check.milliseconds', 1];
  return t(key, { count: Math.floor((ms / size) * 10) / 10 });
}
