// The failed tests named in a suite's JSON report (vitest's `json` reporter, Playwright's `json`
// reporter), so `npm test` can end with them: CI keeps only the tail of a long run's output, and
// a leg that says FAILED without saying which test leaves nobody able to act on it. Tests that
// failed and then passed when retried (the kafka leg retries once) are named too, with the
// error of their failed try: a retry is never silent.
import fs from 'node:fs';

export interface FailedTest {
  /** The test file, relative to the project when the report gives it so. */
  file: string;
  /** The test's full title, or "(the file itself)" when it failed outside any test. */
  title: string;
  /** The first lines of its error's message (no stack), joined with " | ". */
  error: string;
}

export interface Outcomes {
  failed: FailedTest[];
  /** Failed a try, then passed a retry: `error` is the failed try's. */
  passedOnRetry: FailedTest[];
}

const MAX_ERROR_CHARS = 400;

function firstLines(message: string | undefined): string {
  if (message === undefined || message === '') return '(no message)';
  // eslint-disable-next-line no-control-regex -- colour codes in reporters' messages
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  const folded = plain
    .split('\n')
    .map((l) => l.trim())
    // The message, not the stack: CI's tail has room for a line or two per test.
    .filter((l) => l !== '' && !l.startsWith('at '))
    .slice(0, 4)
    .join(' | ');
  return folded.length > MAX_ERROR_CHARS ? `${folded.slice(0, MAX_ERROR_CHARS)}…` : folded;
}

/**
 * A test that failed is said with its last try's error; one that passed on a retry, with its
 * first (failed) try's. `errors` are its tries' errors, in order.
 */
function said(into: Outcomes, passed: boolean, file: string, title: string, errors: Array<string | undefined>): void {
  if (passed) into.passedOnRetry.push({ file, title, error: firstLines(errors[0]) });
  else into.failed.push({ file, title, error: firstLines(errors[errors.length - 1]) });
}

function relative(file: string, projectDir: string): string {
  return file.startsWith(`${projectDir}/`) ? file.slice(projectDir.length + 1) : file;
}

interface VitestReport {
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

/** Failed tests, and those passed on a retry, in a vitest `json` report (its Jest-compatible shape). */
export function vitestOutcomes(report: VitestReport, projectDir: string): Outcomes {
  const out: Outcomes = { failed: [], passedOnRetry: [] };
  for (const file of report.testResults ?? []) {
    const name = relative(file.name, projectDir);
    const tests = file.assertionResults ?? [];
    // A passed test keeps the errors of the tries that failed before it passed.
    for (const t of tests)
      if (t.status === 'failed' || (t.status === 'passed' && (t.failureMessages?.length ?? 0) > 0))
        said(out, t.status === 'passed', name, t.fullName, t.failureMessages ?? []);
    // A hook or an import that throws fails the file with no failed test in it.
    if (file.status === 'failed' && !tests.some((t) => t.status === 'failed'))
      said(out, false, name, '(the file itself)', [file.message]);
  }
  return out;
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: {
    title: string;
    file?: string;
    tests?: { status: string; results?: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}

interface PlaywrightReport {
  config?: { rootDir?: string };
  suites?: PlaywrightSuite[];
  errors?: { message?: string }[];
}

/** Failed tests in a Playwright `json` report: outcome "unexpected"; passed on a retry: "flaky". */
export function playwrightOutcomes(report: PlaywrightReport, projectDir: string): Outcomes {
  const out: Outcomes = { failed: [], passedOnRetry: [] };
  // Its files are relative to the config's rootDir (the testDir).
  const rootDir = report.config?.rootDir ?? projectDir;
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === 'unexpected' || t.status === 'flaky')
          said(
            out,
            t.status === 'flaky',
            relative(`${rootDir}/${spec.file ?? suite.file ?? suite.title}`, projectDir),
            [...titles, spec.title].join(' › '),
            (t.results ?? []).filter((r) => r.error !== undefined).map((r) => r.error?.message),
          );
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // The top-level suites are files; their titles are the file names, said once as `file`.
  for (const top of report.suites ?? []) walk(top, []);
  for (const e of report.errors ?? []) said(out, false, '(the run)', '(outside any test)', [e.message]);
  return out;
}

/**
 * Reads a report file. A report that is missing or unreadable (the suite died before writing it)
 * is itself said as a failure, so a FAILED line is never left without a reason.
 */
export function outcomesInReportFile(reportPath: string, kind: 'vitest' | 'playwright', projectDir: string): Outcomes {
  let report: unknown;
  try {
    report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  } catch (err) {
    const error = `the ${kind} report ${reportPath} could not be read: ${(err as Error).message}`;
    return { failed: [{ file: '(the run)', title: '(no report)', error }], passedOnRetry: [] };
  }
  return kind === 'vitest'
    ? vitestOutcomes(report as VitestReport, projectDir)
    : playwrightOutcomes(report as PlaywrightReport, projectDir);
}
