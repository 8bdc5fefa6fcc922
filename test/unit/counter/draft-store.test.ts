// The orders kept on the terminal while typed: the form's draft and the ones set aside beside it,
// through the request gate as the renderer asks for them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelOf, type RequestHandlers } from '../../../shared/contract';
import type { CounterDraft } from '../../../shared/counter-types';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { createCounterHandlers } from '../../../electron/counter/handlers';
import { ASIDE_FILE, DRAFT_FILE, DraftStore } from '../../../electron/counter/draft-store';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** The draft requests of a terminal whose data directory is `dir` (a new one by default). */
function terminal(
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-drafts-')),
  saved: ReadonlySet<string> = new Set(),
) {
  dirs.push(dir);
  const handlers = createCounterHandlers({
    drafts: new DraftStore(dir),
    catalogue: null as never,
    history: null as never,
    cluster: () => null as never,
    deliveredTopic: () => null,
    submitted: (id) => saved.has(id),
    onClaimed: (windowId) => claimed.push(windowId),
  });
  const dispatch = createRequestDispatcher(handlers as RequestHandlers);
  const ask = (method: string, input?: unknown) => dispatch(channelOf('draft', method as never), input);
  const claimed: string[] = [];
  return {
    dir,
    ask,
    claimed,
    save: (d: CounterDraft | null, windowId = TAB_1) => ask('save', { windowId, draft: d }),
    saveAside: (ds: unknown, windowId = TAB_1) => ask('saveAside', { windowId, drafts: ds }),
  };
}

const TAB_1 = '0193a1b2-0000-7000-8000-0000000000a1';
const TAB_2 = '0193a1b2-0000-7000-8000-0000000000a2';

const draft = (customerName: string, submissionId: string): CounterDraft => ({
  customerName,
  customerId: '',
  phone: '',
  lines: [{ sku: 'TEA-1', productName: '보리차', quantity: '2', unitPrice: '2500' }],
  currency: 'KRW',
  paymentMethod: 'card',
  note: '',
  tendered: '',
  submissionId,
});
const A = draft('Han Kept', '0193a1b2-0000-7000-8000-000000000001');
const B = draft('윤 입력', '0193a1b2-0000-7000-8000-000000000002');

