// The Diagnostics screen's own words, English and Korean, registered as the i18next namespace
// "diag" beside the shell's "ui" and "errors". Checklist sentences are not here: they live in
// shared/diagnostics-types.ts (CHECKLIST_TEXT), next to the checks they explain.
import { useTranslation } from 'react-i18next';
import { bundleOf, i18next, useT, type Words } from '../i18n/i18n';

export const DIAG_STRINGS = {
  title: { en: 'Diagnostics', ko: '진단' },
  refresh: { en: 'Refresh', ko: '새로고침' },
  autoRefresh: { en: 'Refreshes every {s} s while open', ko: '열려 있는 동안 {s}초마다 새로고침' },
  checkedAt: { en: 'Checked {time}', ko: '{time} 확인' },
  loading: { en: 'Checking…', ko: '확인 중…' },

  'history.title': { en: 'Order history on this terminal', ko: '이 단말기의 주문 기록' },
  'history.count': {
    en: '{count, number} delivered orders kept',
    one: '{count, number} delivered order kept',
    ko: '전송 완료 주문 {count, number}건 보관 중',
  },
  'history.retention': { en: 'kept {days} days, then deleted', ko: '{days}일 보관 후 삭제' },
  'history.oldest': { en: 'oldest delivered {time}', ko: '가장 오래된 전송 {time}' },

  'cluster.title': { en: 'Cluster', ko: '클러스터' },
  'cluster.id': { en: 'Cluster ID', ko: '클러스터 ID' },
  'cluster.controller': { en: 'Controller', ko: '컨트롤러' },
  'cluster.controllerUnknown': {
    en: 'Unknown: the controller quorum did not answer',
    ko: '알 수 없음: 컨트롤러 쿼럼이 응답하지 않았습니다',
  },
  'cluster.reachable': { en: 'Reachable', ko: '연결됨' },
  'cluster.unreachable': { en: 'Unreachable', ko: '연결 안 됨' },
  'cluster.partlyReachable': {
    en: 'Reachable: {up} of {total} brokers answer',
    ko: '일부만 연결됨: 브로커 {total}개 중 {up}개 응답',
  },
  'cluster.noController': { en: 'Reachable, no controller named', ko: '연결됨, 컨트롤러 없음' },
  'brokers.title': { en: 'Brokers', ko: '브로커' },
  'brokers.id': { en: 'Broker', ko: '브로커' },
  'brokers.address': { en: 'Address', ko: '주소' },
  'brokers.state': { en: 'State', ko: '상태' },
  'brokers.rtt': { en: 'Metadata round trip', ko: '메타데이터 왕복 시간' },
  'brokers.role': { en: 'Role', ko: '역할' },
  'brokers.controller': { en: 'controller', ko: '컨트롤러' },
  'brokers.unknownAddress': { en: 'address unknown', ko: '주소 모름' },
  'brokers.detail': { en: 'Technical detail', ko: '기술 정보' },

  'topic.title': { en: 'Order topic "{topic}"', ko: '주문 토픽 "{topic}"' },
  'topic.unknown': {
    en: 'Not known until a broker answers: its partitions cannot be read while the cluster cannot be reached.',
    ko: '브로커가 응답할 때까지 알 수 없습니다: 클러스터에 연결할 수 없는 동안에는 파티션을 읽을 수 없습니다.',
  },
  'topic.missing': {
    en: 'Topic "{topic}" does not exist. Orders wait in the outbox until it is created.',
    ko: '토픽 {topic, josa(이/가)} 없습니다. 토픽이 생길 때까지 주문은 보낼 목록에서 기다립니다.',
  },
  'topic.partition': { en: 'Partition', ko: '파티션' },
  'topic.leader': { en: 'Leader', ko: '리더' },
  'topic.replicas': { en: 'Replicas', ko: '복제본' },
  'topic.isr': { en: 'In sync (ISR)', ko: '동기화 복제본 (ISR)' },
  'topic.offlineReplicas': { en: 'Offline replicas', ko: '오프라인 복제본' },
  'topic.state': { en: 'State', ko: '상태' },
  'topic.ok': { en: 'OK', ko: '정상' },
  'topic.underReplicated': { en: 'Under-replicated', ko: '복제 부족' },
  'topic.offline': { en: 'Offline', ko: '오프라인' },
  'topic.writesBlocked': { en: 'Writes blocked', ko: '쓰기 차단' },
  'topic.writesBlockedWhy': {
    en: '{isr} in sync, min.insync.replicas is {min}: orders wait until a replica catches up',
    ko: '동기화된 복제본이 {isr}개로 min.insync.replicas({min})보다 적습니다. 복제본이 따라잡을 때까지 주문은 대기합니다',
  },
  'topic.error': {
    en: 'The cluster answered {error} for this topic.',
    ko: '클러스터가 이 토픽에 대해 {error} 오류를 반환했습니다.',
  },
  'others.title': { en: 'Other topics with problems', ko: '문제가 있는 다른 토픽' },
  'others.topic': { en: 'Topic', ko: '토픽' },
  'others.problem': { en: 'Problem', ko: '문제' },
  'others.internal': { en: 'internal', ko: '내부' },
  'others.partition': { en: 'partition {p}: {state}', ko: '파티션 {p}: {state}' },
  'others.writesBlockedWhy': {
    en: '{isr} in sync, min.insync.replicas is {min}: acks=all writes are refused',
    ko: '동기화된 복제본이 {isr}개로 min.insync.replicas({min})보다 적어 acks=all 쓰기가 거부됩니다',
  },
  'topic.summary': {
    en: '{count} partitions · {under} under-replicated · {blocked} writes blocked · {offline} offline',
    one: '{count} partition · {under} under-replicated · {blocked} writes blocked · {offline} offline',
    ko: '파티션 {count}개 · 복제 부족 {under}개 · 쓰기 차단 {blocked}개 · 오프라인 {offline}개',
  },

  'create.title': { en: 'Create topic', ko: '토픽 생성' },
  'review.missing': {
    en: 'The review topic "{topic}" does not exist: orders a risk policy routes there wait until it is created.',
    ko: '검토 토픽 {topic, josa(이/가)} 없습니다. 위험 점검 정책이 검토로 보내는 주문은 토픽이 생길 때까지 기다립니다.',
  },
  'create.name': { en: 'Topic name', ko: '토픽 이름' },
  'create.partitions': { en: 'Partitions', ko: '파티션 수' },
  'create.replication': { en: 'Replication factor', ko: '복제 계수' },
  'create.fewReachable': {
    en: 'Only {count} of the {known} brokers answer: a topic with replication factor {rf} may be refused until they are back, or created with the copies for those brokers missing until then. One created with fewer copies keeps fewer.',
    one: 'Only {count} of the {known} brokers answers: a topic with replication factor {rf} may be refused until they are back, or created with the copies for those brokers missing until then. One created with fewer copies keeps fewer.',
    ko: '브로커 {known}개 중 {count}개만 응답합니다. 복제 계수가 {rf}인 토픽은 브로커가 돌아올 때까지 거절되거나, 응답하지 않는 브로커의 복제본이 빠진 채로 만들어질 수 있습니다. 더 적은 복제로 만든 토픽은 계속 그만큼만 복제됩니다.',
  },
  'create.rfAboveBrokers': {
    en: 'The cluster has {known} brokers: each copy goes to another broker, so the replication factor can be at most {known}.',
    ko: '클러스터의 브로커는 {known}개입니다. 복제본은 브로커마다 하나씩이므로 복제 계수는 최대 {known}입니다.',
  },
  'create.next': { en: 'Create topic…', ko: '토픽 생성…' },
  'create.confirm': {
    en: 'Create topic "{name}" with {count} partitions and replication factor {rf}? A topic cannot be un-created safely once orders are in it.',
    one: 'Create topic "{name}" with {count} partition and replication factor {rf}? A topic cannot be un-created safely once orders are in it.',
    ko: '토픽 {name, josa(을/를)} 파티션 {count}개, 복제 계수 {rf, josa(으로/로)} 만들까요? 주문이 들어간 뒤에는 안전하게 되돌릴 수 없습니다.',
  },
  'create.yes': { en: 'Yes, create it', ko: '네, 만듭니다' },
  'create.back': { en: 'Back', ko: '뒤로' },
  'create.done': { en: 'Topic "{name}" created', ko: '토픽 {name, josa(을/를)} 만들었습니다' },

  'check.title': { en: 'Order-intake safety checklist', ko: '주문 수집 안전 점검표' },
  'check.pass': { en: 'Pass', ko: '통과' },
  'check.warn': { en: 'Warning', ko: '경고' },
  'check.unknown': { en: 'Unknown', ko: '알 수 없음' },
  'check.value': { en: 'Now: {value}', ko: '현재: {value}' },
  // A length of time such as the topic's retention.ms, in the unit an operator reads it in.
  'check.forever': { en: 'kept forever', ko: '영구 보관' },
  'check.days': { en: '{count, number} days', one: '{count, number} day', ko: '{count, number}일' },
  'check.hours': { en: '{count, number} hours', one: '{count, number} hour', ko: '{count, number}시간' },
  'check.minutes': { en: '{count, number} minutes', one: '{count, number} minute', ko: '{count, number}분' },
  'check.seconds': { en: '{count, number} seconds', one: '{count, number} second', ko: '{count, number}초' },
  'check.milliseconds': { en: '{count, number} ms', ko: '{count, number}밀리초' },
  'check.duration': { en: '{duration} ({value})', ko: '{duration} ({value})' },

  'bench.title': {
    en: 'Producer benchmark (kafka-producer-perf-test)',
    ko: '프로듀서 벤치마크 (kafka-producer-perf-test)',
  },
  'bench.topic': { en: 'Topic', ko: '토픽' },
  'bench.records': { en: 'Records', ko: '레코드 수' },
  'bench.recordSize': { en: 'Record size (bytes)', ko: '레코드 크기 (바이트)' },
  'bench.payloadFile': { en: 'Payload file (optional)', ko: '페이로드 파일 (선택)' },
  'bench.payloadLoaded': {
    en: '{count} payloads from {name}',
    one: '{count} payload from {name}',
    ko: '{name}에서 페이로드 {count}개',
  },
  'bench.payloadChoose': { en: 'Choose file…', ko: '파일 선택…' },
  'bench.payloadNone': { en: 'No file chosen', ko: '선택한 파일 없음' },
  'bench.payloadClear': { en: 'Use record size instead', ko: '레코드 크기 사용' },
  'bench.throughput': { en: 'Throughput cap (records/s, -1 = none)', ko: '처리량 상한 (초당 레코드 수, -1 = 없음)' },
  'bench.throughputRange': {
    en: 'Enter -1 for no cap, or a rate above 0 (at 0 the benchmark would never send)',
    ko: '상한이 없으면 -1, 있으면 0보다 큰 값을 입력하세요 (0이면 벤치마크가 아무것도 보내지 않습니다)',
  },
  'bench.acks': { en: 'acks', ko: 'acks' },
  'bench.warmup': { en: 'Warm-up records', ko: '워밍업 레코드' },
  'bench.batchSize': { en: 'batch.size (bytes)', ko: 'batch.size (바이트)' },
  'bench.linger': { en: 'linger.ms', ko: 'linger.ms' },
  'bench.compression': { en: 'Compression', ko: '압축' },
  'bench.repetitions': { en: 'Repetitions', ko: '반복 횟수' },
  'bench.allowOrderTopic': {
    en: 'I really want to write benchmark records into the order topic',
    ko: '벤치마크 레코드를 주문 토픽에 쓰는 것을 확인합니다',
  },
  'bench.orderTopicWarning': {
    en: 'Benchmark records would mix with real orders in "{topic}".',
    ko: '벤치마크 레코드가 "{topic}"의 실제 주문과 섞입니다.',
  },
  'bench.run': { en: 'Run', ko: '실행' },
  'bench.compare': { en: 'Compare acks', ko: 'acks 비교' },
  'bench.cancel': { en: 'Cancel', ko: '취소' },
  // Two parts: a screen reader announces the first (which run, which phase) as it changes, and
  // not the second at every progress event.
  'bench.runningPhase': { en: '{label}: {phase}', ko: '{label}: {phase}' },
  'bench.runningCount': {
    en: '{acked, number} / {total, number} acknowledged',
    ko: '{acked, number} / {total, number} 확인됨',
  },
  'bench.phase.warmup': { en: 'warm-up', ko: '워밍업' },
  'bench.phase.measure': { en: 'measuring', ko: '측정 중' },
  'bench.createBenchTopic': {
    en: 'The benchmark topic "{topic}" does not exist. Create it with {partitions} partitions and replication factor {rf}, then run?',
    ko: '벤치마크 토픽 {topic, josa(이/가)} 없습니다. 파티션 {partitions}개, 복제 계수 {rf, josa(으로/로)} 만든 뒤 실행할까요?',
  },
  'bench.results': { en: 'Results', ko: '결과' },
  'bench.col.run': { en: 'Run', ko: '실행' },
  'bench.col.rps': { en: 'records/s', ko: '초당 레코드' },
  'bench.col.mbps': { en: 'MB/s', ko: 'MB/s' },
  'bench.col.avg': { en: 'avg ms', ko: '평균 ms' },
  'bench.col.max': { en: 'max ms', ko: '최대 ms' },
  'bench.col.errors': { en: 'errors', ko: '오류' },
  // Kafka's refusal of one partition's batch; the error's name is Kafka's own.
  'bench.errorAtPartition': { en: '{kafka} (partition {partition})', ko: '{kafka} (파티션 {partition})' },
  'bench.col.started': { en: 'Started', ko: '시작' },
  'bench.col.params': { en: 'Parameters', ko: '매개변수' },
  'bench.params': {
    en: 'acks={acks} · {count} records × {size} · {cap} · compression.type={compression}',
    one: 'acks={acks} · {count} record × {size} · {cap} · compression.type={compression}',
    ko: 'acks={acks} · 레코드 {count}개 × {size} · {cap} · compression.type={compression}',
  },
  'bench.paramWarmup': { en: 'warm-up {n}', ko: '워밍업 {n}개' },
  'bench.paramTopic': { en: 'topic {topic}', ko: '토픽 {topic}' },
  'bench.unthrottled': { en: 'unthrottled', ko: '제한 없음' },
  'bench.throttled': { en: 'at most {n}/s', ko: '초당 최대 {n}개' },
  'bench.payloadSize': { en: 'payload file', ko: '페이로드 파일' },
  'bench.axisRecordsPerSec': { en: 'records/s', ko: '초당 레코드 수' },
  // The time axis's ticks and the tooltip's heading: "3 s" read on the Korean screen too.
  'bench.seconds': { en: '{n, number}\u00a0s', ko: '{n, number}초' },
  'bench.cap': { en: 'cap {n}/s', ko: '상한 초당 {n}개' },
  'bench.cancelled': { en: 'cancelled', ko: '취소됨' },
  'bench.acksBelowMinIsr': {
    en: 'acks=1 is still acknowledged, but {count} partitions of "{topic}" have fewer replicas in sync than min.insync.replicas ({min}): records sent now are kept on fewer replicas than the store’s safety rule asks, and a broker lost now can lose them.',
    one: 'acks=1 is still acknowledged, but {count} partition of "{topic}" has fewer replicas in sync than min.insync.replicas ({min}): records sent now are kept on fewer replicas than the store’s safety rule asks, and a broker lost now can lose them.',
    ko: 'acks=1은 여전히 확인되지만, "{topic}"의 파티션 {count}개는 동기화된 복제본이 min.insync.replicas({min})보다 적습니다: 지금 보내는 레코드는 저장소의 안전 규칙보다 적은 복제본에만 남고, 지금 브로커를 잃으면 함께 사라질 수 있습니다.',
  },
  'bench.acks0Note': {
    en: 'acks=0: latency is measured to the hand-off to the socket, since the broker never answers.',
    ko: 'acks=0: 브로커가 응답하지 않으므로 지연 시간은 소켓에 넘겨질 때까지로 측정합니다.',
  },
  'bench.chartThroughput': { en: 'Throughput over time (records/s)', ko: '시간별 처리량 (초당 레코드 수)' },
  'bench.chartLatency': { en: 'Latency percentiles (ms)', ko: '지연 시간 백분위 (ms)' },
  // The charts' accessible names: a screen reader reads each run's figures, not "application".
  'bench.chartThroughputRun': { en: '{run}: {rate} records/s on average', ko: '{run}: 평균 초당 레코드 {rate}개' },
  'bench.chartLatencyRun': { en: '{run}: p50 {p50}, p99 {p99}', ko: '{run}: p50 {p50}, p99 {p99}' },
  'bench.chartNoFigures': { en: '{run}: no record acknowledged', ko: '{run}: 확인된 레코드 없음' },
  'bench.history': { en: 'History', ko: '기록' },
  'bench.historyEmpty': {
    en: 'No benchmark has been run on this terminal yet.',
    ko: '이 단말기에서 실행한 벤치마크가 아직 없습니다.',
  },
  'bench.exportCsv': { en: 'Export CSV', ko: 'CSV 내보내기' },
  'bench.exportJson': { en: 'Export JSON', ko: 'JSON 내보내기' },
  'bench.when': { en: 'When', ko: '시각' },
  'bench.failed': { en: '{n, number} failed', ko: '{n, number}건 실패' },

  'logs.title': { en: 'Logs', ko: '로그' },
  'logs.open': { en: 'Open logs', ko: '로그 열기' },
  'logs.show': { en: 'Show recent lines', ko: '최근 줄 보기' },
  'logs.folder': { en: 'Log folder: {dir}', ko: '로그 폴더: {dir}' },
  'logs.cannotOpen': {
    en: 'This window cannot open folders (browser mode); the recent lines are shown below.',
    ko: '이 창에서는 폴더를 열 수 없습니다(브라우저 모드). 아래에 최근 줄을 표시합니다.',
  },
  'logs.empty': { en: 'No log lines yet', ko: '아직 로그가 없습니다' },
} as const satisfies Record<string, Words>;

export type DiagKey = keyof typeof DIAG_STRINGS;

for (const lang of ['en', 'ko'] as const) {
  i18next.addResourceBundle(lang, 'diag', bundleOf(DIAG_STRINGS, lang), true, true);
}

/** t() for this screen's strings, err() for AppErrors, and the current language. */
export function useDiagT() {
  const { t } = useTranslation('diag');
  const { err, lang } = useT();
  return { t: (key: DiagKey, params?: Record<string, string | number>) => t(key, params ?? {}), err, lang };
}
