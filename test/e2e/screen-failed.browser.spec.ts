// A screen that cannot be shown (here Diagnostics, whose file the page cannot fetch, as after
// the app was updated under an open window) takes only its own place: it says so, offers a
// reload, and the clerk goes back to the order being typed with Alt+1. It blanked the window.
import { expect, test } from './fixtures';
import { PAGE_ONLY_TAG } from '../support/test-legs';

test(
  'a screen that fails to load says so, and the order being typed is still there',
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.route(/\/assets\/DiagnosticsScreen-[^/]*\.js$/, (route) => route.abort('connectionfailed'));
    await page.goto(app.url);
    await page.getByLabel('Customer name').fill('Kim Minji');

    await page.keyboard.press('Alt+4');
    const alert = page.getByRole('alert').filter({ hasText: 'This screen could not be shown' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('the order being typed are kept');
    await expect(alert.getByRole('heading')).toBeFocused();
    await expect(page.getByRole('navigation').getByRole('button', { name: 'Order', exact: true })).toBeVisible();

    // The browser's own words are kept for whoever helps, folded under a heading in the clerk's words.
    await expect(alert.locator('details summary')).toHaveText('Technical detail');
    await expect(alert.locator('details code')).not.toBeVisible();

    await page.keyboard.press('Alt+1');
    await expect(page.getByLabel('Customer name')).toHaveValue('Kim Minji');
    await expect(alert).toBeHidden();

    // Reload the app fetches everything again; the order being typed is back.
    await page.keyboard.press('Alt+4');
    await Promise.all([page.waitForEvent('load'), alert.getByRole('button', { name: 'Reload the app' }).click()]);
    // The reloaded page is up once the kept order is back in the form: Alt+4 pressed before that was lost.
    await expect(page.getByLabel('Customer name')).toHaveValue('Kim Minji');
    await page.keyboard.press('Alt+4');
    await expect(alert).toBeVisible();

    // With the file back, the screen opens the next time it is opened, without a reload: a failed
    // fetch is not kept as the screen's answer.
    await page.unroute(/\/assets\/DiagnosticsScreen-[^/]*\.js$/);
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('heading', { name: 'Order-intake safety checklist' })).toBeVisible();
    await page.keyboard.press('Alt+1');
    await expect(page.getByLabel('Customer name')).toHaveValue('Kim Minji');
  },
);
