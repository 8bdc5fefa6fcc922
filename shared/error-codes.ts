// Every error the app can show, with the clerk's words in English and Korean.
// Errors cross the bridge as values ({ code, params }), never as thrown objects, so the
// renderer can always explain them. The renderer's i18n resources are built from this table.

import { fillTemplate } from './josa';

export const ERROR_MESSAGES = {
  // Order form fields (used as zod issue messages in order-schema.ts)
  'field.required': { en: 'Required', ko: '필수 항목입니다' },
  'field.tooLong': { en: 'Too long: at most {max} characters', ko: '너무 깁니다: 최대 {max}자' },
  'field.invalid': { en: 'Invalid value', ko: '올바르지 않은 값입니다' },
  'field.notANumber': { en: 'Enter a number', ko: '숫자를 입력하세요' },
  // A whole-number field's range, from the schema the service checks (shared/number-field.ts).
  'field.wholeBetween': {
    en: 'Enter a whole number from {min} to {max}',
    ko: '{min}부터 {max}까지의 정수를 입력하세요',
  },
  'field.wholeAtLeast': { en: 'Enter a whole number, {min} or more', ko: '{min} 이상의 정수를 입력하세요' },
  'field.digitGroups': {
    en: 'Commas go between groups of three digits, as in 1,000',
    ko: '쉼표는 세 자리마다 넣습니다 (예: 1,000)',
  },
  'field.unitShorthand': {
    en: 'One digit after a unit reads two ways (1만5: 15,000 or 10,005): write 1만5천 or 10005',
    ko: '단위 뒤의 한 자리 숫자는 두 가지로 읽힙니다 (1만5: 15,000 또는 10,005). 1만5천 또는 10005처럼 쓰세요',
  },
  'field.quantityWhole': { en: 'Quantity must be a whole number', ko: '수량은 정수여야 합니다' },
  'field.quantityRange': { en: 'Quantity must be 1 to 999', ko: '수량은 1~999 사이여야 합니다' },
  'field.priceNegative': { en: 'Price cannot be negative', ko: '가격은 0 이상이어야 합니다' },
  'field.priceTooHigh': { en: 'Price is too high: at most {max}', ko: '가격이 너무 큽니다: 최대 {max}' },
  'field.priceDecimals': { en: 'At most two decimals', ko: '소수점 둘째 자리까지만 입력하세요' },
  'field.priceWhole': {
    en: 'No decimals: {currency} prices are whole amounts',
    ko: '소수점 없이 입력하세요: {currency} 가격은 정수입니다',
  },
  'field.catalogueCurrency': {
    en: 'The catalogue’s price is in {catalogue}: type the price in {currency}',
    ko: '카탈로그 가격은 {catalogue} 기준입니다. {currency} 가격을 입력하세요',
  },
  'field.tenderedShort': { en: '{short} short of the total', ko: '합계보다 {short} 부족합니다' },
  'field.customerIdChars': {
    en: 'Letters, digits, dot, dash and underscore only',
    ko: '문자, 숫자, 점, 대시, 밑줄만 사용할 수 있습니다',
  },
  'field.customerIdDigits': {
    en: 'Digits 0-9 only: this has digits of another script, often pasted. Retype it',
    ko: '숫자는 0-9만 쓸 수 있습니다. 다른 문자의 숫자가 있습니다(주로 붙여 넣을 때 들어옵니다). 직접 입력하세요',
  },
  'field.customerIdLookalike': {
    en: 'Mixes Latin letters with letters of another alphabet that look the same, often pasted: retype it',
    ko: '로마자와 모양이 같은 다른 문자가 섞여 있습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
  },
  'field.customerIdLooksLatin': {
    en: 'Has letters of another alphabet that look like Latin ones (Cyrillic, Greek, Cherokee…), often pasted: retype it',
    ko: '로마자처럼 보이는 다른 문자(키릴 문자, 그리스 문자, 체로키 문자 등)가 들어 있습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
  },
  'field.customerIdMixedAlphabets': {
    en: 'Mixes Cyrillic and Greek letters, which look alike, often pasted: write it in one alphabet',
    ko: '모양이 비슷한 키릴 문자와 그리스 문자가 섞여 있습니다. 주로 붙여 넣을 때 들어옵니다. 한 가지 문자로 입력하세요',
  },
  'field.customerIdCyrillicGreek': {
    en: 'Every Cyrillic or Greek letter in it looks the same in the other alphabet (П and Π, Ф and Φ…), so it reads as another customer’s ID: write it in Latin or Korean letters',
    ko: '키릴 문자나 그리스 문자가 모두 다른 쪽 문자와 모양이 같아(П와 Π, Ф와 Φ 등) 다른 고객의 ID로 읽힙니다. 로마자나 한글로 입력하세요',
  },
  'field.customerIdScript': {
    en: 'Letters of an alphabet a customer ID does not use, often pasted: use Latin, Korean, Chinese, Japanese, Cyrillic or Greek letters',
    ko: '고객 ID에 쓰지 않는 문자가 있습니다(주로 붙여 넣을 때 들어옵니다). 로마자, 한글, 한자, 일본 문자, 키릴 문자, 그리스 문자로 입력하세요',
  },
  'field.phoneChars': {
    en: 'Digits, spaces, +, ( ), - and . only',
    ko: '숫자, 공백, +, ( ), -, 마침표(.)만 사용할 수 있습니다',
  },
  'field.phoneShort': {
    en: 'A phone number has at least 8 digits (e.g. 1588-1234)',
    ko: '전화번호는 숫자 8자리 이상입니다 (예: 1588-1234)',
  },
  'field.linesMin': { en: 'Add at least one line', ko: '품목을 하나 이상 추가하세요' },
  'field.linesMax': { en: 'At most 50 lines', ko: '품목은 최대 50개입니다' },
  'field.currency': { en: 'Three-letter currency code, e.g. KRW', ko: '세 글자 통화 코드 (예: KRW)' },
  'field.currencyUnknown': {
    en: '{code} is not a currency code (ISO 4217), e.g. KRW, USD',
    ko: '{code, josa(은/는)} 통화 코드가 아닙니다 (예: KRW)',
  },
  'field.currencyWithdrawn': {
    en: '{code} is no longer in use: ISO 4217 replaced it with {replacement}, in other amounts. Enter the order in {replacement}',
    ko: '{code, josa(은/는)} 더 이상 쓰지 않는 통화입니다. {replacement, josa(으로/로)} 바뀌었고 금액 단위가 다릅니다. 주문을 {replacement, josa(으로/로)} 입력하세요',
  },
  'field.currencyNotPaidIn': {
    en: '{code} is an ISO 4217 code but no money a customer pays in (a fund, unit of account or metal), e.g. KRW, USD',
    ko: '{code, josa(은/는)} 손님이 내는 돈의 통화 코드가 아닙니다(기금, 계산 단위, 귀금속의 코드입니다). 예: KRW',
  },
  'field.currencyUnknownMeant': {
    en: '{code} is not a currency code; did you mean {suggestion}?',
    ko: '{code, josa(은/는)} 통화 코드가 아닙니다. {suggestion, josa(을/를)} 입력하려고 하셨나요?',
  },
  'field.retentionDays': {
    en: 'Whole days, from {min} to {max}',
    ko: '{min}에서 {max} 사이의 일수(정수)를 입력하세요',
  },
  'field.brokerIpv6': {
    en: 'An IPv6 address cannot be used: the Kafka client takes host:port. Give the broker’s host name or IPv4 address',
    ko: 'IPv6 주소는 쓸 수 없습니다. Kafka 클라이언트는 호스트:포트 형식만 받습니다. 브로커의 호스트 이름이나 IPv4 주소를 입력하세요',
  },
  'field.brokerAddress': {
    en: 'host:port, e.g. 127.0.0.1:9092',
    ko: '호스트:포트 형식 (예: 127.0.0.1:9092)',
  },
  'field.brokerHost': {
    en: 'The host name is letters, digits, dashes and underscores between dots, none at the start or end of a part, e.g. kafka-1:9092',
    ko: '호스트 이름은 점으로 나눈 부분마다 문자, 숫자, 대시, 밑줄로 쓰며, 각 부분은 대시나 점으로 시작하거나 끝날 수 없습니다 (예: kafka-1:9092)',
  },
  'field.brokerPort': {
    en: 'The port is a number from 1 to 65535, e.g. 127.0.0.1:9092',
    ko: '포트는 1부터 65535까지의 숫자입니다 (예: 127.0.0.1:9092)',
  },
  'field.brokersMax': { en: 'At most {max} brokers', ko: '브로커는 최대 {max}개입니다' },
  'field.topicName': {
    en: 'Letters, digits, dot, dash and underscore only (a Kafka topic name, at most 249)',
    ko: '문자, 숫자, 점, 대시, 밑줄만 사용할 수 있습니다 (Kafka 토픽 이름, 최대 249자)',
  },
  'field.absolutePath': {
    en: 'The full path of a file on this terminal, e.g. /etc/kafka/ca.pem',
    ko: '이 단말기에 있는 파일의 전체 경로 (예: /etc/kafka/ca.pem)',
  },
  'field.certAndKey': {
    en: 'Give the client certificate and its key together, or neither',
    ko: '클라이언트 인증서와 키를 함께 지정하거나 둘 다 비워 두세요',
  },
  'catalogue.skuTaken': {
    en: 'SKU {sku} already belongs to {name}',
    ko: '상품코드 {sku, josa(은/는)} 이미 {name}의 상품코드입니다',
  },
  'catalogue.barcodeTaken': {
    en: 'Barcode {barcode} already belongs to {name}',
    ko: '바코드 {barcode, josa(은/는)} 이미 {name}의 바코드입니다',
  },
  'catalogue.quickTaken': {
    en: 'Quick key {quick} already belongs to {name}',
    ko: '빠른 키 {quick, josa(은/는)} 이미 {name}에 지정되어 있습니다',
  },
  'catalogue.notFound': { en: 'No product with SKU {sku}', ko: '상품코드가 {sku}인 상품이 없습니다' },
  'catalogue.full': { en: 'At most {max} products', ko: '상품은 최대 {max}개입니다' },
  'catalogue.notText': {
    en: 'The file is not text in UTF-8 or in Korean Windows encoding (CP949): nothing was imported. Save it from the spreadsheet as CSV and import it again.',
    ko: '파일이 UTF-8이나 한국어 Windows 인코딩(CP949) 텍스트가 아닙니다. 아무것도 가져오지 않았습니다. 스프레드시트에서 CSV로 저장한 뒤 다시 가져오세요.',
  },
  'field.paymentMethod': { en: 'Choose cash, card or other', ko: '현금, 카드, 기타 중에서 선택하세요' },
  'field.invisibleChars': {
    en: 'Contains an invisible character (a direction mark, a zero-width space, a line separator), often pasted: retype it',
    ko: '보이지 않는 문자(방향 표시, 폭 없는 공백, 줄 구분 문자)가 있습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
  },
  'field.stackedMarks': {
    en: 'Has more than {max} marks stacked on one letter, often pasted: retype it',
    ko: '한 글자에 덧붙인 기호가 {max}개를 넘습니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
  },
  'field.markOnNothing': {
    en: 'Begins with a mark (an accent) that has no letter under it, often pasted: retype it',
    ko: '글자 없이 덧붙인 기호로 시작합니다. 주로 붙여 넣을 때 들어옵니다. 직접 입력하세요',
  },
  'field.controlChars': {
    en: 'Contains a control character (an invisible character, often pasted): remove it',
    ko: '제어 문자(주로 붙여 넣을 때 들어오는 보이지 않는 문자)가 있습니다. 지우세요',
  },

  // Bridge
  // The detail is a schema's English words (the log's and a script's): Korean names the field.
  'request.invalid': {
    en: 'The request was not valid: {detail}',
    ko: '요청이 올바르지 않습니다 (문제가 있는 항목: {field})',
  },
  'request.forbidden': {
    en: 'Request refused: it did not come from the app window',
    ko: '앱 창에서 온 요청이 아니므로 거부했습니다',
  },
  'request.unknown': { en: 'Unknown request {channel}', ko: '알 수 없는 요청입니다: {channel}' },
  'request.busy': {
    en: 'This window has {inFlight} requests still unanswered: try again in a moment',
    ko: '이 창의 요청 {inFlight}건에 아직 응답이 없습니다. 잠시 후 다시 시도하세요',
  },
  'request.unauthorized': { en: 'Wrong or missing access token', ko: '접근 토큰이 없거나 올바르지 않습니다' },
  'request.wrongAddress': {
    en: 'This page was opened at {address}, an address Order Desk does not answer on: it answers only at {expected} and {alsoAt}. Open the address it printed when it started (the line beginning with "ready"), token included.',
    ko: '이 페이지는 오더 데스크가 응답하지 않는 주소({address})로 열렸습니다. 오더 데스크는 {expected, josa(과/와)} {alsoAt}에서만 응답합니다. 오더 데스크가 시작할 때 출력한 주소("ready"로 시작하는 줄)를 토큰까지 그대로 여세요.',
  },
  'request.noAddress': {
    en: 'This request named no address (it had no Host header), so Order Desk cannot tell which page it is for: it answers only at {expected} and {alsoAt}. Open the address it printed when it started (the line beginning with "ready"), token included.',
    ko: '이 요청에는 주소(호스트 헤더)가 없어 어느 페이지를 위한 요청인지 알 수 없습니다. 오더 데스크는 {expected, josa(과/와)} {alsoAt}에서만 응답합니다. 오더 데스크가 시작할 때 출력한 주소("ready"로 시작하는 줄)를 토큰까지 그대로 여세요.',
  },
  'request.tooManyWindows': {
    en: 'Order Desk already has {max} windows open, as many as it serves. Close one you no longer use, then reload this page.',
    ko: '오더 데스크 창이 이미 최대 개수인 {max}개 열려 있습니다. 쓰지 않는 창을 닫은 뒤 이 페이지를 새로 고치세요.',
  },
  internal: { en: 'Something went wrong: {detail}', ko: '문제가 발생했습니다: {detail}' },
  'request.tooLarge': {
    en: 'The request is too large (at most {max} bytes)',
    ko: '요청이 너무 큽니다 (최대 {max}바이트)',
  },

  // The service process (outbox, delivery, Diagnostics) and its restarts
  'service.restartingOther': {
    en: 'The order service stopped and is restarting. Try again in a moment; the order shows whether what you asked was already done.',
    ko: '주문 서비스가 중지되어 다시 시작하고 있습니다. 잠시 후 다시 시도하세요. 요청한 작업이 이미 처리되었는지는 주문에 표시됩니다.',
  },
  'service.restarting': {
    en: 'The order service stopped and is restarting. Your order is still in the form: submit it again in a moment; it will not be saved twice.',
    ko: '주문 서비스가 중지되어 다시 시작하고 있습니다. 주문은 입력 화면에 그대로 있습니다. 잠시 후 다시 제출하세요. 두 번 저장되지 않습니다.',
  },
  'service.failed': {
    en: 'The order service stopped {count} times in a row and was not started again ({detail}). Orders already saved are safe on this terminal; restart Order Desk.',
    ko: '주문 서비스가 연속 {count}번 중지되어 다시 시작하지 않았습니다 ({detail}). 이미 저장된 주문은 이 단말기에 안전하게 보관되어 있습니다. 오더 데스크를 다시 시작하세요.',
  },
  'service.closing': { en: 'Order Desk is closing', ko: '오더 데스크를 종료하는 중입니다' },
  'start.portInUse': {
    en: 'Port {port} on 127.0.0.1 is already in use (another Order Desk, or another program). Nothing was started: start with another port ({flag}), or stop what uses it.',
    ko: '127.0.0.1의 {port}번 포트는 이미 사용 중입니다(다른 오더 데스크나 다른 프로그램). 아무것도 시작하지 않았습니다. 다른 포트({flag})로 시작하거나 그 포트를 쓰는 프로그램을 중지하세요.',
  },
  'instance.running': {
    en: 'Another Order Desk is already using this terminal’s data ({dataDir}). Use the window that is open; this one changed nothing.',
    ko: '다른 오더 데스크가 이미 이 단말기의 데이터({dataDir})를 사용하고 있습니다. 열려 있는 창을 사용하세요. 이 창은 아무것도 변경하지 않았습니다.',
  },

  // Orders and delivery
  'order.notFound': { en: 'No order {orderId}', ko: '주문 {orderId, josa(을/를)} 찾을 수 없습니다' },
  'order.notRetryable': { en: 'Only a failed order can be retried', ko: '실패한 주문만 다시 보낼 수 있습니다' },
  'order.busy': {
    en: 'This terminal is busy ({inFlight} orders being saved). This order was not saved; submit it again in a moment.',
    ko: '단말기가 바쁩니다(저장 중인 주문 {inFlight}건). 이 주문은 저장되지 않았습니다. 잠시 후 다시 제출하세요.',
  },
  'order.changedSinceSaved': {
    en: 'Order {order} was already saved as it was before your change: only its answer was lost. Your change is not saved. Submit again to save this form as another order; void {order} in Orders if it should not stand.',
    ko: '주문 {order, josa(은/는)} 변경 전 내용으로 이미 저장되었습니다. 응답만 받지 못했습니다. 변경 내용은 저장되지 않았습니다. 다시 제출하면 지금 양식이 다른 주문으로 저장됩니다. 주문 {order, josa(이/가)} 필요 없으면 주문 내역에서 취소하세요.',
  },
  // Set aside when the app went from its training cluster to the store's, or back (the outbox's
  // sendsTo); shown only while the app sends to the other cluster, as back on its own the order goes.
  'order.trainingNotSent': {
    en: 'Saved in training, for the practice cluster: not sent to the store’s cluster. It goes to the practice cluster by itself once the app is back in training. Void it if it was practice; Resend sends it to the store’s cluster now.',
    ko: '훈련 중에 연습용 클러스터로 저장된 주문이라 매장 클러스터로 보내지 않았습니다. 앱이 다시 훈련 모드가 되면 저절로 연습용 클러스터로 갑니다. 연습이었다면 취소하고, 지금 매장으로 보내려면 다시 보내세요.',
  },
  'order.storeOrderNotSent': {
    en: 'Saved for the store’s cluster, and not sent to the practice cluster when the app went to it. It goes to the store’s cluster by itself once the app sends there again (its brokers set in Settings); Resend sends it to the practice cluster now, and Alt+T leaves it to a person.',
    ko: '매장 클러스터로 저장된 주문이라 앱이 연습용 클러스터로 바뀌었을 때 그쪽으로 보내지 않았습니다. 앱이 다시 매장 클러스터로 보내면(설정에 매장 브로커 지정) 저절로 그쪽으로 갑니다. 지금 다시 보내기를 누르면 연습용 클러스터로 가며, Alt+T로는 보내지 않습니다.',
  },
  // Set aside when Settings moved the store to other brokers (another cluster) or another topic
  // while the order's answer was lost (the outbox's atCluster): it may be in the first one's topic.
  'order.inDoubtOtherCluster': {
    en: 'Sent before the store’s brokers or its order topic were changed in Settings, and its answer was lost: it may already be in the topic it went to. So that it is not in both, it is not sent to the current topic by itself. With those brokers and that topic set again, it is looked for there and sent only if missing; Resend sends it to the current topic.',
    ko: '설정에서 매장 브로커나 주문 토픽을 바꾸기 전에 보냈지만 응답을 받지 못해, 그때 보낸 토픽에 이미 들어가 있을 수 있습니다. 양쪽에 모두 들어가지 않도록 지금 토픽으로는 저절로 보내지 않습니다. 그 브로커와 토픽을 다시 지정하면 그쪽에서 찾아보고 없을 때만 보냅니다. 지금 토픽으로 보내려면 다시 보내기를 누르세요.',
  },
  'order.storeFailed': {
    en: 'The order could not be saved on this terminal: {detail}',
    ko: '이 단말기에 주문을 저장하지 못했습니다: {detail}',
  },
  // Clerk-facing: no broker addresses (the `brokers` parameter stays for logs and Diagnostics).
  'kafka.unreachable': {
    en: 'Cannot reach the order server. Orders are kept and will be sent when it is back.',
    ko: '주문 서버에 연결할 수 없습니다. 주문은 보관되며 연결되면 전송됩니다.',
  },
  'kafka.topicMissing': {
    en: 'Topic "{topic}" does not exist. Ask an operator to create it (Diagnostics → Create topic, or kafka-topics.sh --create --topic {topic} --partitions 3 --replication-factor 3). Orders are kept meanwhile.',
    ko: '토픽 {topic, josa(이/가)} 없습니다. 운영자에게 생성을 요청하세요 (진단 → 토픽 생성, 또는 kafka-topics.sh --create --topic {topic} --partitions 3 --replication-factor 3). 그동안 주문은 보관됩니다.',
  },
  'kafka.notEnoughReplicas': {
    en: 'Too few order servers are in sync to store the order safely. It will be sent again.',
    ko: '동기화된 주문 서버가 부족하여 안전하게 저장할 수 없습니다. 다시 전송합니다.',
  },
  'kafka.authFailed': {
    en: 'The order server refused the user name or password (Kafka does not say which). Check them in Settings. Orders are kept meanwhile. ({detail})',
    ko: '주문 서버가 사용자 이름 또는 비밀번호를 거부했습니다 (Kafka는 어느 쪽인지 알려주지 않습니다). 설정에서 확인하세요. 그동안 주문은 보관됩니다. ({detail})',
  },
  // Connecting securely: each failure says what is wrong and what fixes it. Orders wait meanwhile.
  'kafka.saslMechanism': {
    en: 'The order server does not accept the {mechanism} login; it offers {offered}. Choose one of those in Settings. Orders are kept meanwhile.',
    ko: '주문 서버가 {mechanism} 로그인을 받지 않습니다. 서버가 제공하는 방식: {offered}. 설정에서 그중 하나를 고르세요. 그동안 주문은 보관됩니다.',
  },
  'sasl.notOnListener': {
    en: 'SASL login is on, but the broker port does not use SASL (a listener without login). Turn SASL login off or use the SASL port in Settings. Orders are kept meanwhile.',
    ko: 'SASL 로그인이 켜져 있지만 브로커 포트는 SASL 로그인을 쓰지 않습니다 (로그인 없는 리스너). 설정에서 SASL 로그인을 끄거나 SASL 포트를 사용하세요. 그동안 주문은 보관됩니다.',
  },
  'sasl.passwordMissing': {
    en: 'A SASL user name is set but no password. Enter the password in Settings. Orders are kept meanwhile.',
    ko: 'SASL 사용자 이름은 있지만 비밀번호가 없습니다. 설정에서 비밀번호를 입력하세요. 그동안 주문은 보관됩니다.',
  },
  'tls.fileUnreadable': {
    en: 'The file {file} could not be read (missing, or not readable by the app). Check the path in Settings. Orders are kept meanwhile.',
    ko: '파일 {file, josa(을/를)} 읽을 수 없습니다 (없거나 앱이 읽을 권한이 없습니다). 설정에서 경로를 확인하세요. 그동안 주문은 보관됩니다.',
  },
  'tls.fileNotPem': {
    en: 'The file {file} holds no PEM {kind} (a "-----BEGIN …" block). Check the path in Settings. Orders are kept meanwhile.',
    ko: '파일 {file}에 PEM {kind} ("-----BEGIN …" 블록)이 없습니다. 설정에서 경로를 확인하세요. 그동안 주문은 보관됩니다.',
  },
  'secrets.unavailable': {
    en: 'The OS keychain is not available, so the secret cannot be stored safely. Nothing was saved.',
    ko: '운영체제 키체인을 사용할 수 없어 비밀 정보를 안전하게 저장할 수 없습니다. 저장하지 않았습니다.',
  },
  'tls.untrusted': {
    en: 'The order server’s certificate is not signed by a trusted authority. Set the store’s CA certificate file in Settings. Orders are kept meanwhile.',
    ko: '주문 서버의 인증서를 신뢰할 수 있는 기관이 서명하지 않았습니다. 설정에서 매장의 CA 인증서 파일을 지정하세요. 그동안 주문은 보관됩니다.',
  },
  'tls.nameMismatch': {
    en: 'The order server’s certificate is for another name than the broker address ({detail}). Use the broker name on the certificate in Settings. Orders are kept meanwhile.',
    ko: '주문 서버의 인증서 이름이 브로커 주소와 다릅니다 ({detail}). 설정에서 인증서에 적힌 브로커 이름을 사용하세요. 그동안 주문은 보관됩니다.',
  },
  'tls.expired': {
    en: 'The order server’s certificate has expired. Ask the cluster’s operator to renew it. Orders are kept meanwhile.',
    ko: '주문 서버의 인증서가 만료되었습니다. 클러스터 운영자에게 갱신을 요청하세요. 그동안 주문은 보관됩니다.',
  },
  'tls.clientCertRequired': {
    en: 'The order server requires a client certificate this terminal did not present or it does not trust. Set the client certificate and key in Settings. Orders are kept meanwhile.',
    ko: '주문 서버가 요구하는 클라이언트 인증서가 없거나 신뢰되지 않습니다. 설정에서 클라이언트 인증서와 키를 지정하세요. 그동안 주문은 보관됩니다.',
  },
  'tls.keyPassphrase': {
    en: 'The client key could not be opened: wrong passphrase or not a key. Check the key file and its passphrase in Settings.',
    ko: '클라이언트 키를 열 수 없습니다. 암호가 틀렸거나 키 파일이 아닙니다. 설정에서 키 파일과 암호를 확인하세요.',
  },
  'tls.toPlaintext': {
    en: 'TLS is on, but the broker port does not speak TLS (a plaintext listener). Turn TLS off or use the TLS port in Settings. Orders are kept meanwhile.',
    ko: 'TLS가 켜져 있지만 브로커 포트가 TLS를 사용하지 않습니다 (평문 리스너). 설정에서 TLS를 끄거나 TLS 포트를 사용하세요. 그동안 주문은 보관됩니다.',
  },
  'tls.plainToTls': {
    en: 'TLS is off, but the broker port expects TLS. Turn TLS on in Settings. Orders are kept meanwhile.',
    ko: 'TLS가 꺼져 있지만 브로커 포트는 TLS를 요구합니다. 설정에서 TLS를 켜세요. 그동안 주문은 보관됩니다.',
  },
  'kafka.messageTooLarge': {
    en: 'The order is too large for the order server',
    ko: '주문이 주문 서버에 비해 너무 큽니다',
  },
  'kafka.recordInvalid': {
    en: 'The order server refused this order as invalid',
    ko: '주문 서버가 이 주문을 올바르지 않다고 거부했습니다',
  },
  'kafka.timeout': { en: 'The order server did not answer in time', ko: '주문 서버가 제때 응답하지 않았습니다' },
  'kafka.slow': {
    en: 'The order server is answering slowly (nothing for {seconds} s). Orders are kept and will be sent.',
    ko: '주문 서버의 응답이 느립니다 ({seconds}초 동안 응답 없음). 주문은 보관되며 전송됩니다.',
  },
  'kafka.error': { en: 'The order server returned an error: {detail}', ko: '주문 서버 오류: {detail}' },
  // A topic deleted and re-created, or truncated, after orders were delivered to it (issue 10).
  'topic.recreated': {
    en: 'Topic "{topic}" was deleted and re-created (or cut short) after orders were delivered to it: orders delivered since {since} are no longer in it ({count}). Downstream consumers lose them, and their saved positions (checkpoints, committed offsets) no longer match the topic, whose offsets started again: a consumer may stop with an error or skip new orders until it is reset. Re-send the orders, then reset the consumers.',
    ko: '주문이 전송된 뒤 토픽 {topic, josa(이/가)} 삭제 후 다시 만들어졌거나 잘렸습니다: {since} 이후 전송된 주문 {count}건이 더 이상 토픽에 없습니다. 하위 컨슈머는 이 주문을 잃고, 저장해 둔 위치(체크포인트, 커밋된 오프셋)가 처음부터 다시 시작한 토픽의 오프셋과 맞지 않아 오류로 멈추거나 새 주문을 건너뛸 수 있습니다. 주문을 다시 보낸 뒤 컨슈머를 초기화하세요.',
  },
  'topic.recreatedById': {
    en: 'The cluster says so itself: the orders went to the topic with id {delivered}; "{topic}" now has id {now}, a new topic of the same name.',
    ko: '클러스터가 직접 알려 줍니다: 주문은 ID가 {delivered}인 토픽으로 갔고, 지금의 토픽 {topic, josa(은/는)} ID가 {now}인 같은 이름의 새 토픽입니다.',
  },
  'topic.resendConfirm': {
    en: 'Re-send the orders delivered since {since} ({count}) to topic "{topic}" as it is now? Consumers that already have some of them see them again and can drop the duplicates by their order-id.',
    ko: '{since} 이후 전송된 주문 {count}건을 현재 토픽 {topic}에 다시 보낼까요? 이미 일부를 받은 컨슈머는 다시 받게 되며, 주문 ID(order-id)로 중복을 버릴 수 있습니다.',
  },
  'order.resendChanged': {
    en: 'More orders were found missing since you confirmed ({expected} confirmed, {count} now). Nothing was re-sent; check the number and confirm again.',
    ko: '확인한 뒤 누락된 주문이 더 발견되었습니다 (확인 {expected}건, 현재 {count}건). 아무것도 다시 보내지 않았습니다. 건수를 확인하고 다시 확인하세요.',
  },

  // Poison orders (issue 10): refused at Save where the topic's limit is known, else held for a person.
  'order.tooLarge': {
    en: 'This order is too large to send: {size} bytes, and the order topic accepts at most {max}. Remove lines or shorten the note or product names. It was not saved.',
    ko: '주문이 너무 커서 보낼 수 없습니다: {size}바이트이며 주문 토픽은 최대 {max}바이트까지 받습니다. 품목을 줄이거나 메모·상품명을 줄이세요. 저장되지 않았습니다.',
  },
  'order.notHeld': {
    en: 'Only an order that needs attention can be corrected or voided',
    ko: '확인이 필요한 주문만 고치거나 취소할 수 있습니다',
  },
  'order.correctCurrency': {
    en: 'The currency of a saved order cannot be changed ({was} to {now}): its prices were given in {was}. Void the order and enter it again.',
    ko: '저장된 주문의 통화는 바꿀 수 없습니다 ({was}에서 {now, josa(으로/로)}). 가격이 {was} 기준입니다. 주문을 취소하고 다시 입력하세요.',
  },
  'order.correctLines': {
    en: 'A correction can only remove lines or fix what they say: this line of {sku} was not in the order. Void the order and enter it again.',
    ko: '고치기에서는 품목을 빼거나 내용을 고칠 수만 있습니다. 이 {sku} 품목은 주문에 없던 것입니다. 주문을 취소하고 다시 입력하세요.',
  },
  'order.correctQuantity': {
    en: 'The quantity of {sku} cannot be changed ({was} to {now}). Void the order and enter it again.',
    ko: '{sku}의 수량은 바꿀 수 없습니다 ({was}에서 {now, josa(으로/로)}). 주문을 취소하고 다시 입력하세요.',
  },
  'order.correctPrice': {
    en: 'The unit price of {sku} cannot be changed ({was} to {now}): only a price that breaks the price rule can be corrected, rounded to the nearest one it takes. Void the order and enter it again.',
    ko: '{sku}의 단가는 바꿀 수 없습니다 ({was}에서 {now, josa(으로/로)}). 가격 규칙에 맞지 않는 단가만 가장 가까운 맞는 값으로 고칠 수 있습니다. 주문을 취소하고 다시 입력하세요.',
  },
  'order.correctPayment': {
    en: 'The payment method of a saved order cannot be changed. Void the order and enter it again.',
    ko: '저장된 주문의 결제 수단은 바꿀 수 없습니다. 주문을 취소하고 다시 입력하세요.',
  },
  'order.voidReason': {
    en: 'Give a reason for voiding the order (at most {max} characters)',
    ko: '주문을 취소하는 이유를 입력하세요 (최대 {max}자)',
  },
  'order.alreadyVoided': {
    en: 'Order {orderId} is already voided',
    ko: '주문 {orderId, josa(은/는)} 이미 취소되었습니다',
  },
  'order.voidOtherTopic': {
    en: 'Order {orderId} went to topic {topic}, and orders now go to {now}: its cancellation would go there, not after it. It was not voided. To void it, set the order topic back to {topic} in Settings first.',
    ko: '주문 {orderId, josa(은/는)} 토픽 {topic, josa(으로/로)} 전송되었고, 지금 주문은 {now, josa(으로/로)} 갑니다. 취소 메시지가 주문을 따라가지 않으므로 취소하지 않았습니다. 취소하려면 먼저 설정에서 주문 토픽을 {topic, josa(으로/로)} 되돌리세요.',
  },
  'order.voidOtherCluster': {
    en: 'Order {orderId} was delivered to another cluster than the one orders go to now (the practice cluster and the store’s are kept apart, and so are clusters Settings moved the store between): its cancellation would go where the order never was. It was not voided.',
    ko: '주문 {orderId, josa(은/는)} 지금 주문이 가는 클러스터가 아닌 다른 클러스터로 전송되었습니다 (연습용과 매장 클러스터, 설정에서 바꾼 이전 클러스터는 따로 둡니다). 취소 메시지가 주문이 없는 곳으로 가게 되므로 취소하지 않았습니다.',
  },
  'order.voidPin': {
    en: 'A supervisor must enter the PIN to void an order that may have been sent',
    ko: '보냈을 수 있는 주문을 취소하려면 감독자가 PIN을 입력해야 합니다',
  },
  'order.exportFailed': {
    en: 'The order could not be written to a file: {detail}',
    ko: '주문을 파일로 저장하지 못했습니다: {detail}',
  },
  'draft.otherWindow': {
    en: 'The order form is open in another window of this terminal: use it there, or take it here.',
    ko: '이 단말기의 다른 창에서 주문 화면이 열려 있습니다. 그 창에서 쓰거나 이 창으로 가져오세요.',
  },
  'draft.storeFailed': {
    en: 'The terminal could not write it to its disk ({detail}).',
    ko: '단말기가 디스크에 쓰지 못했습니다 ({detail}).',
  },

  // Why an order is not delivered yet, in the clerk's words (shared/delivery-states.ts picks
  // one). Technical errors with broker text stay on the record for Diagnostics and the logs.
  'waiting.offline': {
    en: 'Waiting: the order server cannot be reached. It will be sent by itself.',
    ko: '대기 중: 주문 서버에 연결할 수 없습니다. 자동으로 전송됩니다.',
  },
  'waiting.replicas': {
    en: 'Waiting: too few order servers are running to store it safely. It will be sent by itself.',
    ko: '대기 중: 안전하게 저장할 주문 서버가 부족합니다. 자동으로 전송됩니다.',
  },
  'waiting.topicMissing': {
    en: 'Waiting: the order topic does not exist yet (an operator must create it). It will be sent by itself.',
    ko: '대기 중: 주문 토픽이 아직 없습니다 (운영자가 만들어야 합니다). 자동으로 전송됩니다.',
  },
  // Not only "sent by itself": a mistyped broker name stays so until someone corrects it (a
  // temporary failure of the name service, EAI_AGAIN, ends by itself).
  'waiting.unknownHost': {
    en: 'Waiting: the broker name {host} cannot be found ({errno}): check the broker address in Settings. It is sent as soon as the broker can be reached.',
    ko: '대기 중: 브로커 이름 {host, josa(을/를)} 찾을 수 없습니다 ({errno}). 설정에서 브로커 주소를 확인하세요. 브로커에 연결되는 대로 전송됩니다.',
  },
  'waiting.slow': {
    en: 'Waiting: the order server is answering slowly. It will be sent by itself.',
    ko: '대기 중: 주문 서버의 응답이 느립니다. 자동으로 전송됩니다.',
  },
  'waiting.server': {
    en: 'Waiting: the order server is not taking orders right now. It will be sent by itself.',
    ko: '대기 중: 주문 서버가 지금 주문을 받지 않습니다. 자동으로 전송됩니다.',
  },
  // The same causes for the header's banner, which says itself how many orders wait and that they go.
  'cause.offline': { en: 'The order server cannot be reached.', ko: '주문 서버에 연결할 수 없습니다.' },
  'cause.slow': { en: 'The order server is answering slowly.', ko: '주문 서버의 응답이 느립니다.' },
  'cause.unknownHost': {
    en: 'The broker name {host} cannot be found ({errno}): check the broker address in Settings.',
    ko: '브로커 이름 {host, josa(을/를)} 찾을 수 없습니다 ({errno}). 설정에서 브로커 주소를 확인하세요.',
  },
  'cause.replicas': {
    en: 'Too few order servers are running to store orders safely.',
    ko: '주문을 안전하게 저장할 주문 서버가 부족합니다.',
  },
  'cause.topicMissing': {
    en: 'The order topic does not exist yet: an operator must create it.',
    ko: '주문 토픽이 아직 없습니다. 운영자가 만들어야 합니다.',
  },
  'cause.server': {
    en: 'The order server is not taking orders right now.',
    ko: '주문 서버가 지금 주문을 받지 않습니다.',
  },
  'waiting.heldBehind': {
    en: 'Waiting behind an earlier order of this customer that needs attention (orders of one customer go in order).',
    ko: '이 고객의 앞선 주문이 확인을 기다리고 있어 대기 중입니다 (한 고객의 주문은 순서대로 전송됩니다).',
  },
  'attention.tooLarge': {
    en: 'Needs attention: the order server refused this order as too large. Correct it (fewer lines, shorter texts), void it or export it. Later orders of this customer wait behind it.',
    ko: '확인 필요: 주문 서버가 이 주문이 너무 크다고 거부했습니다. 고치거나(품목·글자 줄이기) 취소하거나 파일로 내보내세요. 이 고객의 이후 주문은 그 뒤에서 기다립니다.',
  },
  'attention.refused': {
    en: 'Needs attention: the order server refused this order. Correct it, void it or export it. Later orders of this customer wait behind it.',
    ko: '확인 필요: 주문 서버가 이 주문을 거부했습니다. 고치거나 취소하거나 파일로 내보내세요. 이 고객의 이후 주문은 그 뒤에서 기다립니다.',
  },
  'attention.credentials': {
    en: 'Needs attention: the order server refused this terminal’s login or certificate. An operator must fix Settings; orders are kept meanwhile.',
    ko: '확인 필요: 주문 서버가 이 단말기의 로그인 또는 인증서를 거부했습니다. 운영자가 설정을 고쳐야 합니다. 그동안 주문은 보관됩니다.',
  },
  'attention.previousTopic': {
    en: 'Needs attention: it was delivered to a topic that has since been deleted and re-created, so it is no longer there. An operator can re-send it (Diagnostics).',
    ko: '확인 필요: 이후 삭제되고 다시 만들어진 토픽에 전송되어 지금은 토픽에 없습니다. 운영자가 다시 보낼 수 있습니다 (진단).',
  },
  'attention.voided': {
    en: 'Voided, not sent: {reason}',
    ko: '취소됨, 전송하지 않음: {reason}',
  },

  // Settings
  // Like request.invalid, with what the field wants after it: {wanted}, see sayWanted.
  'settings.invalid': {
    en: 'Settings not valid: {detail}',
    ko: '설정이 올바르지 않습니다 (문제가 있는 항목: {field}): {wanted}',
  },
  'settings.storeFailed': { en: 'Settings could not be saved: {detail}', ko: '설정을 저장하지 못했습니다: {detail}' },
  'settings.newer': {
    en: 'The settings file {file} was written by a newer version of Order Desk. This version uses its defaults and will not overwrite it; update the app or move the file aside.',
    ko: '설정 파일 {file, josa(은/는)} 더 새로운 버전의 오더 데스크가 저장했습니다. 이 버전은 기본값을 쓰며 파일을 덮어쓰지 않습니다. 앱을 업데이트하거나 파일을 옮기세요.',
  },

  // Diagnostics and benchmark
  'topic.exists': { en: 'Topic "{topic}" already exists', ko: '토픽 {topic, josa(이/가)} 이미 있습니다' },
  'topic.createFailed': {
    en: 'Topic "{topic}" could not be created: {detail}',
    ko: '토픽 {topic, josa(을/를)} 만들지 못했습니다: {detail}',
  },
  'bench.invalid': {
    en: 'Benchmark settings not valid: {detail}',
    ko: '벤치마크 설정이 올바르지 않습니다 (문제가 있는 항목: {field}): {wanted}',
  },
  // perf-test's rules the schema leaves to checkParams, as bench.invalid's reasons.
  'bench.sizeOrPayload': {
    en: 'Give either a record size or a payload file, not both and not neither',
    ko: '레코드 크기와 페이로드 파일 중 하나만 지정하세요',
  },
  'bench.throughput': {
    en: 'Enter a rate above 0 records a second, or -1 for no limit',
    ko: '0보다 큰 초당 레코드 수를 입력하세요. 제한 없이 보내려면 -1을 입력하세요',
  },
  // Warm-up records said at their field (perf-test's rule, in benchParamsSchema).
  'bench.warmupNotFewer': {
    en: 'Enter a whole number from 0 to {max}: the warm-up is the first of the run’s {records} records',
    ko: '0부터 {max}까지의 정수를 입력하세요: 워밍업은 실행할 레코드 {records}개 중 처음 보내는 레코드입니다',
  },
  'bench.running': { en: 'A benchmark is already running', ko: '이미 벤치마크가 실행 중입니다' },
  'bench.notRunning': { en: 'No benchmark is running', ko: '실행 중인 벤치마크가 없습니다' },
  'bench.failed': { en: 'Benchmark failed: {detail}', ko: '벤치마크 실패: {detail}' },
  'bench.notEnoughReplicas': {
    en: 'The cluster refused the records: fewer replicas are in sync than the topic’s min.insync.replicas, so acks=all cannot be met. Start the stopped brokers. A run with acks=1 or 0 meanwhile measures writes only the leader holds: they are not safe, and recent Apache Kafka lets no consumer read them until enough replicas are back in sync. (Kafka: {kafka})',
    ko: '클러스터가 레코드를 거부했습니다: 동기화된 복제본이 토픽의 min.insync.replicas보다 적어 acks=all을 충족할 수 없습니다. 멈춘 브로커를 시작하세요. 그동안 acks=1이나 0으로 측정하면 리더 한 곳에만 있는 쓰기를 재는 것입니다: 이 레코드는 안전하지 않고, 최신 Kafka에서는 동기화된 복제본이 충분히 돌아올 때까지 어떤 컨슈머도 읽을 수 없습니다. (Kafka: {kafka})',
  },
  'bench.refused': {
    en: 'The cluster refused the records. (Kafka: {kafka})',
    ko: '클러스터가 레코드를 거부했습니다. (Kafka: {kafka})',
  },
  // Not the clerk's kafka.unreachable: no benchmark record is kept and sent later.
  'bench.unreachable': {
    en: 'A broker could not be reached, so these records were not sent. Start the stopped brokers, or check the broker addresses in Settings, then run the benchmark again.',
    ko: '브로커에 연결할 수 없어 이 레코드를 보내지 못했습니다. 멈춘 브로커를 시작하거나 설정에서 브로커 주소를 확인한 뒤 벤치마크를 다시 실행하세요.',
  },
  'bench.topicMissing': {
    en: 'Benchmark topic "{topic}" does not exist. Create it first (Diagnostics → Create topic).',
    ko: '벤치마크 토픽 {topic, josa(이/가)} 없습니다. 먼저 만드세요 (진단 → 토픽 생성).',
  },
  'bench.orderTopic': {
    en: 'Refusing to benchmark the order topic "{topic}" unless you confirm it explicitly',
    ko: '명시적으로 확인하지 않으면 주문 토픽 "{topic}"에는 벤치마크를 실행하지 않습니다',
  },
  'bench.recordTooLarge': {
    en: 'Record size {size} bytes is above the largest message topic "{topic}" accepts ({max} bytes)',
    ko: '레코드 크기 {size}바이트가 토픽 {topic, josa(이/가)} 받을 수 있는 최대 메시지 크기({max}바이트)보다 큽니다',
  },
  'bench.payloadFile': {
    en: 'Cannot use the payload file {path}: {detail}',
    ko: '페이로드 파일 {path, josa(을/를)} 사용할 수 없습니다: {detail}',
  },
  'risk.pinFormat': { en: 'The PIN is 4 to 12 digits', ko: 'PIN은 숫자 4~12자리입니다' },
  'risk.pinNotSet': {
    en: 'No supervisor PIN is set yet. Set one in Settings → Risk checks first.',
    ko: '감독자 PIN이 아직 없습니다. 먼저 설정 → 위험 점검에서 정하세요.',
  },
  'risk.pinWrong': { en: 'Wrong supervisor PIN. Enter it again.', ko: '감독자 PIN이 맞지 않습니다. 다시 입력하세요.' },
  'risk.pinLocked': {
    en: 'Too many wrong PINs: try again in {seconds} s',
    ko: 'PIN이 여러 번 틀렸습니다. {seconds}초 뒤에 다시 하세요',
  },
  // Another window (or terminal's supervisor) decided first: who, and what became of the order.
  'risk.alreadyConfirmed': {
    en: 'Already decided: {by} confirmed order {orderId}, and it is sent once. Nothing was changed.',
    ko: '이미 결정된 주문입니다. {by} 님이 주문 {orderId, josa(을/를)} 확인했고, 주문은 한 번만 전송됩니다. 아무것도 바꾸지 않았습니다.',
  },
  'risk.alreadyVoided': {
    en: 'Already decided: {by} voided order {orderId}, and it is never sent. Nothing was changed.',
    ko: '이미 결정된 주문입니다. {by} 님이 주문 {orderId, josa(을/를)} 취소했고, 주문은 전송되지 않습니다. 아무것도 바꾸지 않았습니다.',
  },
  'risk.notHeld': {
    en: 'Order {orderId} is not waiting for a supervisor: its outcome is on the Review screen. Nothing was changed.',
    ko: '주문 {orderId, josa(은/는)} 감독자 확인을 기다리는 주문이 아닙니다. 결과는 검토 화면에 있습니다. 아무것도 바꾸지 않았습니다.',
  },
  'risk.notFound': { en: 'No flagged order {orderId}', ko: '표시된 주문 {orderId, josa(이/가)} 없습니다' },
  'cluster.unreachable': {
    en: 'Cannot reach the Kafka cluster ({brokers}): {detail}',
    ko: 'Kafka 클러스터({brokers})에 연결할 수 없습니다: {detail}',
  },
  // Two causes said in words (the operator's language), with the system's code for a search.
  'cluster.unknownHost': {
    en: 'Cannot reach the Kafka cluster ({brokers}): the host name {host} is not known ({errno})',
    ko: 'Kafka 클러스터({brokers})에 연결할 수 없습니다: 호스트 이름 {host, josa(을/를)} 찾을 수 없습니다 ({errno})',
  },
  'cluster.refused': {
    en: 'Cannot reach the Kafka cluster ({brokers}): nothing accepts connections at {address} (connection refused)',
    ko: 'Kafka 클러스터({brokers})에 연결할 수 없습니다: {address}에서 연결을 받는 프로그램이 없습니다 (연결 거부)',
  },
  // Diagnostics, when every broker's probe was refused: all of them named, not the last one tried.
  'cluster.allRefused': {
    en: 'Cannot reach the Kafka cluster: every broker refused the connection ({brokers}). Nothing is listening at those addresses: the brokers are stopped, or the ports are wrong.',
    ko: 'Kafka 클러스터에 연결할 수 없습니다. 모든 브로커가 연결을 거부했습니다 ({brokers}). 그 주소에서 연결을 받는 프로그램이 없습니다 (브로커가 멈췄거나 포트가 다릅니다).',
  },
  // One broker's row on Diagnostics; the system's own text stays beside it as the detail.
  'broker.refused': {
    en: 'The broker at {address} refused the connection: nothing is listening there (the broker is stopped, or the port is wrong).',
    ko: '{address}의 브로커가 연결을 거부했습니다. 그 주소에서 연결을 받는 프로그램이 없습니다 (브로커가 멈췄거나 포트가 다릅니다).',
  },
  'broker.unknownHost': {
    en: 'The broker’s host name {host} is not known ({errno}): check the address.',
    ko: '브로커의 호스트 이름 {host, josa(을/를)} 찾을 수 없습니다 ({errno}). 주소를 확인하세요.',
  },
  'broker.timeout': {
    en: 'The broker at {address} did not answer in time.',
    ko: '{address}의 브로커가 제때 응답하지 않았습니다.',
  },
  'broker.unreachable': {
    en: 'The broker at {address} cannot be reached.',
    ko: '{address}의 브로커에 연결할 수 없습니다.',
  },
  'broker.notInMetadata': {
    en: 'Not in the cluster’s list of brokers: it is stopped, or no longer part of the cluster.',
    ko: '클러스터의 브로커 목록에 없습니다. 멈췄거나 더 이상 클러스터에 속하지 않습니다.',
  },
  // Why a safety checklist item that needs the order topic is unknown while the cluster answers:
  // its rows read "Unknown" with nothing saying why, unless the topic was missing.
  'checklist.topicMissing': {
    en: 'The order topic "{topic}" does not exist (deleted, or not created yet), so this cannot be read from it. Create it under the order topic above; orders wait in the outbox until then.',
    ko: '주문 토픽 {topic, josa(이/가)} 없습니다(삭제되었거나 아직 만들지 않음). 그래서 토픽에서 이 값을 읽을 수 없습니다. 위의 주문 토픽에서 토픽을 만드세요. 그때까지 주문은 보낼 목록에서 기다립니다.',
  },
  'checklist.topicNotAuthorized': {
    en: 'This terminal’s Kafka user is not allowed to describe the order topic "{topic}", so this cannot be read from it. Ask the cluster’s administrator to allow it Describe and DescribeConfigs on the topic.',
    ko: '이 단말기의 Kafka 사용자에게 주문 토픽 {topic, josa(을/를)} 조회할 권한이 없어 토픽에서 이 값을 읽을 수 없습니다. 클러스터 관리자에게 이 토픽의 Describe, DescribeConfigs 권한을 요청하세요.',
  },
  'cluster.noBrokers': {
    en: 'No brokers are configured. Enter them in Settings.',
    ko: '설정된 브로커가 없습니다. 설정에서 입력하세요.',
  },
} as const satisfies Record<string, { en: string; ko: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];
export type Lang = 'en' | 'ko';