describe('the drafts kept on the terminal', () => {
  it('keeps the orders set aside beside the form, in order, apart from the form, and forgets them when none is left', async () => {
    const t = terminal();
    expect(await t.ask('getAside')).toEqual({ ok: true, value: [] });
    expect(await t.save(B)).toEqual({ ok: true, value: { saved: true } });
    expect(await t.saveAside([A, B])).toEqual({ ok: true, value: { saved: true } });
    // A new store on the same directory is the app after a restart.
    const again = terminal(t.dir);
    expect(await again.ask('getAside')).toEqual({ ok: true, value: [A, B] });
    expect(await again.ask('get')).toEqual({ ok: true, value: B });

    await t.saveAside([]);
    expect(fs.existsSync(path.join(t.dir, ASIDE_FILE))).toBe(false);
    expect(await t.ask('getAside')).toEqual({ ok: true, value: [] });
    expect(await t.ask('get')).toEqual({ ok: true, value: B });
  });

  it.each([
    ['more than 20 orders', Array.from({ length: 21 }, () => A)],
    ['one that is not a draft', [A, { customerName: 'x' }]],
    ['not a list', A],
  ])('refuses %s with request.invalid and keeps what was there', async (_name, input) => {
    const t = terminal();
    await t.saveAside([A]);
    const r = await t.saveAside(input);
    expect(r).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(await t.ask('getAside')).toEqual({ ok: true, value: [A] });
  });

  it('a draft or an order set aside whose order was saved is not given back, nor kept again', async () => {
    const t = terminal();
    await t.save(B);
    await t.saveAside([A, B]);
    // B was submitted and saved; the page went before its form was cleared.
    const after = terminal(t.dir, new Set([B.submissionId]));
    expect(await after.ask('get')).toEqual({ ok: true, value: null });
    expect(await after.ask('getAside')).toEqual({ ok: true, value: [A] });
    // The form's last keystroke, sent as the page went, arrives after the save: not kept.
    expect(await after.save(B)).toEqual({ ok: true, value: { saved: true } });
    expect(await terminal(t.dir).ask('get')).toEqual({ ok: true, value: null });
  });

  it('a full disk is answered draft.storeFailed with the reason, keeps the last draft kept, and leaves no part written behind', async () => {
    const t = terminal();
    await t.save(A);
    await t.saveAside([A]);
    // The disk fills after a few bytes of the next write, as ENOSPC does.
    vi.spyOn(fs, 'writeFileSync').mockImplementation((target) => {
      if (typeof target === 'number') fs.writeSync(target, '{"customerN');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    for (const write of [() => t.save(B), () => t.saveAside([A, B])]) {
      expect(await write()).toEqual({
        ok: false,
        error: { code: 'draft.storeFailed', params: { detail: 'ENOSPC: no space left on device, write' } },
      });
    }
    expect(fs.readdirSync(t.dir).sort()).toEqual([ASIDE_FILE, DRAFT_FILE].sort());
    expect(await t.ask('get')).toEqual({ ok: true, value: A });
    expect(await t.ask('getAside')).toEqual({ ok: true, value: [A] });
    // Room again: the form's next try is kept.
    vi.restoreAllMocks();
    expect(await t.save(B)).toEqual({ ok: true, value: { saved: true } });
    expect(await t.ask('get')).toEqual({ ok: true, value: B });
  });

  it('reads a file it cannot use as nothing kept, and leaves it for whoever can', async () => {
    const t = terminal();
    for (const [file, text] of [
      [ASIDE_FILE, '[{"customerName": 1}]'],
      [DRAFT_FILE, '{not json'],
    ]) {
      fs.writeFileSync(path.join(t.dir, file), text);
    }
    expect(await t.ask('getAside')).toEqual({ ok: true, value: [] });
    expect(await t.ask('get')).toEqual({ ok: true, value: null });
    expect(fs.readFileSync(path.join(t.dir, ASIDE_FILE), 'utf8')).toBe('[{"customerName": 1}]');
  });

  it('one window at a time writes the order: a second tab that takes the form stops the first, which is refused and told, until it takes it back', async () => {
    const t = terminal();
    expect(await t.ask('claim', { windowId: TAB_1 })).toEqual({ ok: true, value: { claimed: true } });
    expect(await t.save(A, TAB_1)).toEqual({ ok: true, value: { saved: true } });
    // The clerk opens a second tab: it takes the form, and gets the first tab's order to go on with.
    expect(await t.ask('claim', { windowId: TAB_2 })).toEqual({ ok: true, value: { claimed: true } });
    expect(t.claimed).toEqual([TAB_1, TAB_2]);
    expect(await t.ask('get')).toEqual({ ok: true, value: A });
    // The first tab's next keystrokes (or its write as it goes) no longer replace what the second keeps.
    for (const write of [() => t.save(B, TAB_1), () => t.save(null, TAB_1), () => t.saveAside([B], TAB_1)])
      expect(await write()).toEqual({ ok: false, error: { code: 'draft.otherWindow' } });
    expect(await t.ask('get')).toEqual({ ok: true, value: A });
    expect(await t.ask('getAside')).toEqual({ ok: true, value: [] });
    expect(await t.save(B, TAB_2)).toEqual({ ok: true, value: { saved: true } });
    // Taken back in the first tab: the second is refused now.
    await t.ask('claim', { windowId: TAB_1 });
    expect(await t.save(A, TAB_2)).toMatchObject({ ok: false, error: { code: 'draft.otherWindow' } });
    expect(await t.ask('get')).toEqual({ ok: true, value: B });
  });

  it('after a restart of the service process the first window to write has the form, and any other is refused', async () => {
    const t = terminal();
    await t.ask('claim', { windowId: TAB_1 });
    const restarted = terminal(t.dir);
    expect(await restarted.save(B, TAB_2)).toEqual({ ok: true, value: { saved: true } });
    expect(await restarted.save(A, TAB_1)).toMatchObject({ ok: false, error: { code: 'draft.otherWindow' } });
    expect(await restarted.ask('get')).toEqual({ ok: true, value: B });
  });

  it('refuses a write without a window, or with one that is not an id, and keeps what was there', async () => {
    const t = terminal();
    await t.save(A);
    for (const input of [A, { draft: B }, { windowId: 'tab-2', draft: B }])
      expect(await t.ask('save', input)).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(await t.ask('claim', { windowId: 'tab-2' })).toMatchObject({
      ok: false,
      error: { code: 'request.invalid' },
    });
    expect(await t.ask('get')).toEqual({ ok: true, value: A });
  });
});
