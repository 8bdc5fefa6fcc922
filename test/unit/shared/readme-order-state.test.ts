// The README's testers' table tells a script what to wait on for what became of an order. It
// listed `voided` among the rows' data-state values, and a tester who voided a delivered order
// waited for it in vain: such an order stays `delivered` (voided is "never sent") and its row
// carries the Voided badge instead. The row must say so, with the test ids the renderer gives;
// and the section as a whole names no test id the page lacks.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requests } from '../../../shared/contract';
import { CLERK_STATES } from '../../../shared/delivery-states';
import { parseFaultCommand } from '../../../electron/sandbox/fault-commands';
import { invalidTopicConfig } from '../../../electron/sandbox/cluster-config';

const root = path.resolve(__dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const row = readme.split('\n').find((l) => l.startsWith('| What became of an order |')) ?? '';
const renderer = (dir: string): string =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory()
        ? renderer(path.join(dir, e.name))
        : /\.tsx$/.test(e.name)
          ? fs.readFileSync(path.join(dir, e.name), 'utf8')
          : '',
    )
    .join('\n');
const source = renderer(path.join(root, 'renderer'));

describe("README testers' table: what became of an order", () => {
  it('lists every data-state a row can have', () => {
    for (const s of CLERK_STATES) expect(row).toContain(`\`${s}\``);
  });

  it('says what a void of a delivered order leaves on its row, by test ids the renderer has', () => {
    expect(row).toMatch(/voided.{0,80}never sent/);
    expect(row).toContain("getByTestId('voided-badge')");
    expect(row).toContain("getByTestId('voided-note')");
    for (const [, id] of row.matchAll(/getByTestId\('([\w-]+)'\)/g)) expect(source).toContain(`data-testid="${id}"`);
  });
});

describe("README testers' section", () => {
  const start = readme.indexOf('## Automating it with Playwright (for testers)');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

  it('names only test ids the renderer gives', () => {
    const ids = [...section.matchAll(/getByTestId\('([\w-]+)'\)/g)].map((m) => m[1]);
    expect(ids).toContain('lost-contact-banner');
    // A literal, as data-testid="…" or picked in an expression ('unauthorized' : 'refused').
    const missing = [...new Set(ids)].filter((id) => !new RegExp(`["'\`]${id}["'\`]`).test(source));
    expect(missing).toEqual([]);
  });

  it('names only data- attributes the renderer sets, the header counts and the cancellation among them', () => {
    const attrs = [...new Set([...section.matchAll(/\bdata-([a-z][\w-]*)/g)].map((m) => m[1]))];
    expect(attrs).toEqual(expect.arrayContaining(['count', 'cancellation']));
    expect(attrs.filter((a) => !source.includes(`data-${a}=`))).toEqual([]);
  });
});

// A tester's first suite resets the app between tests, seeds orders, takes the cluster down and
// reads the topic back: the section said none of it, and a script that killed the `npm` it had
// started left the server on its port and data directory (the next start failed on both).
describe("README testers' section: between tests", () => {
  const start = readme.indexOf('## Automating it with Playwright (for testers)');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

  it('says how to stop the server it started, and a fresh data directory a test', () => {
    expect(section).toMatch(/process group/);
    expect(section).toMatch(/fresh data directory/);
  });

  it('seeds, sets the PIN and finds the brokers with frames the contract takes as written', () => {
    const frames = [...section.matchAll(/`(\{"type":"request"[^`]*\})`/g)].map((m) => JSON.parse(m[1]));
    expect(frames.map((f) => f.channel)).toEqual(
      expect.arrayContaining(['orders:submit', 'risk:setPin', 'diagnostics:health']),
    );
    for (const f of frames) {
      const [group, method] = f.channel.split(':');
      const spec = (
        requests as Record<string, Record<string, { input: { safeParse(v: unknown): { success: boolean } } }>>
      )[group]?.[method];
      expect(spec, f.channel).toBeDefined();
      expect(spec.input.safeParse(f.input).success, f.channel).toBe(true);
    }
  });

  it('names only fault commands the sandbox takes', () => {
    const commands = [...section.matchAll(/`((?:stop|start|restart|latency)(?:-all| \d[\d ]*))`/g)].map((m) => m[1]);
    expect(commands).toContain('stop-all');
    for (const c of commands) expect(parseFaultCommand(c).ok, c).toBe(true);
  });
});

// A tester had no way to make an order need attention on browser mode's own cluster: the
// section gives one (a topic whose limit is below any order, the order saved while the cluster
// is down); a script followed it word for word. These keep its parts true.
describe("README testers' section: an order that needs attention", () => {
  const start = readme.indexOf('**An order that needs attention**');
  const recipe = readme.slice(start, readme.indexOf('\n\n', start));

  it('creates a topic with a limit the sandbox takes and that the seeded order crosses', () => {
    const entry = /\{ name: '([\w.]+)', value: '(\d+)' \}/.exec(recipe);
    expect(entry?.[1]).toBe('max.message.bytes');
    expect(invalidTopicConfig(entry![1], entry![2])).toBeNull();
    const seed = /`(\{"type":"request","id":\d+,"channel":"orders:submit"[^`]*\})`/.exec(readme);
    const order = JSON.parse(seed![1]) as { input: unknown };
    // The record holds more than what was typed (its id, times), so this is the least it is.
    expect(JSON.stringify(order.input).length).toBeGreaterThan(Number(entry![2]));
  });

  it('saves while the cluster is down, then brings it back, and waits for a state a row has', () => {
    expect(recipe.indexOf('`stop-all`')).toBeGreaterThan(-1);
    expect(recipe.indexOf('`start-all`')).toBeGreaterThan(recipe.indexOf('`stop-all`'));
    expect(recipe).toMatch(/`data-state` is `attention`/);
    expect(CLERK_STATES).toContain('attention');
  });
});

// A tester's first day, the section followed word for word (a scratch suite of its own): each of
// these sent a script looking for something the page does not have, or to a locator Playwright's
// strict mode refuses.
describe("README testers' section: what a first suite stumbled on", () => {
  const start = readme.indexOf('## Automating it with Playwright (for testers)');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

  it('scopes the voided note: with the receipt open, its row and the receipt each have one', () => {
    const uses = [...section.matchAll(/(.)getByTestId\('voided-note'\)/g)];
    expect(uses.length).toBeGreaterThan(0);
    // Unscoped (`page.getByTestId`) it finds two elements, and strict mode refuses it.
    for (const [, before] of uses) expect(before).toBe('.');
    expect(section).toContain("`getByRole('dialog', { name: 'Receipt' }).getByTestId('voided-note')`");
  });

  it('says which screen has the Receipt and Find on topic buttons (the Outbox has neither)', () => {
    const bullet = section.split('\n- ').find((b) => b.startsWith("**A row's buttons")) ?? '';
    expect(bullet).toMatch(/Orders screen's rows?[^.]*`Receipt 2d283922`/);
    expect(source).toContain("t('receipt.open')");
    expect(source.match(/t\('receipt\.open'\)/g)).toHaveLength(1);
  });

  it("names the receipt's Void form fields, which are not Review's", () => {
    expect(section).toContain("getByLabel('Supervisor PIN')");
    expect(section).toContain('getByLabel(/^Reason/)');
  });

  it('says how a script switches the language, and which hooks stay the same', () => {
    expect(section).toMatch(/"language":"ko"/);
    expect(section).toMatch(/Settings' Language/);
  });
});