export interface AppError {
  code: ErrorCode;
  params?: Record<string, string | number>;
}

export function appError(code: ErrorCode, params?: AppError['params']): AppError {
  return params ? { code, params } : { code };
}

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && Object.hasOwn(ERROR_MESSAGES, v);
}

/**
 * Refusals whose English quotes the check's detail (zod's or perf-test's English, for the log and
 * scripts) and whose Korean names the field and says what it wants: {wanted}, the reason's words
 * in the reader's language (field.invalid's when no code says why), filled in where it is read.
 */
const SAYS_WANTED: ReadonlySet<ErrorCode> = new Set(['settings.invalid', 'bench.invalid']);

/** err's params, with {wanted} said by say (formatError's or i18next's words) where its sentence names it. */
export function sayWanted(err: AppError, say: (reason: AppError) => string): AppError['params'] {
  if (!SAYS_WANTED.has(err.code)) return err.params;
  const { reason, ...params } = err.params ?? {};
  return { ...err.params, wanted: say({ code: isErrorCode(reason) ? reason : 'field.invalid', params }) };
}

/** Plain-text rendering for logs and CLIs; the UI goes through i18next with the same table. */
export function formatError(err: AppError, lang: Lang = 'en'): string {
  return fillTemplate(
    ERROR_MESSAGES[err.code][lang],
    sayWanted(err, (reason) => formatError(reason, lang)),
  );
}

/** For a terminal, whose reader's language is not known: English, then Korean on the next line. */
export function formatErrorBoth(err: AppError): string {
  return `${formatError(err, 'en')}\n${formatError(err, 'ko')}`;
}
