// The renderer's own words, English and Korean. Error and field messages are not here:
// they come from shared/error-codes.ts, the table main uses too.
/**
 * A table entry (this table's, the errors' and Diagnostics'): its English and Korean, and for a
 * sentence about {count} things the English when that count is 1 (`one`). Korean has no plural
 * forms, and i18next falls back from the plural key it looks up (key_other) to the key itself.
 */
import { RISK_CHECK_NAMES } from '../../shared/risk-flags';
import { PRACTICE_WORD } from '../../shared/review-outcome';

export interface Words {
  en: string;
  ko: string;
  one?: string;
}

export const UI_STRINGS = {
  'app.title': { en: 'Order Desk', ko: '오더 데스크' },
  'app.sandbox': { en: 'Sandbox', ko: '샌드박스' },
  'app.sandboxHint': {
    en: 'No brokers are configured: orders go to a local practice cluster.',
    ko: '브로커가 설정되지 않아 로컬 연습용 클러스터로 주문을 보냅니다.',
  },
  'nav.order': { en: 'Order', ko: '주문' },
  'nav.outbox': { en: 'Outbox', ko: '보낼 목록' },
  'nav.history': { en: 'Orders', ko: '주문 내역' },
  'nav.diagnostics': { en: 'Diagnostics', ko: '진단' },
  'nav.settings': { en: 'Settings', ko: '설정' },
  'conn.connected': { en: 'Connected', ko: '연결됨' },
  'conn.connecting': { en: 'Connecting…', ko: '연결 중…' },
  // Reached, but the order topic refuses writes (too few replicas in sync); the banner says why.
  'conn.blocked': { en: 'Orders on hold', ko: '주문 보류 중' },
  'conn.offline': { en: 'Offline', ko: '오프라인' },
  'conn.stopped': { en: 'Order service stopped', ko: '주문 서비스 중지됨' },
  // Browser mode: the page's token is missing or old (the server restarted); the page says what to open.
  'conn.unauthorized': { en: 'Link no longer valid', ko: '링크가 더 이상 유효하지 않음' },
  // Browser mode: the server turned the page away (too many windows); the page says why.
  'conn.refused': { en: 'Connection refused', ko: '연결 거부됨' },
  'conn.waiting': { en: '{count} waiting', ko: '대기 {count}건' },
  // Voided orders' cancellations still to be sent: counted apart, as they are not orders.
  'conn.cancellations': {
    en: '{count} cancellations waiting',
    one: '{count} cancellation waiting',
    ko: '취소 대기 {count}건',
  },
  'conn.attention': { en: '{count} need a person', one: '{count} needs a person', ko: '확인 필요 {count}건' },
  'conn.bannerAttention': {
    en: '{count} more need a person on the Outbox: they are not sent by themselves.',
    one: '{count} more needs a person on the Outbox: it is not sent by itself.',
    ko: '보낼 목록의 {count}건은 직접 확인해야 합니다. 저절로 전송되지 않습니다.',
  },
  'conn.bannerCancellations': {
    en: '{count} cancellations are waiting too; they are sent with the orders.',
    one: '{count} cancellation is waiting too; it is sent with the orders.',
    ko: '취소 {count}건도 대기 중이며 주문과 함께 전송됩니다.',
  },
  'conn.banner': {
    en: 'Offline. Orders waiting: {count}. Keep taking orders; they are sent when the order server is back.',
    ko: '오프라인. 대기 중인 주문: {count}건. 계속 주문을 받으세요. 서버가 돌아오면 전송됩니다.',
  },
  // The brokers' names do not resolve: waiting alone never sends them (the line below says what to fix).
  'conn.bannerUnknownHost': {
    en: 'Offline. Orders waiting: {count}. Keep taking orders; they are kept and sent as soon as the broker can be reached (check its address in Settings).',
    ko: '오프라인. 대기 중인 주문: {count}건. 계속 주문을 받으세요. 주문은 보관되며 브로커에 연결되는 대로 전송됩니다(설정에서 브로커 주소를 확인하세요).',
  },
  'service.restarting': {
    en: 'The order service stopped unexpectedly and is restarting. Saved orders are safe; answers resume in a moment.',
    ko: '주문 서비스가 예기치 않게 중지되어 다시 시작하고 있습니다. 저장된 주문은 안전하며 잠시 후 다시 응답합니다.',
  },
  'conn.serviceLost': {
    en: 'Lost contact with the Order Desk service. Reconnecting…',
    ko: '오더 데스크 서비스와 연결이 끊겼습니다. 다시 연결 중…',
  },

  'form.title': { en: 'New order', ko: '새 주문' },
  'form.customer': { en: 'Customer', ko: '고객' },
  'form.customerName': { en: 'Customer name', ko: '고객 이름' },
  'form.customerId': { en: 'Customer ID', ko: '고객 ID' },
  'form.phone': { en: 'Phone', ko: '전화번호' },
  'form.optional': { en: 'optional', ko: '선택' },
  'form.lines': { en: 'Items', ko: '품목' },
  'form.line': { en: 'Line {n}', ko: '{n}번 품목' },
  'form.sku': { en: 'SKU', ko: '상품코드' },
  'form.product': { en: 'Product', ko: '상품명' },
  'form.quantity': { en: 'Quantity', ko: '수량' },
  'form.unitPrice': { en: 'Unit price', ko: '단가' },
  'form.removeLine': { en: 'Remove line {n}', ko: '{n}번 품목 삭제' },
  'form.addLine': { en: 'Add line', ko: '품목 추가' },
  'form.payment': { en: 'Payment', ko: '결제' },
  'form.currency': { en: 'Currency', ko: '통화' },
  'form.paymentMethod': { en: 'Payment method', ko: '결제 수단' },
  'form.pay.cash': { en: 'Cash', ko: '현금' },
  'form.pay.card': { en: 'Card', ko: '카드' },
  'form.pay.other': { en: 'Other', ko: '기타' },
  'form.note': { en: 'Note', ko: '메모' },
  'field.count': { en: '{n} of at most {max}', ko: '{n}/{max}자' },
  'form.total': { en: 'Total', ko: '합계' },
  'form.subtotal': { en: 'Subtotal', ko: '소계' },
  'form.submit': { en: 'Submit order', ko: '주문 제출' },
  'form.repeat': { en: 'Repeat last order', ko: '지난 주문 반복' },
  'form.clear': { en: 'Clear', ko: '지우기' },
  'form.keys': {
    en: 'Enter: next field · Ctrl+Enter: submit · Esc: clear · F1: all shortcuts',
    ko: 'Enter: 다음 칸 · Ctrl+Enter: 제출 · Esc: 지우기 · F1: 모든 단축키',
  },
  'form.saving': { en: 'Saving…', ko: '저장 중…' },
  'form.saved': { en: 'Saved', ko: '저장됨' },
  'form.catalogueCurrency': {
    en: 'Catalogue prices are in {catalogue} and this order is in {currency}: type the price, or set the currency back to {catalogue}',
    ko: '카탈로그 가격은 {catalogue} 기준인데 이 주문은 {currency}입니다. 가격을 직접 입력하거나 통화를 {catalogue, josa(으로/로)} 되돌리세요',
  },
  'form.removeLineWhere': {
    en: 'Alt+X removes the line with the cursor: put the cursor on that line first',
    ko: 'Alt+X는 커서가 있는 품목을 지웁니다. 먼저 지울 품목에 커서를 두세요',
  },
  'form.removeLineLast': {
    en: 'An order keeps at least one line: Esc clears the whole order',
    ko: '주문에는 품목이 하나 이상 있어야 합니다. 주문 전체를 지우려면 Esc를 누르세요',
  },
  'form.addLineBlank': {
    en: 'Line {n} is still empty: type the next product there',
    ko: '{n}번 품목이 아직 비어 있습니다. 다음 상품을 여기에 입력하세요',
  },
  'form.draftNotKept': {
    en: 'This order is not kept on the terminal: {reason} Finish it before reloading or closing Order Desk, or it is lost.',
    ko: '이 주문은 단말기에 보관되지 않았습니다: {reason} 새로 고치거나 오더 데스크를 닫기 전에 주문을 마치세요. 그러지 않으면 입력한 내용이 사라집니다.',
  },
  'form.savedDetail': { en: 'order {id} is in the outbox', ko: '주문 {id, josa(이/가)} 보낼 목록에 있습니다' },
  'form.savedHeldDetail': {
    en: 'order {id} waits on the Review screen, not in the outbox',
    ko: '주문 {id, josa(은/는)} 보낼 목록이 아닌 검토 화면에서 기다립니다',
  },
  'form.savedRoutedDetail': {
    en: 'order {id} goes to the review topic, not to the outbox',
    ko: '주문 {id, josa(은/는)} 보낼 목록이 아닌 검토 토픽으로 갑니다',
  },
  'form.lineCount': { en: '{n} of at most {max}', ko: '최대 {max}개 중 {n}개' },
  'form.lineLimit': { en: 'At most {max} lines per order', ko: '주문 하나에 품목은 최대 {max}개입니다' },
  'form.nothingToSubmit': {
    en: 'Order {id} is saved, and this form is empty: type the next order',
    ko: '주문 {id, josa(은/는)} 저장되었고 양식은 비어 있습니다. 다음 주문을 입력하세요',
  },
  'form.quantityBounds': { en: 'A line’s quantity is {min} to {max}', ko: '품목 수량은 {min}에서 {max}까지입니다' },
  'form.quantityNotStepped': {
    en: 'The quantity is left as typed: + and − change only a whole number from {min} to {max}',
    ko: '수량은 입력한 그대로 두었습니다. +와 −는 {min}에서 {max}까지의 정수만 하나씩 바꿉니다',
  },
  'form.quickKeyEmpty': {
    en: 'No product on quick key {n} (F{key}): set one in Settings, in the product catalogue',
    ko: '빠른 키 {n}(F{key})에 지정된 상품이 없습니다. 설정의 상품 목록에서 지정하세요',
  },
  'form.quantityLimit': {
    en: '{name} is at its most on this order ({max})',
    ko: '이 주문의 {name} 수량이 최대({max})입니다',
  },
  'form.priceOverride': { en: 'changed (catalogue {price})', ko: '변경됨 (목록 가격 {price})' },
  'form.tendered': { en: 'Amount tendered', ko: '받은 금액' },
  'form.change': { en: 'Change due', ko: '거스름돈' },
  'form.confirmClear': {
    en: 'Discard this order? Everything typed will be cleared (you can undo).',
    ko: '이 주문을 지울까요? 입력한 내용이 모두 지워집니다 (되돌릴 수 있습니다).',
  },
  'form.discard': { en: 'Discard', ko: '지우기' },
  'form.keep': { en: 'Keep typing', ko: '계속 입력' },
  'form.cleared': { en: 'Order cleared.', ko: '주문을 지웠습니다.' },
  'form.takeHere': { en: 'Take the order form here', ko: '주문 화면을 이 창으로 가져오기' },
  'form.restored': {
    en: 'The order typed on this terminal before is back in the form: check it, or press Esc to clear it.',
    ko: '이 단말기에서 입력하던 주문을 다시 불러왔습니다. 확인하거나 Esc로 지우세요.',
  },
  'form.undo': { en: 'Undo', ko: '되돌리기' },
  'form.keptAside': {
    en: 'An order kept on this terminal from before came back after typing began, so it waits here: {who}, lines: {n}.',
    ko: '이 단말기에 남아 있던 주문이 입력을 시작한 뒤에 돌아와 여기에 따로 두었습니다: {who}, 품목 {n}개.',
  },
  'form.openAside': {
    en: 'Open it (the typed order waits here instead)',
    ko: '열기 (입력 중인 주문은 대신 여기에 둡니다)',
  },
  'form.openAsideEmpty': { en: 'Open it', ko: '열기' },
  'form.discardAside': { en: 'Discard the kept order', ko: '남아 있던 주문 버리기' },
  'form.added': { en: 'Added {name}', ko: '{name} 추가됨' },
  'form.keptAsTyped': {
    en: 'Kept {code} as typed: no product has that barcode',
    ko: '{code, josa(은/는)} 바코드로 등록된 상품이 없어 입력한 그대로 두었습니다',
  },
  'quick.title': { en: 'Quick keys', ko: '빠른 키' },
  'quick.none': {
    en: 'No product catalogue yet: import one in Settings → Product catalogue to get quick keys, barcodes and type-ahead.',
    ko: '상품 목록이 아직 없습니다. 설정 → 상품 목록에서 가져오면 빠른 키, 바코드, 자동 완성을 쓸 수 있습니다.',
  },

  'keys.title': { en: 'Keyboard shortcuts', ko: '단축키' },
  'keys.next': {
    en: 'Next field (on the last line’s price: a new line, unless that line is still empty)',
    ko: '다음 칸 (마지막 품목의 단가에서는 새 품목. 그 품목이 비어 있으면 새 품목을 만들지 않습니다)',
  },
  'keys.submit': {
    en: 'Submit the order (in the Outbox’s Correct: save and resend; in a void or a supervisor’s decision: void or decide)',
    ko: '주문 제출 (보낼 목록의 고치기에서는 저장하고 다시 보내기, 주문 취소나 감독자 결정에서는 취소하거나 결정하기)',
  },
  'keys.clear': {
    en: 'Clear the order (asks first when it is filled)',
    ko: '주문 지우기 (입력된 주문은 먼저 묻습니다)',
  },
  'keys.undo': { en: 'Undo clearing the order', ko: '주문 지우기 되돌리기' },
  'keys.addLine': { en: 'Add a line', ko: '품목 추가' },
  'keys.removeLine': { en: 'Remove the line with the cursor', ko: '커서가 있는 품목 삭제' },
  'keys.repeat': { en: 'Repeat the customer’s last order', ko: '고객의 지난 주문 반복' },
  'keys.retry': {
    en: 'Resend the oldest order that needs attention',
    ko: '확인이 필요한 가장 오래된 주문 다시 보내기',
  },
  'keys.barcode': { en: 'Barcode', ko: '바코드' },
  'keys.retryNone': { en: 'Alt+T: no order needs resending', ko: 'Alt+T: 다시 보낼 주문이 없습니다' },
  'keys.retryNoneAsItIs': {
    en: 'Alt+T: none to resend as it is. The orders that need a person are resent or voided from their row on the Outbox',
    ko: 'Alt+T: 그대로 다시 보낼 주문이 없습니다. 확인이 필요한 주문은 보낼 목록 화면의 해당 줄에서 다시 보내거나 취소하세요',
  },
  'keys.retrySent': { en: 'Alt+T: order {id} is sent again', ko: 'Alt+T: 주문 {id, josa(을/를)} 다시 보냅니다' },
  'keys.quantity': { en: 'In Quantity: one more / one fewer', ko: '수량 칸에서: 하나 더 / 하나 덜' },
  'keys.quick': { en: 'Quick keys 1–8', ko: '빠른 키 1–8' },
  'keys.scan': {
    en: 'A scanned barcode adds its product wherever the cursor is',
    ko: '바코드를 스캔하면 커서 위치와 상관없이 상품이 추가됩니다',
  },
  'keys.results': {
    en: 'In the Orders search: down to the orders found, and between their Receipt buttons',
    ko: '주문 내역 검색 칸에서: 찾은 주문으로 내려가고, 영수증 버튼 사이를 오갑니다',
  },
  'keys.screens': { en: 'Switch screens', ko: '화면 전환' },
  'keys.help': { en: 'This list', ko: '이 목록' },
  'keys.hint': { en: 'F1: all shortcuts', ko: 'F1: 모든 단축키' },
  'form.fixErrors': {
    en: '{count} fields need attention',
    one: '{count} field needs attention',
    ko: '확인이 필요한 칸이 {count}개 있습니다',
  },
  'form.noPrevious': { en: 'No previous order to repeat', ko: '반복할 이전 주문이 없습니다' },
  'form.previousVoided': {
    en: 'No order to repeat: the previous order, {id}, was voided',
    ko: '반복할 주문이 없습니다. 이전 주문 {id, josa(은/는)} 취소되었습니다',
  },
  'form.repeated': { en: 'Filled in from the previous order', ko: '이전 주문으로 채웠습니다' },
  'form.repeatedRepriced': {
    en: 'Filled in from the previous order, at today’s catalogue prices: {count} changed',
    ko: '이전 주문으로 채웠습니다. 오늘 목록 가격을 적용해 {count}개 품목의 가격이 바뀌었습니다',
  },

  'orders.recent': { en: 'Recent orders', ko: '최근 주문' },
  'orders.empty': { en: 'No orders yet', ko: '아직 주문이 없습니다' },
  'orders.state.saved': { en: 'Saved', ko: '저장됨' },
  'orders.state.sending': { en: 'Sending', ko: '전송 중' },
  'orders.state.delivered': { en: 'Delivered', ko: '전송 완료' },
  // Shared: Review's search matches the badge's word.
  'orders.practice': PRACTICE_WORD,
  'orders.practiceTitle': {
    en: 'For the app’s training cluster (waiting or delivered): a practice order, not a sale',
    ko: '앱의 훈련용 클러스터로 보내는(대기 중이거나 전송된) 연습 주문입니다. 실제 판매가 아닙니다',
  },
  // The clerk's states (shared/delivery-states.ts): "failed" is never shown for an order that merely waits.
  'orders.state.waiting': { en: 'Waiting', ko: '대기 중' },
  'orders.state.attention': { en: 'Needs attention', ko: '확인 필요' },
  'orders.state.voided': { en: 'Voided', ko: '취소됨' },
  'orders.resend': { en: 'Resend as it is', ko: '그대로 다시 보내기' },
  'orders.correct': { en: 'Correct', ko: '고치기' },
  'orders.correctSave': { en: 'Save and resend', ko: '저장하고 다시 보내기' },
  'orders.correctNote': { en: 'Note', ko: '메모' },
  'orders.correctRemoveLine': { en: 'Remove line', ko: '품목 빼기' },
  // The button's name says its line (it shows "Remove line" only): the visible words come first.
  'orders.correctRemoveLineOf': { en: 'Remove line: {product} ({sku})', ko: '품목 빼기: {product} ({sku})' },
  'orders.correctProductOf': { en: 'Product name ({sku})', ko: '상품명 ({sku})' },
  'orders.correctPriceOf': { en: 'Unit price ({sku})', ko: '단가 ({sku})' },
  'orders.correctCurrencyFixed': {
    en: 'A saved order’s currency cannot be changed: void it and enter it again.',
    ko: '저장된 주문의 통화는 바꿀 수 없습니다. 취소하고 다시 입력하세요.',
  },
  'orders.void': { en: 'Void', ko: '취소' },
  'orders.voidReason': { en: 'Reason for voiding', ko: '취소 이유' },
  'orders.voidConfirm': { en: 'Void, never send', ko: '취소하고 보내지 않기' },
  'orders.export': { en: 'Export', ko: '내보내기' },
  'orders.exported': { en: 'Saved as {file}', ko: '{file}에 저장했습니다' },
  'orders.cancel': { en: 'Cancel', ko: '닫기' },
  'orders.state.failed': { en: 'Failed', ko: '실패' },
  'orders.state.delivered-previous-topic': {
    en: 'Gone from topic (re-created)',
    ko: '토픽에서 사라짐 (재생성됨)',
  },
  'topic.resend': { en: 'Re-send them…', ko: '다시 보내기…' },
  'topic.resendYes': { en: 'Re-send them ({count})', ko: '주문 {count}건 다시 보내기' },
  'topic.resendNo': { en: 'Cancel', ko: '취소' },
  'topic.resent': {
    en: 'Orders being re-sent to the topic: {count}.',
    ko: '주문 {count}건을 토픽에 다시 보내는 중입니다.',
  },
  'orders.where': { en: 'partition {partition} · offset {offset}', ko: '파티션 {partition} · 오프셋 {offset}' },
  'orders.autoRetry': { en: 'Retrying by itself at {time}', ko: '{time}에 자동으로 다시 보냅니다' },
  'orders.autoRetrySoon': { en: 'Retrying by itself', ko: '자동으로 다시 보냅니다' },
  'orders.col.time': { en: 'Time', ko: '시각' },
  'orders.col.order': { en: 'Order', ko: '주문' },
  'orders.col.customer': { en: 'Customer', ko: '고객' },
  'orders.col.total': { en: 'Total', ko: '합계' },
  'orders.col.state': { en: 'State', ko: '상태' },
  'orders.col.detail': { en: 'Detail', ko: '상세' },
  'orders.items': { en: 'Lines: {n}', ko: '품목 {n}개' },

  'settings.title': { en: 'Settings', ko: '설정' },
  'settings.connection': { en: 'Order server (Kafka)', ko: '주문 서버 (Kafka)' },
  'settings.brokers': { en: 'Brokers', ko: '브로커' },
  'settings.brokersHint': {
    en: 'One host:port per line. Leave empty to use the built-in sandbox cluster.',
    ko: '한 줄에 호스트:포트 하나씩. 비워 두면 내장 샌드박스 클러스터를 사용합니다.',
  },
  'settings.brokersFromEnvironment': {
    en: 'Set by KAFKA_BROKERS when the app started: these brokers are used, and changing them here would not be. Start the app without it to set them here.',
    ko: '앱을 시작할 때 KAFKA_BROKERS로 정해졌습니다. 이 브로커를 사용하며 여기서는 바꿀 수 없습니다. 여기서 정하려면 KAFKA_BROKERS 없이 앱을 시작하세요.',
  },
  'settings.topic': { en: 'Topic', ko: '토픽' },
  'settings.clientId': { en: 'Client ID', ko: '클라이언트 ID' },
  'settings.security': { en: 'Security (TLS and SASL)', ko: '보안 (TLS 및 SASL)' },
  'settings.ssl': { en: 'Use TLS', ko: 'TLS 사용' },
  'settings.tlsCaFile': { en: 'CA certificate file (PEM)', ko: 'CA 인증서 파일 (PEM)' },
  'settings.tlsCaFileHint': {
    en: 'Empty: trust the system’s certificate authorities.',
    ko: '비워 두면 시스템의 인증 기관을 신뢰합니다.',
  },
  'settings.tlsCertFile': { en: 'Client certificate file (PEM)', ko: '클라이언트 인증서 파일 (PEM)' },
  'settings.tlsKeyFile': { en: 'Client key file (PEM)', ko: '클라이언트 키 파일 (PEM)' },
  'settings.tlsCertHint': {
    en: 'Only for brokers that require client certificates (mutual TLS).',
    ko: '클라이언트 인증서를 요구하는 브로커(상호 TLS)에만 필요합니다.',
  },
  'settings.tlsKeyPassphrase': { en: 'Client key passphrase', ko: '클라이언트 키 암호' },
  'settings.tlsCheckServerName': {
    en: 'Check that the certificate names the broker (recommended)',
    ko: '인증서의 이름이 브로커와 일치하는지 확인 (권장)',
  },
  'settings.saslMechanism': { en: 'SASL login', ko: 'SASL 로그인' },
  'settings.saslNone': { en: 'None', ko: '사용 안 함' },
  'settings.saslUser': { en: 'SASL username', ko: 'SASL 사용자 이름' },
  'settings.saslPassword': { en: 'SASL password', ko: 'SASL 비밀번호' },
  'settings.secretSet': { en: 'Set: type a new one to replace it', ko: '설정됨: 바꾸려면 새로 입력하세요' },
  'settings.secretNotSet': { en: 'Not set', ko: '설정되지 않음' },
  'settings.secretFromEnv': { en: 'Set from the environment', ko: '환경 변수에서 설정됨' },
  'settings.secretRemove': { en: 'Remove', ko: '삭제' },
  'settings.secretWillRemove': { en: 'Removed when you save', ko: '저장하면 삭제됩니다' },
  'settings.secretsKeychain': {
    en: 'Passwords are stored encrypted in the operating system’s keychain and are never shown again.',
    ko: '비밀번호는 운영체제 키체인에 암호화되어 저장되며 다시 표시되지 않습니다.',
  },
  'settings.secretsMemory': {
    en: 'Browser mode has no keychain: passwords are kept in memory until the app stops, or taken from ORDER_DESK_SASL_PASSWORD and ORDER_DESK_TLS_KEY_PASSPHRASE. They are never written to disk or shown again.',
    ko: '브라우저 모드에는 키체인이 없습니다. 비밀번호는 앱이 멈출 때까지 메모리에만 보관되거나 ORDER_DESK_SASL_PASSWORD, ORDER_DESK_TLS_KEY_PASSPHRASE 환경 변수에서 가져옵니다. 디스크에 기록되거나 다시 표시되지 않습니다.',
  },
  'settings.terminal': { en: 'This terminal', ko: '이 단말기' },
  'settings.storeId': { en: 'Store ID', ko: '매장 ID' },
  'settings.terminalId': { en: 'Terminal ID', ko: '단말기 ID' },
  'settings.clerk': { en: 'Clerk', ko: '점원' },
  'settings.language': { en: 'Language', ko: '언어' },
  'settings.historyRetentionDays': {
    en: 'Keep delivered orders (days)',
    ko: '전송 완료 주문 보관 기간(일)',
  },
  'settings.save': { en: 'Save settings', ko: '설정 저장' },
  'app.unauthorizedTitle': {
    en: 'This page cannot reach Order Desk',
    ko: '이 페이지는 오더 데스크에 연결할 수 없습니다',
  },
  'app.unauthorizedHelp': {
    en: 'Its address lacks the access token, or has an old one. Open the address Order Desk printed when it started (the line beginning with "ready"), token included. Nothing typed here could be saved.',
    ko: '주소에 접근 토큰이 없거나 이전 토큰입니다. 오더 데스크가 시작할 때 출력한 주소("ready"로 시작하는 줄)를 토큰까지 그대로 여세요. 여기에 입력한 내용은 저장될 수 없습니다.',
  },
  'settings.saved': { en: 'Settings saved', ko: '설정을 저장했습니다' },
  'settings.passwordCleared': {
    en: 'The SASL password was cleared: it is sent only to the brokers, TLS settings and user it was entered for. Enter it again for these.',
    ko: 'SASL 비밀번호를 지웠습니다. 비밀번호는 브로커, TLS 설정, 사용자가 입력할 때와 같을 때만 보냅니다. 이 설정에 맞게 다시 입력하세요.',
  },
  'settings.dataDir': { en: 'Data directory', ko: '데이터 폴더' },
  'settings.version': { en: 'Version', ko: '버전' },

  'common.loading': { en: 'Loading…', ko: '불러오는 중…' },
  'screen.failed': { en: 'This screen could not be shown', ko: '이 화면을 표시하지 못했습니다' },
  'screen.failedKept': {
    en: 'Saved orders and the order being typed are kept on this terminal. Reload the app, or open another screen (Alt+1: the order screen).',
    ko: '저장된 주문과 입력 중인 주문은 이 단말기에 남아 있습니다. 앱을 다시 불러오거나 다른 화면을 여세요 (Alt+1: 주문 화면).',
  },
  'screen.reload': { en: 'Reload the app', ko: '앱 다시 불러오기' },
  'screen.failedDetail': { en: 'Technical detail', ko: '기술 정보' },
  'common.close': { en: 'Close', ko: '닫기' },

  'nav.training': { en: 'Training', ko: '훈련' },
  'training.title': { en: 'Training', ko: '훈련' },
  'training.watermark': { en: 'TRAINING · practice cluster', ko: '훈련 모드 · 연습용 클러스터' },
  'training.hint': {
    en: 'This terminal runs its own practice cluster. Take brokers down here and watch the order screen keep taking orders and send them when the cluster is back.',
    ko: '이 단말기는 자체 연습용 클러스터를 실행합니다. 여기서 브로커를 중지하고, 주문 화면이 계속 주문을 받다가 클러스터가 돌아오면 보내는 것을 확인하세요.',
  },
  'training.broker': { en: 'Broker', ko: '브로커' },
  'training.brokerN': { en: 'Broker {n}', ko: '브로커 {n}' },
  'training.actions': { en: 'Actions', ko: '동작' },
  'training.up': { en: 'Running', ko: '실행 중' },
  'training.down': { en: 'Stopped', ko: '중지됨' },
  'training.stop': { en: 'Stop broker {n}', ko: '브로커 {n} 중지' },
  'training.start': { en: 'Start broker {n}', ko: '브로커 {n} 시작' },
  'training.slow': { en: 'Slow down broker {n} ({ms} ms)', ko: '브로커 {n} 느리게 ({ms} ms)' },
  'training.fast': { en: 'Normal speed for broker {n}', ko: '브로커 {n} 정상 속도' },
  'training.stopAll': { en: 'Take the whole cluster down', ko: '클러스터 전체 중지' },
  'training.startAll': { en: 'Bring the cluster back', ko: '클러스터 다시 시작' },
  'training.didStop': { en: 'Broker {n} stopped', ko: '브로커 {n, josa(을/를)} 중지했습니다' },
  'training.didStart': { en: 'Broker {n} started', ko: '브로커 {n, josa(을/를)} 시작했습니다' },
  'training.didStopAll': { en: 'The whole cluster is down', ko: '클러스터 전체를 중지했습니다' },
  'training.didStartAll': { en: 'The cluster is back', ko: '클러스터를 다시 시작했습니다' },
  'training.didSlow': { en: 'Broker {n} answers {ms} ms late', ko: '브로커 {n, josa(이/가)} {ms} ms 늦게 응답합니다' },
  'training.didFast': { en: 'Broker {n} is at normal speed', ko: '브로커 {n, josa(이/가)} 정상 속도로 응답합니다' },
  'training.refused': {
    en: 'The practice cluster did not do it ({command}): {reply}',
    ko: '연습용 클러스터가 실행하지 않았습니다 ({command}): {reply}',
  },
  'history.title': { en: 'Orders', ko: '주문 내역' },
  'history.query': {
    en: 'Customer ID, name, phone or order id',
    ko: '고객 ID, 이름, 전화번호 또는 주문 ID',
  },
  'history.from': { en: 'From', ko: '시작일' },
  'history.to': { en: 'To', ko: '종료일' },
  'history.rangeReversed': {
    en: 'The start date is after the end date: no order can match. Swap them.',
    ko: '시작일이 종료일보다 늦어 찾을 주문이 없습니다. 두 날짜를 서로 바꾸세요.',
  },
  'history.search': { en: 'Search', ko: '검색' },
  'history.phoneMin': {
    en: 'Phone numbers are searched from {n} digits',
    ko: '전화번호는 {n}자리부터 검색됩니다',
  },
  'history.nameMin': {
    en: 'Names are searched from {n} characters',
    ko: '이름은 {n}글자부터 검색됩니다',
  },
  'history.none': { en: 'No orders match', ko: '일치하는 주문이 없습니다' },
  // The count above the orders found: exact when they all fit the page (or on the last page), and
  // "more than" while Older has more: counting them all would read every match (names, phones).
  'history.found': { en: '{count} orders found', one: '{count} order found', ko: '주문 {count}건을 찾았습니다' },
  'history.foundMore': {
    en: 'More than {to} orders found; showing {from}–{to}',
    ko: '주문을 {to}건 넘게 찾았습니다. {from}–{to}번째를 보여 줍니다',
  },
  'history.foundLast': {
    en: '{total} orders found; showing {from}–{to}',
    ko: '주문 {total}건을 찾았습니다. {from}–{to}번째를 보여 줍니다',
  },
  'history.when': { en: 'Date and time', ko: '날짜와 시각' },
  'history.newer': { en: 'Newer', ko: '더 최근 주문' },
  'history.older': { en: 'Older', ko: '더 오래된 주문' },
  'history.page': { en: 'Page {n}', ko: '{n}쪽' },
  'topic.find': { en: 'Find on topic', ko: '토픽에서 찾기' },
  'topic.found': { en: 'On the topic, with this order id', ko: '토픽에 이 주문 ID로 있습니다' },
  'topic.where': { en: 'Topic · partition · offset', ko: '토픽 · 파티션 · 오프셋' },
  'topic.key': { en: 'Key', ko: '키' },
  'topic.problem.notDelivered': {
    en: 'Not delivered yet ({detail}): it has no place on the topic',
    ko: '아직 전송되지 않았습니다 ({detail}): 토픽에 위치가 없습니다',
  },
  'topic.problem.noTopic': { en: 'Topic {detail} does not exist', ko: '토픽 {detail, josa(이/가)} 없습니다' },
  'topic.problem.noRecord': {
    en: 'No record at {detail} any more (retention may have deleted it)',
    ko: '{detail}에 레코드가 더 이상 없습니다 (보존 기간이 지나 삭제되었을 수 있습니다)',
  },
  'topic.problem.otherOrder': {
    en: 'Another order ({detail}) is at that place: check the topic setting',
    ko: '그 위치에는 다른 주문({detail})이 있습니다. 토픽 설정을 확인하세요',
  },
  'topic.problem.otherCluster': {
    en: 'Delivered to {detail} on another cluster (the practice cluster, the store’s, or one Settings has since moved from): not the one the app reads now',
    ko: '다른 클러스터(연습용, 매장 또는 설정에서 바꾸기 전 클러스터)의 {detail}에 전송되었습니다. 지금 앱이 읽는 클러스터가 아닙니다',
  },
  'receipt.title': { en: 'Receipt', ko: '영수증' },
  'receipt.open': { en: 'Receipt', ko: '영수증' },
  'receipt.date': { en: 'Date', ko: '일시' },
  'receipt.supply': { en: 'Supply value (공급가액)', ko: '공급가액' },
  'receipt.vat': { en: 'VAT 10 % included (부가세)', ko: '부가세 (10% 포함)' },
  'receipt.print': { en: 'Print', ko: '인쇄' },
  'receipt.qr': { en: 'QR code of order {id}', ko: '주문 {id}의 QR 코드' },
  // Voiding an order with a cancellation (issue 11), from its receipt.
  'receipt.void': { en: 'VOID', ko: '취소' },
  'receipt.practice': {
    en: 'PRACTICE ORDER · training cluster, not a sale',
    ko: '연습 주문 · 훈련용 클러스터, 실제 판매 아님',
  },
  'void.open': { en: 'Void…', ko: '취소…' },
  'void.title': { en: 'Void order {id}', ko: '주문 {id} 취소' },
  'void.explain': {
    en: 'The order is kept. A cancellation is sent to the order topic after it, with the same customer ID, so the store’s systems see it after the order.',
    ko: '주문은 지우지 않습니다. 같은 고객 ID로 주문 뒤에 취소 메시지를 주문 토픽에 보내므로, 매장 시스템은 주문 다음에 취소를 받습니다.',
  },
  'void.reason': { en: 'Reason (required, at most {max} characters)', ko: '취소 이유 (필수, 최대 {max}자)' },
  'void.confirm': { en: 'Void and send the cancellation', ko: '취소하고 취소 메시지 보내기' },
  'void.back': { en: 'Back', ko: '돌아가기' },
  'void.voided': { en: 'Voided: {reason}', ko: '취소됨: {reason}' },
  'void.cancellationWaiting': { en: 'Cancellation waiting to be sent', ko: '취소 메시지 전송 대기 중' },
  // Set aside at a change of cluster (its order is, or may be, on the other one): no one acts on it.
  'void.cancellationWaitsFor.store': {
    en: 'Cancellation waiting for the store’s cluster, where the order is or may be: it is sent there by itself once the app sends to the store’s cluster again, never to the practice cluster.',
    ko: '취소 메시지는 주문이 있거나 있을 수 있는 매장 클러스터로 보내려고 기다리는 중입니다. 앱이 다시 매장 클러스터로 보내면 저절로 전송되며, 연습용 클러스터로는 보내지 않습니다.',
  },
  // Its order went to (or may be on) brokers or a topic Settings has since changed.
  'void.cancellationWaitsFor.elsewhere': {
    en: 'Cancellation waiting for the brokers and topic its order went to, or may have: it is sent there by itself once Settings sets them again, never to another topic.',
    ko: '취소 메시지는 주문이 전달되었거나 전달되었을 수 있는 브로커와 토픽으로 보내려고 기다리는 중입니다. 설정에서 그 브로커와 토픽을 다시 지정하면 저절로 전송되며, 다른 토픽으로는 보내지 않습니다.',
  },
  'void.cancellationWaitsFor.training': {
    en: 'Cancellation waiting for the practice cluster, where the order is or may be: it is sent there by itself once the app is back in training, never to the store’s cluster.',
    ko: '취소 메시지는 주문이 있거나 있을 수 있는 연습용 클러스터로 보내려고 기다리는 중입니다. 앱이 다시 훈련 모드가 되면 저절로 전송되며, 매장 클러스터로는 보내지 않습니다.',
  },
  'void.cancellationDelivered': {
    en: 'Cancellation delivered · partition {partition} · offset {offset}',
    ko: '취소 메시지 전달됨 · 파티션 {partition} · 오프셋 {offset}',
  },
  'nav.label': { en: 'Screens', ko: '화면' },

  'settings.unsaved': {
    en: 'Settings have unsaved changes. Leave without saving them?',
    ko: '저장하지 않은 설정 변경이 있습니다. 저장하지 않고 나갈까요?',
  },
  'settings.unsavedBadge': { en: 'Unsaved changes', ko: '저장하지 않은 변경' },
  'settings.switchWaiting': {
    en: '{count} orders are still waiting to be sent. These settings, saved, send them to {topic} on the brokers entered here.',
    one: '{count} order is still waiting to be sent. These settings, saved, send it to {topic} on the brokers entered here.',
    ko: '아직 보내지 않은 주문이 {count}건 있습니다. 이 설정을 저장하면 여기 입력한 브로커의 {topic} 토픽으로 보내집니다.',
  },
  // The cancellations that go there with the move (the outbox's sentElsewhere counts them).
  'settings.switchCancellations': {
    en: '{count} cancellations of voided orders are still waiting to be sent. These settings, saved, send them to {topic} on the brokers entered here.',
    one: '{count} cancellation of a voided order is still waiting to be sent. These settings, saved, send it to {topic} on the brokers entered here.',
    ko: '아직 보내지 않은 취소 메시지가 {count}건 있습니다. 이 설정을 저장하면 여기 입력한 브로커의 {topic} 토픽으로 보내집니다.',
  },
  // Those that stay for the cluster and topic their orders went to (atCluster sets them aside).
  'settings.switchCancellationsBehind': {
    en: '{count} cancellations of voided orders belong to the current brokers and topic, where their orders went or may be: they are not sent to the new ones, and wait in the Outbox until the current brokers and topic are set again.',
    one: '{count} cancellation of a voided order belongs to the current brokers and topic, where its order went or may be: it is not sent to the new ones, and waits in the Outbox until the current brokers and topic are set again.',
    ko: '취소 메시지 {count}건은 주문이 전달되었거나 전달되었을 수 있는 지금의 브로커와 토픽의 것입니다. 새 브로커와 토픽으로는 보내지 않고, 지금의 브로커와 토픽을 다시 지정할 때까지 보낼 목록에 남겨 둡니다.',
  },
  // The orders atCluster sets aside at the move (the outbox's sentElsewhere counts them).
  'settings.switchInDoubt': {
    en: '{count} orders were sent with no answer yet and may already be in the topic they went to. So that none is in both, they are not sent to {topic}: they wait in the Outbox, set aside, until the current brokers and topic are set again.',
    one: '{count} order was sent with no answer yet and may already be in the topic it went to. So that it is not in both, it is not sent to {topic}: it waits in the Outbox, set aside, until the current brokers and topic are set again.',
    ko: '응답을 받지 못한 채 보낸 주문 {count}건은 이미 보낸 토픽에 들어가 있을 수 있습니다. 양쪽에 모두 들어가지 않도록 {topic} 토픽으로는 보내지 않고, 지금의 브로커와 토픽을 다시 지정할 때까지 보낼 목록에 따로 남겨 둡니다.',
  },
  'settings.switchSend': { en: 'Save, and send them there', ko: '저장하고 그곳으로 보내기' },
  'settings.switchBack': { en: 'Back', ko: '돌아가기' },
  'settings.leave': { en: 'Leave without saving', ko: '저장하지 않고 나가기' },
  'settings.stay': { en: 'Stay', ko: '머무르기' },
  'settings.display': { en: 'Display', ko: '화면 표시' },
  'settings.scale': { en: 'Text and button size', ko: '글자와 버튼 크기' },
  'settings.catalogue': { en: 'Product catalogue', ko: '상품 목록' },
  'catalogue.editTitle': { en: 'Add or change a product', ko: '상품 추가 또는 변경' },
  'catalogue.add': { en: 'Add a product', ko: '상품 추가' },
  'catalogue.editing': { en: 'Changing {sku}', ko: '{sku} 변경 중' },
  'catalogue.sku': { en: 'SKU', ko: '상품코드' },
  'catalogue.name': { en: 'Product name', ko: '상품명' },
  'catalogue.price': { en: 'Price', ko: '가격' },
  'catalogue.barcode': { en: 'Barcode', ko: '바코드' },
  'catalogue.category': { en: 'Category', ko: '분류' },
  'catalogue.optional': { en: '{field} (optional)', ko: '{field} (선택)' },
  'catalogue.quick': { en: 'Quick key', ko: '빠른 키' },
  'catalogue.addButton': { en: 'Add product', ko: '상품 추가' },
  'catalogue.saveChanges': { en: 'Save product', ko: '상품 저장' },
  'catalogue.cancelEdit': { en: 'Cancel', ko: '취소' },
  'catalogue.filter': { en: 'Find a product', ko: '상품 찾기' },
  'catalogue.actions': { en: 'Actions', ko: '작업' },
  'catalogue.edit': { en: 'Edit', ko: '편집' },
  'catalogue.remove': { en: 'Remove', ko: '삭제' },
  'catalogue.editOne': { en: 'Edit {name}', ko: '{name} 편집' },
  'catalogue.removeOne': { en: 'Remove {name}', ko: '{name} 삭제' },
  'catalogue.more': {
    en: '{n} more not shown (the first {shown} are): narrow it with Find a product',
    ko: '{n}개 더 있습니다 (처음 {shown}개만 표시): 상품 찾기로 좁히세요',
  },
  'settings.catalogueCount': { en: 'Products: {n}', ko: '상품 {n}개' },
  'settings.catalogueHint': {
    en: 'A CSV file whose first row names the columns, one column each: {required}, and optionally {optional} (quick key 1–8). Or put catalogue.csv in the data directory.',
    ko: '첫 행에 열 이름(머리글)이 한 칸에 하나씩 있는 CSV 파일: {required} 열은 꼭 있어야 하고 {optional} 열은 선택입니다(빠른 키는 1–8). 또는 데이터 폴더에 catalogue.csv를 두세요.',
  },
  'settings.catalogueImport': { en: 'Import CSV…', ko: 'CSV 가져오기…' },
  'settings.catalogueImported': {
    en: '{count} products imported',
    one: '{count} product imported',
    ko: '상품 {count}개를 가져왔습니다',
  },
  'settings.catalogueReadAsCp949': {
    en: 'The file was not UTF-8: it was read as Korean Windows text (CP949, EUC-KR).',
    ko: '파일이 UTF-8이 아니어서 한국어 Windows 인코딩(CP949, EUC-KR)으로 읽었습니다.',
  },
  'settings.catalogueProblems': {
    en: 'Nothing was imported. Fix these rows and import again:',
    ko: '아무것도 가져오지 않았습니다. 다음 행을 고친 뒤 다시 가져오세요:',
  },
  'settings.catalogueProblem': {
    en: 'line {line}, column {column}: “{value}”',
    ko: '{line}행, {column} 열: “{value}”',
  },
  'settings.catalogueFileProblems': {
    en: 'Nothing was imported. Fix the file and import again:',
    ko: '아무것도 가져오지 않았습니다. 파일을 고친 뒤 다시 가져오세요:',
  },
  'settings.catalogueNoColumn': {
    en: 'The file has no {column} column: its heading must be one of {accepted} (this file’s headings: {headings})',
    ko: '파일에 {column} 열이 없습니다. 머리글이 {accepted} 중 하나인 열이 있어야 합니다 (이 파일의 머리글: {headings})',
  },
  // The first of a file's headings and how many more: thousands made the message as long.
  'settings.catalogueMoreHeadings': { en: '{headings} and {count} more', ko: '{headings} 외 {count}개' },
  'settings.catalogueTwoColumns': {
    en: 'The file has {count} {column} columns ({found}): keep only one',
    ko: '파일에 {column} 열이 {count}개 있습니다 ({found}). 하나만 남기세요',
  },
  'settings.catalogueColumnAt': { en: '“{heading}” in column {number}', ko: '{number}번 열 “{heading}”' },
  'settings.catalogueEmpty': {
    en: 'The file is empty: it has no heading row and no products',
    ko: '파일이 비어 있습니다. 머리글 행도 상품도 없습니다',
  },
  'settings.catalogueNoProducts': {
    en: 'The file has headings but no products: the catalogue was not changed',
    ko: '파일에 머리글만 있고 상품이 없습니다. 상품 목록은 바뀌지 않았습니다',
  },
  'settings.catalogueTooManyProducts': {
    en: 'The file has {count} products and the catalogue holds at most {max}',
    ko: '파일의 상품은 {count}개인데 상품 목록에는 최대 {max}개까지 넣을 수 있습니다',
  },
  'settings.catalogueTooBig': {
    en: 'The file is too large: at most {max} bytes once read as text (a file saved as CP949 takes about half as much again). Nothing was imported.',
    ko: '파일이 너무 큽니다. 텍스트로 읽었을 때 최대 {max}바이트까지 가져올 수 있습니다 (CP949로 저장한 파일은 읽으면 1.5배쯤 커집니다). 아무것도 가져오지 않았습니다.',
  },
  'nav.review': { en: 'Review', ko: '검토' },
  // The Review tab's description while orders wait for a supervisor (the tab shows the count).
  'nav.reviewHeld': {
    en: '{count} orders waiting for a supervisor',
    one: '{count} order waiting for a supervisor',
    ko: '감독자 확인을 기다리는 주문 {count}건',
  },
  'risk.flagsTitle': { en: 'Check this order before it goes', ko: '보내기 전에 이 주문을 확인하세요' },
  'risk.flagsHint': {
    en: 'These checks cannot tell fraud; they say what is unusual. Fix a typo and submit again, or submit it as it is.',
    ko: '이 점검은 부정 여부를 판단하지 않고, 평소와 다른 점만 알려 줍니다. 잘못 입력했다면 고쳐서 다시 제출하고, 맞다면 그대로 제출하세요.',
  },
  'risk.submitAnyway': { en: 'Submit as it is', ko: '그대로 제출' },
  'risk.severity.high': { en: 'High', ko: '높음' },
  'risk.severity.warning': { en: 'Warning', ko: '주의' },
  'risk.offline': {
    en: 'Checked against this terminal’s orders only: the other terminals’ orders cannot be read right now.',
    ko: '이 단말기의 주문으로만 점검했습니다. 지금은 다른 단말기의 주문을 읽을 수 없습니다.',
  },
  'risk.savedWarned': {
    en: 'Flagged: it goes as it is, its checks named in a risk header.',
    ko: '점검에 걸렸지만 그대로 보냅니다. 걸린 점검은 위험 점검 헤더에 적어 보냅니다.',
  },
  'risk.savedForReview': { en: 'For review', ko: '검토 대상' },
  'risk.outcome.sent': { en: 'Sent, flagged', ko: '표시와 함께 보냄' },
  'risk.outcome.held': { en: 'Held for a supervisor', ko: '감독자 확인 대기' },
  'risk.outcome.confirmed': { en: 'Confirmed and sent', ko: '확인 후 보냄' },
  'risk.outcome.voided': { en: 'Voided', ko: '취소됨' },
  'risk.outcome.routed': { en: 'Sent to review', ko: '검토 토픽으로 보냄' },
  // Until the order is delivered (renderer/review/outcome-label.ts).
  'risk.outcome.sent.waiting': { en: 'Saved, flagged; waiting to be sent', ko: '표시와 함께 저장함, 전송 대기 중' },
  'risk.outcome.sent.attention': {
    en: 'Flagged, not sent: needs attention on the Outbox',
    ko: '표시됨, 보내지 못함: 보낼 목록에서 확인 필요',
  },
  'risk.outcome.sent.voided': { en: 'Flagged, voided: never sent', ko: '표시됨, 보내지 않고 취소함' },
  'risk.outcome.sent.cancelled': { en: 'Sent, flagged, then voided', ko: '표시와 함께 보낸 뒤 취소함' },
  'risk.outcome.confirmed.waiting': { en: 'Confirmed; waiting to be sent', ko: '확인함, 전송 대기 중' },
  'risk.outcome.confirmed.attention': {
    en: 'Confirmed, not sent: needs attention on the Outbox',
    ko: '확인했지만 보내지 못함: 보낼 목록에서 확인 필요',
  },
  'risk.outcome.confirmed.voided': { en: 'Confirmed, voided: never sent', ko: '확인했지만 보내지 않고 취소함' },
  'risk.outcome.confirmed.cancelled': { en: 'Confirmed and sent, then voided', ko: '확인 후 보낸 뒤 취소함' },
  'risk.outcome.routed.waiting': { en: 'For review; waiting to be sent', ko: '검토 토픽 전송 대기 중' },
  'risk.savedHeld': {
    en: 'Saved and held: a supervisor confirms or voids it on the Review screen.',
    ko: '저장했고 보류 중입니다. 감독자가 검토 화면에서 확인하거나 취소합니다.',
  },
  'risk.savedRouted': {
    en: 'Saved: it goes to the review topic {topic}, not to the order topic.',
    ko: '저장했습니다. 주문 토픽이 아니라 검토 토픽 {topic, josa(으로/로)} 보냅니다.',
  },
  'review.title': { en: 'Review: today’s flagged orders', ko: '검토: 오늘 표시된 주문' },
  'review.search': {
    en: 'Search (customer ID, order id, name, check, outcome)',
    ko: '검색 (고객 ID, 주문 ID, 이름, 점검, 결과)',
  },
  'review.export': { en: 'Export CSV', ko: 'CSV 내보내기' },
  'review.empty': { en: 'No flagged orders today.', ko: '오늘 표시된 주문이 없습니다.' },
  // A search that finds nothing: "none today" read as if nothing had been flagged.
  'review.noMatch': {
    en: 'No flagged order matches “{query}”.',
    ko: '검색어 “{query}”에 맞는 표시된 주문이 없습니다.',
  },
  'review.time': { en: 'Time', ko: '시각' },
  'review.order': { en: 'Order', ko: '주문' },
  'review.customer': { en: 'Customer', ko: '고객' },
  'review.total': { en: 'Total', ko: '합계' },
  // Under the total of an order corrected on the Outbox after it was flagged: the total shown is what is sent.
  'review.savedTotal': { en: 'Corrected; saved as {total}', ko: '수정됨, 저장 당시 {total}' },
  // Under the customer's name of an order a correction on the Outbox renamed: the name shown is the one it carries now.
  'review.savedName': { en: 'Corrected; saved as {name}', ko: '수정됨, 저장 당시 이름 {name}' },
  'review.flags': { en: 'Flags and reasons', ko: '표시와 이유' },
  'review.outcome': { en: 'Outcome', ko: '결과' },
  'review.decidedBy': { en: '{who}, {when}', ko: '{who}, {when}' },
  'review.confirm': { en: 'Confirm and send', ko: '확인하고 보내기' },
  'review.practiceTitle': {
    en: 'Flagged in training, on the app’s practice cluster: confirmed, it goes where orders go now',
    ko: '훈련 중 연습용 클러스터에서 표시된 주문입니다. 확인하면 지금 주문이 가는 곳으로 전송됩니다',
  },
  'review.void': { en: 'Void', ko: '취소' },
  'review.supervisor': { en: 'Supervisor', ko: '감독자' },
  'review.pin': { en: 'Supervisor PIN', ko: '감독자 PIN' },
  // The decision form's PIN, beside its Supervisor field: a label holding that word too made
  // getByLabel('Supervisor') (and a screen reader's search) find both fields.
  'review.decidePin': { en: 'PIN', ko: 'PIN' },
  'review.decideFor': { en: 'Decision on order {id}', ko: '주문 {id} 결정' },
  'review.cancel': { en: 'Cancel', ko: '닫기' },
  'settings.risk': { en: 'Risk checks', ko: '위험 점검' },
  'settings.riskLimits': { en: 'Windows and limits', ko: '기간과 한도' },
  'settings.riskLimitsHint': {
    en: 'An empty box switches that limit off. Amounts in won. Saved with the policies, with the PIN.',
    ko: '칸을 비우면 그 한도는 꺼집니다. 금액은 원 단위입니다. 정책과 함께 PIN으로 저장됩니다.',
  },
  'settings.limit.duplicateWindowMinutes': { en: 'Duplicate within (minutes)', ko: '중복 판단 기간 (분)' },
  'settings.limit.window': { en: 'Velocity window {n} (hours)', ko: '과다 주문 기간 {n} (시간)' },
  'settings.limit.customerMaxOrders': { en: 'Orders per customer in {hours} h', ko: '고객당 {hours}시간 주문 수' },
  'settings.limit.customerMaxAmount': { en: 'Amount per customer in {hours} h', ko: '고객당 {hours}시간 금액' },
  'settings.limit.terminalMaxOrders': { en: 'Orders per terminal in {hours} h', ko: '단말기당 {hours}시간 주문 수' },
  'settings.limit.terminalMaxAmount': { en: 'Amount per terminal in {hours} h', ko: '단말기당 {hours}시간 금액' },
  'settings.limit.newCustomerLargeTotal': {
    en: 'New customer: flag totals above',
    ko: '새 고객: 이 금액 초과 시 표시',
  },
  'settings.limit.minHistory': { en: 'Outliers: at least this many past orders', ko: '이상값: 최소 과거 주문 수' },
  'settings.limit.minCustomerHistory': {
    en: 'Outliers: use the customer’s own orders once there are this many',
    ko: '이상값: 고객 본인 주문과 비교하는 최소 주문 수',
  },
  'settings.riskHint': {
    en: 'What happens to an order a check flags. Warn: sent with a risk header. Hold: waits for a supervisor. Route: sent to the review topic. Changing these needs the supervisor PIN.',
    ko: '점검에 걸린 주문의 처리 방식입니다. 경고: 위험 점검 헤더를 붙여 보냄. 보류: 감독자를 기다림. 검토 토픽: 검토 토픽으로 보냄. 바꾸려면 감독자 PIN이 필요합니다.',
  },
  // The checks' names: shared, Review's search matches them.
  'settings.risk.duplicate': RISK_CHECK_NAMES.duplicate,
  'settings.risk.velocity': RISK_CHECK_NAMES.velocity,
  'settings.risk.amount-outlier': RISK_CHECK_NAMES['amount-outlier'],
  'settings.risk.quantity-outlier': RISK_CHECK_NAMES['quantity-outlier'],
  'settings.risk.new-customer-large': RISK_CHECK_NAMES['new-customer-large'],
  'settings.policy.warn': { en: 'Warn', ko: '경고' },
  'settings.policy.hold': { en: 'Hold', ko: '보류' },
  'settings.policy.route': { en: 'Route to review', ko: '검토 토픽' },
  'settings.reviewTopic': { en: 'Review topic', ko: '검토 토픽' },
  'settings.riskSave': { en: 'Save risk policies', ko: '위험 점검 저장' },
  'settings.riskSaved': { en: 'Risk policies saved', ko: '위험 점검을 저장했습니다' },
  'settings.pinCurrent': { en: 'Current PIN', ko: '현재 PIN' },
  'settings.pinNew': { en: 'New supervisor PIN (4–12 digits)', ko: '새 감독자 PIN (숫자 4~12자리)' },
  'settings.pinSet': { en: 'Set PIN', ko: 'PIN 설정' },
  'settings.pinSaved': { en: 'Supervisor PIN set', ko: '감독자 PIN을 설정했습니다' },
  'settings.pinIsSet': { en: 'A supervisor PIN is set.', ko: '감독자 PIN이 설정되어 있습니다.' },
  'settings.pinNotSet': { en: 'No supervisor PIN yet.', ko: '감독자 PIN이 아직 없습니다.' },
} as const satisfies Record<string, Words>;

export type UiKey = keyof typeof UI_STRINGS;
