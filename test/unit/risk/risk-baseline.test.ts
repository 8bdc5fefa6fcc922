// The "unusual total" flag's baseline (the store's median) is made of the orders the store took:
// a voided or cancelled order leaves it, and an order held for a supervisor enters it only once
// confirmed (one refused never does), also after a restart. They still count as attempts
// (duplicates, velocity: test/integration/risk/two-terminals.test.ts).
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttentionDesk } from '../../../electron/orders/attention-desk';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { RiskService } from '../../../electron/risk/risk-service';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings-schema';
import type { Order } from '../../../shared/order-schema';
import type { RiskConfig } from '../../../electron/risk/risk-config';
import { order, refuseAsTooLarge } from '../orders/fixtures';
import { tempDir } from '../orders/temp-dir';

const opened: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const s of opened.splice(0).reverse()) await s.close();
});

let n = 0;
const priced = (total: number): Order =>
  order({
    customerId: `C-${++n}`,
    lines: [{ sku: `SKU-${n}`, productName: 'Cake', quantity: 1, unitPrice: total }],
    total,
  });

function setup(dir = tempDir(), config?: Partial<RiskConfig>) {
  const outbox = OutboxStore.open(path.join(dir, 'outbox.sqlite'));
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    risk: { ...DEFAULT_SETTINGS.risk, policies: { ...DEFAULT_SETTINGS.risk.policies, 'amount-outlier': 'hold' } },
  };
  const risk = new RiskService({
    dataDir: dir,
    outbox,
    settings: () => settings,
    saveSettings: (s) => ({ ok: true, value: s }),
    onChanges: () => {},
    nudge: () => {},
    log: () => {},
    ...(config ? { config } : {}),
  });
  opened.push(outbox, risk);
  const desk = new AttentionDesk({
    outbox,
    dataDir: dir,
    maxMessageBytes: () => 1_000_000,
    onChanges: () => {},
    nudge: () => {},
    settings: () => settings,
    checkPin: () => null,
    voided: (orderId) => risk.voided(orderId),
    corrected: (o) => risk.corrected(o),
  });
  const take = (o: Order) => {
    outbox.addMany([o], [], () => risk.beforeSave());
    risk.saved(o);
  };
  /** The store's baseline a 600,000 order of a new customer is flagged against ("the store's n orders' median"). */
  const baseline = () => {
    const flag = risk.check(priced(600_000)).flags.find((f) => f.code === 'amount-outlier');
    const p = flag?.params as { basis: string; n: number; median: number } | undefined;
    return p && `${p.basis}: ${p.n} orders, median ${p.median}`;
  };
  /** Needing attention on the Outbox: the topic refused it as too large. */
  const refuse = (o: Order) =>
    refuseAsTooLarge(outbox, outbox.candidates(100).find((r) => r.order.orderId === o.orderId)!.seq);
  /** The codes the same order entered again would be flagged with. */
  const again = (o: Order) =>
    risk
      .check({ ...o, submissionId: undefined })
      .flags.map((f) => f.code)
      .join(',');
  return { dir, outbox, risk, desk, take, baseline, refuse, again };
}

describe('the unusual total’s baseline', () => {
  it('leaves out voided orders and held ones until a supervisor confirms them', () => {
    const { dir, outbox, risk, desk, take, baseline } = setup();
    for (const total of [20_000, 21_000, 22_000, 23_400, 24_000]) take(priced(total));
    expect(baseline()).toBe('store: 5 orders, median 22000');

    const voided = priced(33_300);
    take(voided);
    expect(baseline()).toBe('store: 6 orders, median 22700');
    // The topic refused it and the clerk voided it on the Outbox: never sent, not taken.
    refuseAsTooLarge(outbox, outbox.candidates(100).find((r) => r.order.orderId === voided.orderId)!.seq);
    expect(desk.void(voided.orderId, 'entered twice').ok).toBe(true);
    expect(baseline()).toBe('store: 5 orders, median 22000');

    expect(risk.setPin(null, '2468').ok).toBe(true);
    const held = priced(600_000);
    expect(risk.screen(held, undefined).risk.outcome).toBe('held');
    expect(baseline()).toBe('store: 5 orders, median 22000');
    const refused = priced(700_000);
    expect(risk.screen(refused, undefined).risk.outcome).toBe('held');
    expect(risk.decide({ orderId: refused.orderId, decision: 'void', supervisor: 'Park', pin: '2468' }).ok).toBe(true);
    expect(baseline()).toBe('store: 5 orders, median 22000');

    expect(risk.decide({ orderId: held.orderId, decision: 'confirm', supervisor: 'Park', pin: '2468' }).ok).toBe(true);
    expect(baseline()).toBe('store: 6 orders, median 22700');

    // One held and not decided yet: outside the baseline, also when the history is read back.
    expect(risk.screen(priced(650_000), undefined).risk.outcome).toBe('held');
    expect(baseline()).toBe('store: 6 orders, median 22700');

    // Started again, the history is read back the same.
    opened
      .splice(0)
      .reverse()
      .forEach((o) => o.close());
    expect(setup(dir).baseline()).toBe('store: 6 orders, median 22700');
  });
});

