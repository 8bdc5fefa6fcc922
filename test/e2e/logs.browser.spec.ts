// Diagnostics' "Open logs" in browser mode: a page cannot open a folder, so it says so and
// shows the log folder in the data directory and the last lines both processes wrote there.
import path from 'node:path';
import { expect, test } from './fixtures';
import { PAGE_ONLY_TAG } from '../support/test-legs';

test(
  "Open logs shows the data directory's log folder and the recent lines of both processes",
  { tag: PAGE_ONLY_TAG },
  async ({ page, app }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Diagnostics' }).click();
    await page.getByRole('button', { name: 'Open logs' }).click();
    await expect(page.getByText('This window cannot open folders (browser mode)')).toBeVisible();
    await expect(page.getByTestId('log-dir')).toHaveText(`Log folder: ${path.join(app.dataDir, 'logs')}`);
    const tail = page.getByTestId('log-tail');
    await expect(tail).toContainText(/app: \[.*\] \[info\] +services running/);
    // The sandbox leg's app runs its own training cluster and says so; against a real cluster it does not.
    const connected = app.cluster
      ? /services: \[.*\] \[info\] +connection connected$/m
      : /services: \[.*\] \[info\] +connection connected \(sandbox\)/;
    await expect(tail).toContainText(connected);
  },
);
