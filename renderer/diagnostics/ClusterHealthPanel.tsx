// Brokers (reachable, metadata round trip, controller), the cluster id, the order topic's
// partitions with under-replicated and offline ones highlighted, and any other topic with a
// problem (named for that topic only).
import type { ClusterHealth } from '../../shared/diagnostics-types';
import { useDiagT } from './diagnostics-strings';
import { formatNumber } from '../outbox/format';

/**
 * The cluster's badge: reached is not the same as whole. With two of three brokers stopped (the
 * KRaft quorum lost) it read a green "Reachable" above their red rows.
 */
function ClusterBadge({ health }: { health: ClusterHealth }) {
  const { t } = useDiagT();
  const up = health.brokers.filter((b) => b.reachable).length;
  const [state, text, tone] = !health.reachable
    ? (['unreachable', t('cluster.unreachable'), 'state-failed'] as const)
    : up < health.brokers.length
      ? (['partial', t('cluster.partlyReachable', { up, total: health.brokers.length }), 'state-retrying'] as const)
      : health.controllerId === null
        ? (['noController', t('cluster.noController'), 'state-retrying'] as const)
        : (['reachable', t('cluster.reachable'), 'state-delivered'] as const);
  return (
    <span className={`badge ${tone}`} data-state={state} data-testid="cluster-state">
      {text}
    </span>
  );
}