/** Velocity counts orders only, at most 2 per customer in the first window. */
const limits: Partial<RiskConfig> = {
  customerMaxOrders: [2, null],
  customerMaxAmount: [null, null],
  terminalMaxOrders: [null, null],
  terminalMaxAmount: [null, null],
  newCustomerLargeTotal: null,
};

describe('an order voided and entered again', () => {
  const basket = (customerId: string, total = 18_000): Order =>
    order({ customerId, lines: [{ sku: 'CAKE-1', productName: 'Cake', quantity: 2, unitPrice: total / 2 }], total });

  it('is no duplicate of the voided one (Outbox, receipt, after a restart), but of a held one still; both still count for velocity', () => {
    const { dir, risk, desk, take, refuse, again } = setup(undefined, limits);
    const outbox = basket('C-OUTBOX');
    take(outbox);
    expect(again(outbox)).toBe('duplicate');
    refuse(outbox);
    expect(desk.void(outbox.orderId, 'wrong payment method').ok).toBe(true);
    expect(again(outbox)).toBe('');

    // Voided on its receipt (a cancellation follows it to the topic).
    const receipt = basket('C-RECEIPT');
    take(receipt);
    expect(desk.void(receipt.orderId, 'entered for the wrong shop', '2468').ok).toBe(true);
    expect(again(receipt)).toBe('');
    // The attempts still add up: a third order of C-RECEIPT within the hour is over the limit of 2.
    take(basket('C-RECEIPT', 40_000));
    expect(again(receipt)).toBe('velocity');

    // Held for a supervisor: a second entry while it waits is what the duplicate check is for.
    for (const total of [20_000, 21_000, 22_000, 23_400, 24_000]) take(priced(total));
    const held = priced(600_000);
    expect(risk.screen(held, undefined).risk.outcome).toBe('held');
    expect(again(held)).toBe('duplicate,amount-outlier');

    opened
      .splice(0)
      .reverse()
      .forEach((o) => o.close());
    const restarted = setup(dir, limits);
    expect(restarted.again(outbox)).toBe('');
    expect(restarted.again(receipt)).toBe('velocity');
    expect(restarted.again(held)).toBe('duplicate,amount-outlier');
  });
});

describe('an order an older version saved with the customer ID in small letters', () => {
  it('is the customer’s to the checks read back after a restart: a duplicate of C-1001’s order, and counted for velocity', () => {
    const lines = [{ sku: 'CAKE-1', productName: 'Cake', quantity: 2, unitPrice: 9_000 }];
    const dir = tempDir();
    // Saved as typed before customerIdKey, and kept so (it is what the topic has).
    setup(dir, limits).take(order({ customerId: 'c-1001', lines, total: 18_000 }));
    opened
      .splice(0)
      .reverse()
      .forEach((o) => o.close());
    const today = setup(dir, limits);
    const same = order({ customerId: 'C-1001', lines, total: 18_000 });
    expect(today.again(same)).toBe('duplicate');
    today.take(same);
    const other = order({ customerId: 'C-1001', lines: [{ ...lines[0], sku: 'TART-1' }], total: 18_000 });
    expect(today.again(other)).toBe('velocity');
  });
});

describe('a corrected order', () => {
  it('counts in the baseline with its corrected total', async () => {
    const { take, baseline, refuse, desk } = setup();
    for (const total of [20_000, 21_000, 22_000, 23_400, 24_000]) take(priced(total));
    const two = order({
      customerId: 'c-two',
      lines: [
        { sku: 'CAKE-1', productName: 'Cake', quantity: 1, unitPrice: 20_000 },
        { sku: 'TART-1', productName: 'Tart', quantity: 1, unitPrice: 13_300 },
      ],
      total: 33_300,
    });
    take(two);
    expect(baseline()).toBe('store: 6 orders, median 22700');
    refuse(two);
    // The tart was never sold: the clerk removes its line on the Outbox's Correct panel.
    const fixed = await desk.correct(two.orderId, { ...two, lines: [two.lines[0]] });
    expect(fixed.ok && fixed.value.order.total).toBe(20_000);
    expect(baseline()).toBe('store: 6 orders, median 21500');
  });
});
