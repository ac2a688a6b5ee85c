import { chromium, type Browser as PlaywrightBrowser, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  /** A page in a fresh context (no cookies, no storage) at 1366×768, the office screen the app is made for. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Headless Chromium (Playwright gives it a fresh, throw-away profile), fetching nothing from outside. */
export async function launchBrowser(): Promise<Browser> {
  const browser: PlaywrightBrowser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    newPage: async () => {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      const page = await context.newPage();
      // Generous: the fault test's engines share the 2 cores while these run (a slow answer, not a failure).
      page.setDefaultTimeout(30_000);
      // Closing the page ends its context too (already closing with the browser: nothing left to do).
      page.on('close', () => {
        context.close().catch(() => undefined);
      });
      return page;
    },
    close: () => browser.close(),
  };
}
