// The Diagnostics screen in browser mode against a 3-broker cluster whose order topic has 3
// partitions and replication factor 3: the app's own sandbox, or real Apache Kafka under
// KAFKA_TARGET=kafka (see fixtures.ts).
import { createServer } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { fillOrder } from './order-form';

// Its tests make the benchmark's own topic; they run one after another in one worker.
test.use({ makesBenchTopic: true });

test('Diagnostics shows the brokers and partitions, runs a small Compare acks, and charts it; from the keyboard, the question to create its topic has the focus', async ({
  page,
  app,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Diagnostics' }).click();

  const brokers = page.getByTestId('brokers-table');
  await expect(brokers.locator('tbody tr')).toHaveCount(3);
  await expect(brokers.getByText('Reachable')).toHaveCount(3);
  await expect(brokers.getByText('controller')).toHaveCount(1);
  // The quorum's leader, named the same above the table and on its row, and on every refresh
  // (Metadata's controller_id, shown before, is a live broker picked at random on each answer).
  const controller = page.getByTestId('cluster-controller');
  await expect(controller).toHaveText(/^\d+$/);
  const controllerId = (await controller.textContent())!;
  await expect(brokers.locator(`tr[data-node-id="${controllerId}"]`).getByText('controller')).toHaveCount(1);
  await expect(page.getByTestId('cluster-id')).not.toHaveText('—');
  const partitions = page.getByTestId('partitions-table');
  await expect(partitions.locator('tbody tr')).toHaveCount(3);
  await expect(partitions.locator('tr[data-state="ok"]')).toHaveCount(3);
  await expect(page.getByTestId('safety-checklist').locator('li')).toHaveCount(7);
  await expect(page.locator('[data-item="producerAcksIdempotent"]')).toHaveAttribute('data-status', 'pass');
  // The order topic at Kafka's default 7 days against the history's 400.
  await expect(page.locator('[data-item="topicRetention"]')).toHaveAttribute('data-status', 'warn');
  // In days, as Keep delivered orders is set: it read "Now: retention.ms=604800000".
  await expect(page.locator('[data-item="topicRetention"]')).toContainText('Now: 7 days (retention.ms=604800000)');

  // Refresh keeps the keyboard's focus through the checks, its own and the one every 5 s: it was
  // disabled while they ran, and the focus went to the page.
  const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
  const checkedAt = page.getByText(/^Checked /);
  // Times as every other screen writes them (24-hour, with seconds), not the browser's default.
  await expect(checkedAt).toHaveText(/^Checked \d{2}:\d{2}:\d{2}\b/);
  const firstCheck = await checkedAt.textContent();
  await refresh.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => checkedAt.textContent(), { timeout: 15_000 }).not.toBe(firstCheck);
  const secondCheck = await checkedAt.textContent();
  await expect(controller).toHaveText(controllerId);
  await expect.poll(() => checkedAt.textContent(), { timeout: 15_000 }).not.toBe(secondCheck);
  await expect(refresh).toBeFocused();

  // A small comparison: 3,000 records of 200 bytes each, unthrottled.
  await page.getByLabel('Records', { exact: true }).fill('3000');
  await page.getByLabel('Record size (bytes)').fill('200');
  await page.getByLabel('Throughput cap (records/s, -1 = none)').fill('-1');
  // Enter in a field runs it too, and the question takes the focus there as well: it stayed in
  // the field, where a screen reader said nothing of the question and Enter only asked again.
  await page.getByLabel('Records', { exact: true }).press('Enter');
  await expect(page.getByRole('button', { name: 'Yes, create it' })).toBeFocused();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  // From the keyboard: the question takes the focus (Compare acks is disabled meanwhile).
  await page.getByRole('button', { name: 'Compare acks' }).focus();
  await page.keyboard.press('Enter');
  // The benchmark's own topic does not exist yet: it is created only after confirming.
  await expect(page.getByText('The benchmark topic "order-desk-bench" does not exist')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Yes, create it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bench-progress')).toBeVisible();
  // The operator may look at the order form meanwhile; the results are there when they return.
  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await expect(page.getByLabel('Customer name')).toBeVisible();
  await page.getByRole('button', { name: 'Diagnostics' }).click();

  // As the README's testers' section finds it: the Results region, its table.
  const results = page.getByRole('region', { name: 'Results', exact: true }).getByTestId('bench-results');
  await expect(results.locator('tbody tr')).toHaveCount(3, { timeout: 90_000 });
  await expect(results.locator('tbody tr').nth(0)).toHaveAttribute('data-run', 'acks=0');
  await expect(results.locator('tbody tr').nth(1)).toHaveAttribute('data-run', 'acks=1');
  await expect(results.locator('tbody tr').nth(2)).toHaveAttribute('data-run', 'acks=all');
  for (const row of await results.locator('tbody tr').all()) {
    await expect(row.locator('td').nth(9)).toHaveText('0'); // no failed records
    // Digits grouped as the run's parameters and the charts have them (it read "9966.1").
    const recordsPerSec = row.locator('td').nth(1);
    await expect(recordsPerSec).toHaveText(/^\d{1,3}(,\d{3})*\.\d$/);
    expect(Number((await recordsPerSec.textContent())!.replaceAll(',', ''))).toBeGreaterThan(0);
  }
  const throughputChart = page.getByTestId('chart-throughput');
  await expect(throughputChart.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(throughputChart.locator('.recharts-line')).toHaveCount(3);
  const latencyChart = page.getByTestId('chart-latency');
  await expect(latencyChart.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(latencyChart.locator('.recharts-bar-rectangle').first()).toBeAttached();
  await expect(latencyChart.locator('.recharts-legend-item')).toHaveCount(3);
  // One format for every latency tick, on one line each: it read "1000ms" at the top, "900 ms"
  // below, and "6000 ms" wrapped onto two lines.
  const latencyTicks = latencyChart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  expect(await latencyTicks.count()).toBeGreaterThan(1);
  for (const tick of await latencyTicks.all()) {
    await expect(tick.locator('tspan')).toHaveCount(1);
    await expect(tick).toHaveText(/^\d{1,3}(,\d{3})*(\.\d+)?\u00a0ms$/);
  }
  // Each chart is an image a screen reader can name, with the runs' figures (it was an unnamed
  // "application"), and the throughput axis groups its digits as the latency axis does (it read "3000").
  await expect(
    throughputChart.getByRole('img', {
      name: /^Throughput over time \(records\/s\)\. acks=0: [\d,]+ records\/s on average\. acks=1: /,
    }),
  ).toBeVisible();
  await expect(
    latencyChart.getByRole('img', { name: /^Latency percentiles \(ms\)\. acks=0: p50 [\d,.]+\sms, p99 / }),
  ).toBeVisible();
  await expect(page.locator('.diag-charts [role="application"]')).toHaveCount(0);
  const axe = await new AxeBuilder({ page })
    .include('.diag-charts')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const rateTicks = await throughputChart
    .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
    .allTextContents();
  expect(rateTicks.length).toBeGreaterThan(1);
  for (const tick of rateTicks) expect(tick).toMatch(/^\d{1,3}(,\d{3})*$/);
  expect(rateTicks.some((tick) => tick.includes(','))).toBe(true);
  await expect(page.getByText('acks=0: latency is measured to the hand-off')).toBeVisible();
  // Kept in the local history, and exportable.
  await expect(page.getByTestId('bench-history').locator('tbody tr')).toHaveCount(3);
  // Each history row says when it ran and with what, so two comparisons never look alike.
  const firstRow = page.getByTestId('bench-history').locator('tbody tr').first();
  await expect(firstRow.getByTestId('bench-started').locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(firstRow.getByTestId('bench-params')).toHaveText(
    /^acks=(0|1|all) · 3,000 records × 200 B · unthrottled · compression.type=none$/,
  );
  // The throughput axis runs to the end of the longest run.
  const history = await app.api.bench.history();
  if (!history.ok) throw new Error('bench.history failed');
  const longestS = Math.max(...history.value.slice(-3).map((r) => r.summary.elapsedMs / 1000));
  const ticks = await throughputChart.locator('.recharts-cartesian-axis-tick-value').allTextContents();
  // The time axis's ticks are the ones in seconds.
  const tickValues = ticks.filter((t) => /^\d+(\.\d+)?\u00a0s$/.test(t.trim())).map((t) => parseFloat(t));
  expect(tickValues.length).toBeGreaterThan(1);
  expect(Math.max(...tickValues)).toBeGreaterThanOrEqual(Math.floor(longestS));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^order-desk-bench-.*\.csv$/);
  expect(problems).toEqual([]);
});

test('a missing order topic can be created from the pane after a confirmation, from the keyboard', async ({
  page,
  app,
}) => {
  const topic = app.topicName('store-orders');
  const settings = await app.api.settings.get();
  if (!settings.ok) throw new Error(JSON.stringify(settings.error));
  const saved = await app.api.settings.save({ ...settings.value, topic });
  expect(saved.ok).toBe(true);

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(page.getByTestId('topic-missing')).toContainText(`Topic "${topic}" does not exist`);
  await expect(page.getByLabel('Topic name')).toHaveValue(topic);
  // Emptied fields say so under them in the app's words (it was Chromium's bubble, in the
  // browser's language, and an emptied number came back as 0), and nothing is asked.
  const name = page.getByLabel('Topic name');
  await name.fill('');
  await page.getByLabel('Partitions', { exact: true }).fill('');
  await name.press('Enter');
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription('Required');
  await expect(page.getByLabel('Partitions', { exact: true })).toHaveAccessibleDescription('Required');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await name.fill(topic);
  await expect(name).not.toHaveAttribute('aria-invalid');
  await page.getByLabel('Partitions', { exact: true }).fill('3');
  await page.getByLabel('Replication factor', { exact: true }).fill('3');
  // From the keyboard: Enter in the form asks, Back returns to it, and the focus follows.
  await page.getByLabel('Replication factor', { exact: true }).press('Enter');
  await expect(page.getByText(`Create topic "${topic}" with 3 partitions and replication factor 3?`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Yes, create it' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Back' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Create topic…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Yes, create it' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByText(`Topic "${topic}" created`)).toBeVisible();
  await expect(page.getByText(`Topic "${topic}" created`)).toBeFocused();
  const partitions = page.getByTestId('partitions-table');
  await expect(partitions.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('topic-missing')).toHaveCount(0);
});

test('the order form stays responsive while a benchmark runs, and Cancel stops it; from the keyboard, the focus goes from Run to Cancel and back', async ({
  page,
  app,
}) => {
  const created = await app.api.diagnostics.createTopic({
    name: 'order-desk-bench',
    partitions: 3,
    replicationFactor: 3,
  });
  expect(created.ok).toBe(true);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  // Long enough to still be running while the clerk takes an order, and when Cancel comes, on
  // any cluster (a busy real Kafka took 62 s for a million): 10,000,000 records, unthrottled;
  // 100 bytes each, so a fast cluster does not fill its disk meanwhile.
  await page.getByLabel('Records', { exact: true }).fill('10000000');
  await page.getByLabel('Record size (bytes)').fill('100');
  // A cap of 0 (perf-test would never send) is said on its field, and nothing starts.
  const cap = page.getByLabel('Throughput cap (records/s, -1 = none)');
  await cap.fill('0');
  await expect(cap).toHaveAccessibleDescription(
    'Enter -1 for no cap, or a rate above 0 (at 0 the benchmark would never send)',
  );
  // The field keeps its name: the message is its description, not part of its label.
  await expect(cap).toHaveAccessibleName('Throughput cap (records/s, -1 = none)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('bench-progress')).toHaveCount(0);
  await expect(page.getByText('The request was not valid')).toHaveCount(0);
  await cap.fill('-1');
  await expect(cap).not.toHaveAttribute('aria-invalid');
  // From the keyboard: Run is disabled once it runs, and the focus is on Cancel.
  await page.getByRole('button', { name: 'Run', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bench-progress')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();

  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await fillOrder(page, {
    customerName: 'Bench Busy',
    customerId: 'C-42',
    lines: [{ sku: 'TEA', productName: 'Green tea', quantity: '1', unitPrice: '3000' }],
  });
  const submitted = Date.now();
  await page.getByLabel('Unit price').press('Control+Enter');
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.locator('.recent-item').first().getByText('Delivered')).toBeVisible();
  console.log(`order saved and delivered ${Date.now() - submitted} ms after Ctrl+Enter, benchmark running`);

  // The benchmark was still running all along: the order did not wait for it.
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(page.getByTestId('bench-progress')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  const results = page.getByTestId('bench-results');
  await expect(results.locator('tbody tr')).toHaveCount(1, { timeout: 30_000 });
  await expect(results.getByText('cancelled')).toBeVisible();
  // Cancel is disabled once it has stopped: the focus is back on Run, to run it again.
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
});

test('a benchmark run is aria-busy until its results are shown; its History row has the date as the other screens write it, in English and Korean', async ({
  page,
  app,
}) => {
  expect(
    (await app.api.diagnostics.createTopic({ name: 'order-desk-bench', partitions: 3, replicationFactor: 3 })).ok,
  ).toBe(true);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  const bench = page.getByRole('region', { name: 'Producer benchmark' });
  await expect(bench).toHaveAttribute('aria-busy', 'false');
  await bench.getByRole('spinbutton', { name: 'Records', exact: true }).fill('20000');
  await bench.getByRole('button', { name: 'Run', exact: true }).click();
  // Already busy when the click returns: a test can wait for "false" at once.
  expect(await bench.getAttribute('aria-busy')).toBe('true');
  await expect(bench).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
  // Not busy: the run's row is there at once, nothing more to wait for.
  expect(await page.getByTestId('bench-results').locator('tbody tr').count()).toBe(1);
  // "6 Dec 2026, 20:57" as on Orders and receipts, not en-GB's short "06/12/2026, 20:57:09".
  const started = page.getByTestId('bench-history').getByTestId('bench-started');
  await expect(started).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
  const s = await app.api.settings.get();
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  expect((await app.api.settings.save({ ...s.value, language: 'ko' })).ok).toBe(true);
  await page.reload();
  await page.getByRole('button', { name: '진단' }).click();
  // "2026. 12. 06. 오후 8:57", not ko-KR's short "26. 12. 6. 오후 8:57:09".
  await expect(started).toHaveText(/^\d{4}\. \d{2}\. \d{2}\. (오전|오후) \d{1,2}:\d{2}$/);
});

test('the pane speaks Korean when the terminal is set to Korean', async ({ page, app }) => {
  const settings = await app.api.settings.get();
  if (!settings.ok) throw new Error(JSON.stringify(settings.error));
  expect((await app.api.settings.save({ ...settings.value, language: 'ko' })).ok).toBe(true);
  await page.goto(app.url);
  await page.getByRole('button', { name: '진단' }).click();
  await expect(page.getByRole('heading', { name: '주문 수집 안전 점검표' })).toBeVisible();
  await expect(page.getByTestId('brokers-table').getByText('연결됨')).toHaveCount(3);
  await expect(page.getByText('삭제 후 다시 만든 토픽은 오프셋이 0부터 다시 시작되어')).toBeVisible();
  await expect(page.locator('[data-item="topicRetention"]')).toContainText('현재: 7일 (retention.ms=604800000)');
  await expect(page.getByRole('button', { name: 'acks 비교' })).toBeVisible();
  // An emptied benchmark field says so in Korean under it, on Run and on Compare acks alike: Run
  // showed Chromium's bubble in the browser's English, Compare acks sent it and read "요청이
  // 올바르지 않습니다: params.numRecords: Too small…".
  const records = page.getByLabel('레코드 수', { exact: true });
  await records.fill('');
  await page.getByRole('button', { name: '실행', exact: true }).click();
  await expect(records).toBeFocused();
  await expect(records).toHaveAccessibleDescription('필수 항목입니다');
  await page.getByRole('button', { name: 'acks 비교' }).click();
  await expect(records).toBeFocused();
  await expect(records).toHaveAccessibleDescription('필수 항목입니다');
  await page.waitForTimeout(300);
  await expect(page.getByText('요청이 올바르지 않습니다')).toHaveCount(0);
  // A number out of its range is said under it too, in Korean, by the app (Run showed Chromium's
  // bubble in the browser's English; Compare acks read "요청이 올바르지 않습니다: params.numRecords:
  // Too small: expected number to be >=1"), and nothing is sent.
  await records.fill('0');
  const size = page.getByLabel('레코드 크기 (바이트)', { exact: true });
  await size.fill('-5');
  await page.getByRole('button', { name: 'acks 비교' }).click();
  await expect(records).toBeFocused();
  await expect(records).toHaveAccessibleDescription('1 이상의 정수를 입력하세요');
  await expect(size).toHaveAccessibleDescription('1 이상의 정수를 입력하세요');
  await page.getByRole('button', { name: '실행', exact: true }).click();
  await expect(records).toHaveAccessibleDescription('1 이상의 정수를 입력하세요');
  await page.waitForTimeout(300);
  await expect(page.getByText('요청이 올바르지 않습니다')).toHaveCount(0);
  await expect(page.getByTestId('bench-progress')).toHaveCount(0);
  await records.fill('20000');
  await size.fill('1000');
  // A warm-up of as many records as the run (perf-test refuses it) is said under Warm-up records
  // in Korean, and nothing is sent: it was sent and read "벤치마크 설정이 올바르지 않습니다:
  // --warmup-records (20000) must be less than --num-records (20000)" under the form.
  const warmup = page.getByLabel('워밍업 레코드', { exact: true });
  await warmup.fill('20000');
  await page.getByRole('button', { name: '실행', exact: true }).click();
  await expect(warmup).toBeFocused();
  await expect(warmup).toHaveAccessibleDescription(
    '0부터 19999까지의 정수를 입력하세요: 워밍업은 실행할 레코드 20000개 중 처음 보내는 레코드입니다',
  );
  await page.waitForTimeout(300);
  await expect(page.getByText('벤치마크 설정이 올바르지 않습니다')).toHaveCount(0);
  await expect(page.getByTestId('bench-progress')).toHaveCount(0);
  await warmup.fill('0');
  // acks as kafka-producer-perf-test on Kafka 3.0 and later takes it when none is given: all.
  await expect(page.getByLabel('acks', { exact: true })).toHaveValue('-1');
  // A tester finds each benchmark field by its label alone: a label holding its select or number
  // took the field's value into its name ("acks 1"), and getByLabel('acks', { exact: true }) found
  // nothing.
  for (const label of [
    'acks',
    '워밍업 레코드',
    'batch.size (바이트)',
    'linger.ms',
    '압축',
    '반복 횟수',
    '페이로드 파일 (선택)',
  ])
    await expect(page.getByLabel(label, { exact: true })).toHaveCount(1);
  // The payload file is chosen with the app's own button, in Korean, as Settings' CSV import is
  // (the browser's input said "Choose File / No file chosen" in its own language), and the chosen
  // file's name is shown.
  const payloadField = page.locator('.field', { has: page.getByLabel('페이로드 파일 (선택)', { exact: true }) });
  await expect(payloadField.locator('label.button.file-button')).toHaveText('파일 선택…');
  await expect(payloadField.getByLabel('페이로드 파일 (선택)', { exact: true })).toHaveClass(/sr-only/);
  await expect(payloadField).toContainText('선택한 파일 없음');
  await payloadField
    .getByLabel('페이로드 파일 (선택)', { exact: true })
    .setInputFiles({ name: 'orders.jsonl', mimeType: 'text/plain', buffer: Buffer.from('{"a":1}\n{"a":2}\n') });
  await expect(payloadField).toContainText('orders.jsonl에서 페이로드 2개');
  await payloadField.getByRole('button', { name: '레코드 크기 사용' }).click();
  await expect(payloadField).toContainText('선택한 파일 없음');

  // Create topic's numbers and name, out of range or not a topic name: said under each in Korean
  // (they showed Chromium's bubble in the browser's English), and nothing is asked.
  const missing = app.topicName('ko-missing');
  expect((await app.api.settings.save({ ...settings.value, language: 'ko', topic: missing })).ok).toBe(true);
  await page.reload();
  await page.getByRole('button', { name: '진단' }).click();
  const name = page.getByLabel('토픽 이름', { exact: true });
  await expect(name).toHaveValue(missing);
  await name.fill('주문 토픽');
  const partitions = page.getByLabel('파티션 수', { exact: true });
  await partitions.fill('0');
  await partitions.press('Enter');
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription(/^문자, 숫자, 점, 대시, 밑줄만 사용할 수 있습니다/);
  await expect(partitions).toHaveAccessibleDescription('1부터 1000까지의 정수를 입력하세요');
  await partitions.fill('1001');
  await partitions.press('Enter');
  await expect(partitions).toHaveAccessibleDescription('1부터 1000까지의 정수를 입력하세요');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});

test("a broker address where nothing listens says so in the operator's words, in English and in Korean, the system's text beside it", async ({
  page,
  app,
}) => {
  const settings = await app.api.settings.get();
  const state = await app.api.connection.state();
  if (!settings.ok || !state.ok) throw new Error('settings or connection state not readable');
  // A port that was free a moment ago: nothing listens there.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const withDead = { ...settings.value, brokers: [...state.value.brokers, address] };
  expect((await app.api.settings.save(withDead)).ok).toBe(true);

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  const row = page.getByTestId('brokers-table').locator('tbody tr').filter({ hasText: address });
  // It read Node's "connect ECONNREFUSED 127.0.0.1:…" alone.
  await expect(row.getByTestId('broker-error')).toHaveText(
    `The broker at ${address} refused the connection: nothing is listening there (the broker is stopped, or the port is wrong).`,
    { timeout: 15_000 },
  );
  await row.getByText('Technical detail').click();
  await expect(row.locator('details code')).toContainText('ECONNREFUSED');

  expect((await app.api.settings.save({ ...withDead, language: 'ko' })).ok).toBe(true);
  await page.goto(app.url);
  await page.getByRole('button', { name: '진단' }).click();
  await expect(row.getByTestId('broker-error')).toHaveText(
    `${address}의 브로커가 연결을 거부했습니다. 그 주소에서 연결을 받는 프로그램이 없습니다 (브로커가 멈췄거나 포트가 다릅니다).`,
    { timeout: 15_000 },
  );
  await expect(row.locator('details summary')).toHaveText('기술 정보');
});

test('a check that fails takes the last answer off Diagnostics, and both panels come back by themselves once the cluster can be reached', async ({
  page,
  app,
}) => {
  const settings = await app.api.settings.get();
  if (!settings.ok) throw new Error(JSON.stringify(settings.error));
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  const brokers = page.getByTestId('brokers-table');
  const checklist = page.getByTestId('safety-checklist');
  await expect(brokers.getByText('Reachable')).toHaveCount(3);
  await expect(checklist.locator('li')).toHaveCount(7);

  // Settings that cannot be used (the same brokers, named in Settings, behind TLS with a CA file
  // that is not there): every check fails.
  const state = await app.api.connection.state();
  if (!state.ok) throw new Error(JSON.stringify(state.error));
  const broken = {
    ...settings.value,
    brokers: state.value.brokers,
    ssl: true,
    tls: { ...settings.value.tls, caFile: '/nonexistent/diag-ca.pem' },
  };
  expect((await app.api.settings.save(broken)).ok).toBe(true);
  await expect(page.getByRole('alert').filter({ hasText: '/nonexistent/diag-ca.pem' }).first()).toBeVisible({
    timeout: 15_000,
  });
  // Nothing of the earlier answer is left to read as the cluster's state now.
  await expect(brokers).toHaveCount(0);
  await expect(checklist).toHaveCount(0);
  await expect(page.getByText(/^Checked /)).toHaveCount(0);

  // Put right from another window: the screen follows without Refresh.
  expect((await app.api.settings.save(settings.value)).ok).toBe(true);
  await expect(brokers.getByText('Reachable')).toHaveCount(3, { timeout: 15_000 });
  await expect(checklist.locator('li')).toHaveCount(7, { timeout: 15_000 });
  await expect(page.locator('[data-item="producerAcksIdempotent"]')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByRole('alert').filter({ hasText: '/nonexistent/diag-ca.pem' })).toHaveCount(0);
});