export function ClusterHealthPanel({ health }: { health: ClusterHealth }) {
  const { t, err, lang } = useDiagT();
  return (
    <section className="card diag-card" aria-labelledby="diag-cluster">
      <div className="card-head">
        <h2 id="diag-cluster">{t('cluster.title')}</h2>
        <ClusterBadge health={health} />
      </div>
      {health.error ? (
        <p className="bad" role="alert">
          {err(health.error)}
        </p>
      ) : null}
      <dl className="diag-facts">
        <dt>{t('cluster.id')}</dt>
        <dd className="mono" data-testid="cluster-id">
          {health.clusterId ?? '—'}
        </dd>
        <dt>{t('cluster.controller')}</dt>
        {/* Null: the metadata quorum could not be asked or named no leader; no broker is claimed.
            With no broker reached nobody asked the quorum: the alert above says why, not "it did not answer". */}
        <dd className="mono" data-testid="cluster-controller">
          {health.controllerId ?? (health.reachable ? t('cluster.controllerUnknown') : '—')}
        </dd>
      </dl>
      <h3 className="diag-sub">{t('brokers.title')}</h3>
      <table className="table" aria-label={t('brokers.title')} data-testid="brokers-table">
        <thead>
          <tr>
            <th>{t('brokers.id')}</th>
            <th>{t('brokers.address')}</th>
            <th>{t('brokers.state')}</th>
            <th className="num">{t('brokers.rtt')}</th>
            <th>{t('brokers.role')}</th>
          </tr>
        </thead>
        <tbody>
          {health.brokers.map((b) => (
            <tr
              key={`${b.nodeId}-${b.host}-${b.port}`}
              className={b.reachable ? '' : 'diag-row-bad'}
              data-node-id={b.nodeId}
            >
              <td className="mono">{b.nodeId >= 0 ? b.nodeId : '?'}</td>
              <td className="mono">{b.host ? `${b.host}:${b.port}` : t('brokers.unknownAddress')}</td>
              <td>
                <span className={`badge ${b.reachable ? 'state-delivered' : 'state-failed'}`}>
                  {b.reachable ? t('cluster.reachable') : t('cluster.unreachable')}
                </span>
                {b.error ? (
                  <div className="small" data-testid="broker-error">
                    {err(b.error)}
                  </div>
                ) : null}
                {b.detail ? (
                  <details className="small muted">
                    <summary>{t('brokers.detail')}</summary>
                    <code>{b.detail}</code>
                  </details>
                ) : null}
              </td>
              <td className="num mono">{b.rttMs === null ? '—' : `${formatNumber(b.rttMs, lang, 1)}\u00a0ms`}</td>
              <td>{b.isController ? <span className="badge state-sending">{t('brokers.controller')}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function TopicPartitionsPanel({ health }: { health: ClusterHealth }) {
  const { t } = useDiagT();
  const { topic } = health;
  const under = topic.partitions.filter((p) => p.underReplicated).length;
  const blocked = topic.partitions.filter((p) => p.writesBlocked).length;
  const offline = topic.partitions.filter((p) => p.offline).length;
  return (
    <section className="card diag-card" aria-labelledby="diag-topic">
      <div className="card-head">
        <h2 id="diag-topic">{t('topic.title', { topic: topic.name })}</h2>
        {topic.exists ? (
          <span
            className={`badge ${offline || blocked ? 'state-failed' : under ? 'state-sending' : 'state-delivered'}`}
          >
            {t('topic.summary', { count: topic.partitions.length, under, blocked, offline })}
          </span>
        ) : null}
      </div>
      {topic.error ? (
        <p className="warn" data-testid="topic-error">
          {t('topic.error', { error: topic.error })}
        </p>
      ) : null}
      {!topic.exists && !topic.error && health.reachable ? (
        <p className="warn" data-testid="topic-missing">
          {t('topic.missing', { topic: topic.name })}
        </p>
      ) : null}
      {!topic.exists && !topic.error && !health.reachable ? (
        <p className="muted" data-testid="topic-unknown">
          {t('topic.unknown')}
        </p>
      ) : null}
      {topic.exists ? (
        <table className="table" aria-label={t('topic.title', { topic: topic.name })} data-testid="partitions-table">
          <thead>
            <tr>
              <th>{t('topic.partition')}</th>
              <th>{t('topic.leader')}</th>
              <th>{t('topic.replicas')}</th>
              <th>{t('topic.isr')}</th>
              <th>{t('topic.offlineReplicas')}</th>
              <th>{t('topic.state')}</th>
            </tr>
          </thead>
          <tbody>
            {topic.partitions.map((p) => {
              const state = partitionState(p);
              const bad = state === 'offline' || state === 'writesBlocked';
              return (
                <tr
                  key={p.partition}
                  data-partition={p.partition}
                  data-state={state}
                  className={state === 'ok' ? '' : bad ? 'diag-row-bad' : 'diag-row-warn'}
                >
                  <td className="mono">{p.partition}</td>
                  <td className="mono">{p.leader >= 0 ? p.leader : '—'}</td>
                  <td className="mono">{p.replicas.join(', ')}</td>
                  <td className="mono">{p.isr.join(', ') || '—'}</td>
                  <td className="mono">{p.offlineReplicas.join(', ') || '—'}</td>
                  <td>
                    <span
                      className={`badge ${state === 'ok' ? 'state-delivered' : bad ? 'state-failed' : 'diag-badge-warn'}`}
                    >
                      {t(STATE_LABEL[state])}
                    </span>
                    {state === 'writesBlocked' && topic.minInsyncReplicas !== null ? (
                      <div className="small" data-testid={`writes-blocked-${p.partition}`}>
                        {t('topic.writesBlockedWhy', { isr: p.isr.length, min: topic.minInsyncReplicas })}
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

type PartitionState = 'offline' | 'writesBlocked' | 'underReplicated' | 'ok';
const STATE_LABEL = {
  offline: 'topic.offline',
  writesBlocked: 'topic.writesBlocked',
  underReplicated: 'topic.underReplicated',
  ok: 'topic.ok',
} as const;

/** Worst first: no leader, then too few in sync to write, then fewer in sync than replicas. */
function partitionState(p: ClusterHealth['topic']['partitions'][number]): PartitionState {
  return p.offline ? 'offline' : p.writesBlocked ? 'writesBlocked' : p.underReplicated ? 'underReplicated' : 'ok';
}

/** Topics other than the order topic that have a problem; absent when there are none. */
export function OtherTopicsPanel({ health }: { health: ClusterHealth }) {
  const { t } = useDiagT();
  if (health.otherTopics.length === 0) return null;
  return (
    <section className="card diag-card" aria-labelledby="diag-others">
      <div className="card-head">
        <h2 id="diag-others">{t('others.title')}</h2>
      </div>
      <table className="table" aria-label={t('others.title')} data-testid="other-topics-table">
        <thead>
          <tr>
            <th>{t('others.topic')}</th>
            <th>{t('others.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {health.otherTopics.map((o) => (
            <tr
              key={o.name}
              data-topic={o.name}
              className={
                o.error || o.partitions.some((p) => p.offline || p.writesBlocked) ? 'diag-row-bad' : 'diag-row-warn'
              }
            >
              <td className="mono">
                {o.name}
                {o.internal ? <span className="small muted"> ({t('others.internal')})</span> : null}
              </td>
              <td>
                {o.error ? <div className="mono">{o.error}</div> : null}
                {o.partitions.map((p) => (
                  <div key={p.partition} className="small" data-partition={p.partition} data-state={partitionState(p)}>
                    {t('others.partition', {
                      p: p.partition,
                      state: p.error ?? t(STATE_LABEL[partitionState(p)]),
                    })}
                    {partitionState(p) === 'writesBlocked' && o.minInsyncReplicas !== null
                      ? ` (${t('others.writesBlockedWhy', { isr: p.isr.length, min: o.minInsyncReplicas })})`
                      : null}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
