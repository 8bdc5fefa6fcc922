// The Diagnostics screen's state: the latest health and checklist, and the benchmark batch in
// progress (kept live by bench.progress / bench.finished events). Everything goes through the
// OrderDeskApi asynchronously, so nothing here can hold up the order form.
import { create } from 'zustand';
import type { BenchProgress, BenchRunResult } from '../../shared/bench-types';
import type { OrderDeskApi } from '../../shared/contract';
import type { ClusterHealth, SafetyChecklist } from '../../shared/diagnostics-types';
import type { AppError } from '../../shared/error-codes';

import { LiveRate, type ThroughputPoint } from './bench-chart-data';

export type { ThroughputPoint };

interface DiagnosticsState {
  health: ClusterHealth | null;
  healthError: AppError | null;
  healthBusy: boolean;
  checklist: SafetyChecklist | null;
  checklistError: AppError | null;
  batchId: string | null;
  progress: BenchProgress | null;
  /** Results of the latest batch (the comparison table and charts). */
  results: BenchRunResult[];
  samples: ThroughputPoint[];
  benchError: AppError | null;
  history: BenchRunResult[];
}

export const useDiagnosticsStore = create<DiagnosticsState>()(() => ({
  health: null,
  healthError: null,
  healthBusy: false,
  checklist: null,
  checklistError: null,
  batchId: null,
  progress: null,
  results: [],
  samples: [],
  benchError: null,
  history: [],
}));

const set = useDiagnosticsStore.setState;
const get = useDiagnosticsStore.getState;

// A check that fails takes the last answer off the screen: shown under the error, an hour-old
// "Reachable" and an all-Pass checklist read as the cluster's state now.
export async function refreshHealth(api: OrderDeskApi): Promise<void> {
  if (get().healthBusy) return;
  set({ healthBusy: true });
  const r = await api.diagnostics.health();
  set(
    r.ok
      ? { health: r.value, healthError: null, healthBusy: false }
      : { health: null, healthError: r.error, healthBusy: false },
  );
}

let checklistBusy = false;

export async function refreshChecklist(api: OrderDeskApi): Promise<void> {
  // One at a time: against a cluster that does not answer, a check can outlast the refresh period.
  if (checklistBusy) return;
  checklistBusy = true;
  try {
    const r = await api.diagnostics.checklist();
    set(r.ok ? { checklist: r.value, checklistError: null } : { checklist: null, checklistError: r.error });
  } finally {
    checklistBusy = false;
  }
}

export async function loadHistory(api: OrderDeskApi): Promise<void> {
  const r = await api.bench.history();
  if (r.ok) set({ history: r.value });
}

/** Cumulative acknowledgements per run, turned into the live rate over the last few seconds. */
const liveRate = new LiveRate();

const following = new WeakSet<OrderDeskApi>();

/**
 * Subscribes once per api for the app's lifetime: a benchmark keeps running when the operator
 * switches to the order form, and its end must still be seen when they come back.
 */
export function ensureFollowingBench(api: OrderDeskApi): void {
  if (following.has(api)) return;
  following.add(api);
  followBench(api);
}

/** Subscribes to the benchmark events; returns the unsubscribe function. */
export function followBench(api: OrderDeskApi): () => void {
  const offProgress = api.on('bench.progress', (p) => {
    const state = get();
    if (state.batchId && p.batchId !== state.batchId) return;
    const sample = p.phase === 'measure' ? liveRate.add(p.label, p.acked, performance.now()) : null;
    set({ progress: p, batchId: p.batchId, samples: sample ? [...state.samples, sample] : state.samples });
  });
  const offFinished = api.on('bench.finished', (f) => {
    const state = get();
    if (state.batchId && f.batchId !== state.batchId) return;
    set({ batchId: null, progress: null, results: f.results, benchError: f.error });
    void loadHistory(api);
  });
  return () => {
    offProgress();
    offFinished();
  };
}

export function benchStarted(batchId: string): void {
  liveRate.reset();
  set({ batchId, progress: null, results: [], samples: [], benchError: null });
}

export function setBenchError(error: AppError | null): void {
  set({ benchError: error });
}
