// `npm test` ends by naming every failed test, read from each suite's JSON report. These run the
// real reporters on a fixture that fails on purpose, so a change in either report's shape fails
// here rather than leaving a FAILED leg unexplained in CI.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../support/child-process';
import { outcomesInReportFile } from '../../support/failed-tests';

const run = promisify(execFile);
const FIXTURE = path.join(PROJECT_DIR, 'test', 'fixtures', 'failing-suites');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failed-tests-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs a suite that is meant to fail; resolves once it has, with its exit code. */
async function runFailing(bin: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  try {
    await run(path.join(PROJECT_DIR, 'node_modules', '.bin', bin), args, {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...env, KAFKA_TARGET: '', CI: '1' },
      timeout: 60_000,
    });
    return 0;
  } catch (err) {
    return (err as { code?: number }).code ?? -1;
  }
}

describe('the failed tests named at the end of npm test', () => {
  it('come from a real vitest JSON report: the failed one, and the one that passed only when retried', async () => {
    const report = path.join(dir, 'vitest.json');
    const code = await runFailing('vitest', [
      'run',
      '--config',
      path.join(FIXTURE, 'vitest.config.ts'),
      '--retry',
      '1',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ]);
    expect(code).toBe(1);
    const { failed, passedOnRetry } = outcomesInReportFile(report, 'vitest', PROJECT_DIR);
    expect(failed).toEqual([
      {
        file: 'test/fixtures/failing-suites/arithmetic.test.ts',
        title: 'arithmetic is wrong on purpose',
        error: expect.stringMatching(/expected 2 to be 3/),
      },
    ]);
    expect(passedOnRetry).toEqual([
      {
        file: 'test/fixtures/failing-suites/arithmetic.test.ts',
        title: 'arithmetic, on a second try is right the second time',
        error: expect.stringMatching(/expected 1 to be 2/),
      },
    ]);
  });

  it('come from a real Playwright JSON report: the failed one, and the one that passed only when retried', async () => {
    const report = path.join(dir, 'playwright.json');
    const code = await runFailing(
      'playwright',
      [
        'test',
        '--config',
        path.join(FIXTURE, 'playwright.config.ts'),
        '--retries',
        '1',
        '--reporter=json',
        '--output',
        path.join(dir, 'playwright-output'),
      ],
      { PLAYWRIGHT_JSON_OUTPUT_FILE: report },
    );
    expect(code).toBe(1);
    const { failed, passedOnRetry } = outcomesInReportFile(report, 'playwright', PROJECT_DIR);
    expect(failed).toEqual([
      {
        file: 'test/fixtures/failing-suites/arithmetic.spec.ts',
        title: 'arithmetic › is wrong on purpose',
        error: expect.stringMatching(/Expected: 3.*Received: 2/),
      },
    ]);
    expect(passedOnRetry).toEqual([
      {
        file: 'test/fixtures/failing-suites/arithmetic.spec.ts',
        title: 'arithmetic, on a second try › is right the second time',
        error: expect.stringMatching(/Expected: 1.*Received: 0/),
      },
    ]);
  });

  it('say so when a suite died before writing its report', () => {
    const { failed } = outcomesInReportFile(path.join(dir, 'never-written.json'), 'vitest', PROJECT_DIR);
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toMatch(/the vitest report .*never-written\.json could not be read: ENOENT/);
  });
});
