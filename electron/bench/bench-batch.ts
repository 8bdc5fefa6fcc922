// A batch is what one "Run" or "Compare acks" press starts: one run, or acks 0, 1 and all in
// turn with the same parameters, optionally repeated. Runs never overlap: they would measure
// each other. Cancelling stops the current run and skips the rest.
import { ACKS_LEVELS, type BenchParams, type BenchRunResult } from '../../shared/bench-types';

export interface PlannedRun {
  label: string;
  params: BenchParams;
}

export function acksLabel(acks: number): string {
  return `acks=${acks === -1 ? 'all' : acks}`;
}

export function planBatch(params: BenchParams, compareAcks: boolean, repetitions: number): PlannedRun[] {
  const levels = compareAcks ? [...ACKS_LEVELS] : [params.acks];
  const runs: PlannedRun[] = [];
  for (let rep = 1; rep <= repetitions; rep++) {
    for (const acks of levels) {
      runs.push({
        label: repetitions > 1 ? `${acksLabel(acks)} #${rep}` : acksLabel(acks),
        params: { ...params, acks },
      });
    }
  }
  return runs;
}

export async function runBatch(
  runs: PlannedRun[],
  runOne: (run: PlannedRun) => Promise<BenchRunResult>,
  signal: AbortSignal,
): Promise<BenchRunResult[]> {
  const results: BenchRunResult[] = [];
  for (const run of runs) {
    if (signal.aborted) break;
    results.push(await runOne(run));
  }
  return results;
}
