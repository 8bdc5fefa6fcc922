// The Diagnostics screen: cluster health (refreshed every few seconds while open), creating a
// missing order topic, the safety checklist, and the acks benchmark with its comparison and
// history. Every call is asynchronous over the OrderDeskApi; the order form never waits on it.
import { useEffect, useRef, useState } from 'react';
import type { OrderDeskApi } from '../../shared/contract';
import { api as appApi } from '../transport/api';
import { BenchPanel } from './BenchPanel';
import { BenchCharts, BenchHistoryPanel, BenchResultsTable } from './BenchResults';
import { ClusterHealthPanel, OtherTopicsPanel, TopicPartitionsPanel } from './ClusterHealthPanel';
import { brokerCount, CreateTopicForm } from './CreateTopicForm';
import {
  ensureFollowingBench,
  loadHistory,
  refreshChecklist,
  refreshHealth,
  useDiagnosticsStore,
} from './diagnostics-store';
import { useDiagT } from './diagnostics-strings';
import { SafetyChecklistPanel } from './SafetyChecklistPanel';
import { LogsPanel } from './LogsPanel';
import { HistoryPanel } from './HistoryPanel';
import { useAppStore } from '../store/app-store';
import { PreviousTopicNotice } from '../shell/PreviousTopicNotice';
import { focusBack } from '../shell/screen-focus';
import { formatTime } from '../outbox/format';
import './diagnostics.css';

export const AUTO_REFRESH_MS = 5000;

export function DiagnosticsScreen({ api = appApi }: { api?: OrderDeskApi }) {
  const { t, err, lang } = useDiagT();
  const s = useDiagnosticsStore();
  const connection = useAppStore((x) => x.connection);
  const [createdTopic, setCreatedTopic] = useState<string | null>(null);
  // Its form's "Yes" went with the form: the keyboard goes to the sentence saying it is created.
  const createdRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (createdTopic) focusBack(createdRef.current);
  }, [createdTopic]);

  useEffect(() => {
    void refreshHealth(api);
    void refreshChecklist(api);
    void loadHistory(api);
    ensureFollowingBench(api);
    // The checklist with the health: opened while the cluster was down, it kept saying so once
    // the cluster was back.
    const timer = setInterval(() => {
      void refreshHealth(api);
      void refreshChecklist(api);
    }, AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [api]);

  const refreshAll = () => {
    void refreshHealth(api);
    void refreshChecklist(api);
  };
  const health = s.health;
  const acks0 = s.results.some((r) => r.latencyNote !== null);

  return (
    <div className="diag" data-testid="diagnostics-screen">
      <div className="diag-head">
        <h1 className="diag-title">{t('title')}</h1>
        <span className="muted small">
          {health ? t('checkedAt', { time: formatTime(health.checkedAt, lang) }) : s.healthError ? null : t('loading')}{' '}
          · {t('autoRefresh', { s: AUTO_REFRESH_MS / 1000 })}
        </span>
        {/* Not disabled while a check runs (refreshHealth takes one at a time): the automatic one
            every 5 s took the keyboard's focus from it. */}
        <button type="button" className="button small" onClick={refreshAll} aria-busy={s.healthBusy}>
          {t('refresh')}
        </button>
      </div>
      {s.healthError ? (
        <p className="bad" role="alert">
          {err(s.healthError)}
        </p>
      ) : null}

      {connection ? <PreviousTopicNotice connection={connection} where="diagnostics" /> : null}
      <div className="diag-grid">
        {health ? (
          <ClusterHealthPanel health={health} />
        ) : s.healthError ? null : (
          <section className="card diag-card muted">{t('loading')}</section>
        )}
        {s.checklist ? (
          <SafetyChecklistPanel
            checklist={
              // The cluster panel beside it already says why the cluster could not be asked (in
              // its own words when its probes knew more, such as every broker refusing).
              s.checklist.error &&
              (s.checklist.error.code === health?.error?.code ||
                (health?.reachable === false && s.checklist.error.code.startsWith('cluster.')))
                ? { ...s.checklist, error: null }
                : s.checklist
            }
          />
        ) : null}
        {s.checklistError && s.checklistError.code !== s.healthError?.code ? (
          <p className="bad" role="alert" data-testid="checklist-error">
            {err(s.checklistError)}
          </p>
        ) : null}
      </div>
      {createdTopic ? (
        <p className="ok" role="status" tabIndex={-1} ref={createdRef}>
          {t('create.done', { name: createdTopic })}
        </p>
      ) : null}
      {health ? <TopicPartitionsPanel health={health} /> : null}
      {health ? <OtherTopicsPanel health={health} /> : null}
      {health && health.reachable && !health.topic.exists ? (
        <CreateTopicForm
          api={api}
          defaultName={health.topic.name}
          brokers={brokerCount(health)}
          onCreated={(name) => {
            setCreatedTopic(name);
            refreshAll();
          }}
        />
      ) : null}

      {/* The review topic's form once the order topic exists: one topic to create at a time. */}
      {health?.reviewTopic && !health.reviewTopic.exists && health.topic.exists ? (
        <CreateTopicForm
          api={api}
          idPrefix="diag-create-review"
          intro={t('review.missing', { topic: health.reviewTopic.name })}
          defaultName={health.reviewTopic.name}
          brokers={brokerCount(health)}
          onCreated={(name) => {
            setCreatedTopic(name);
            refreshAll();
          }}
        />
      ) : null}

      <BenchPanel
        api={api}
        orderTopic={health?.topic.name ?? ''}
        brokerCount={health?.brokers.length ?? 3}
        health={health}
      />
      {s.benchError ? (
        <p className="bad" role="alert">
          {err(s.benchError)}
        </p>
      ) : null}
      {s.results.length || s.samples.length ? (
        <section className="card diag-card" aria-labelledby="diag-results">
          <div className="card-head">
            <h2 id="diag-results">{t('bench.results')}</h2>
          </div>
          {s.results.length ? <BenchResultsTable results={s.results} testId="bench-results" /> : null}
          {acks0 ? <p className="small muted">{t('bench.acks0Note')}</p> : null}
          <BenchCharts results={s.results} samples={s.samples} />
        </section>
      ) : null}
      <BenchHistoryPanel api={api} history={s.history} />
      <HistoryPanel api={api} refreshKey={health?.checkedAt} />
      <LogsPanel api={api} />
    </div>
  );
}

export default DiagnosticsScreen;
