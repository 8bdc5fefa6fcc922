// The page-side hardening checks, the same for the browser project and the Electron one: no
// Node in the page, and the Content-Security-Policy really blocks injected inline script
// (checked by what the page can do, not by reading the policy). eval is not probed here:
// DevTools' own evaluation, which Playwright uses, is exempt from the policy; the policy's
// lack of 'unsafe-eval' is unit-tested (test/unit/security).
import { expect, type Page } from '@playwright/test';

export async function expectNoNodeInPage(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => [
      typeof (window as unknown as { require?: unknown }).require,
      typeof (window as unknown as { process?: unknown }).process,
      typeof (window as unknown as { module?: unknown }).module,
    ]),
  ).toEqual(['undefined', 'undefined', 'undefined']);
}

export async function expectCspBlocksInjectedScript(page: Page): Promise<void> {
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
        let violated: string | null = null;
        document.addEventListener('securitypolicyviolation', (e) => (violated ??= e.violatedDirective), {
          once: true,
        });
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.head.appendChild(s);
        // The violation event is dispatched asynchronously.
        setTimeout(
          () =>
            resolve({
              ran: (window as unknown as { __injected?: boolean }).__injected === true,
              violated,
            }),
          200,
        );
      }),
  );
  expect(outcome.ran).toBe(false);
  expect(outcome.violated).toMatch(/^script-src/);
}
