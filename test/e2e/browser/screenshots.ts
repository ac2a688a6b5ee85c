import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * With `SCREENSHOTS_DIR` set, saves what the page shows as `<dir>/<name>.png` (to look at the
 * screens a test goes through); without it, does nothing.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env['SCREENSHOTS_DIR'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // let antd's opening animations end
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
