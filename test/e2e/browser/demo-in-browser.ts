import type { Page } from 'playwright-core';
import { startDemoEngine, type DemoEngine } from '../support/demo-engine';
import { launchBrowser, type Browser } from './browser';
import { signedIn } from './support/sign-in';

export interface DemoInBrowser {
  readonly demo: DemoEngine;
  readonly browser: Browser;
  readonly base: string;
  /** A fresh page at `path`, signed in there as the demo account `username` (password `demo`). */
  signedIn(username: string, path: string): Promise<Page>;
}

/**
 * For a describe block: the built engine with the demo seed and Chromium, started before its tests and
 * stopped after them.
 */
export function demoInBrowser(): DemoInBrowser {
  let demo: DemoEngine | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoEngine(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });
  const started = () => {
    if (demo === undefined || browser === undefined) throw new Error('the demo engine has not started');
    return { demo, browser };
  };
  return {
    get demo() {
      return started().demo;
    },
    get browser() {
      return started().browser;
    },
    get base() {
      return started().demo.engine.baseUrl;
    },
    async signedIn(username, path) {
      const { demo: d, browser: b } = started();
      const page = await b.newPage();
      await signedIn(page, username, `${d.engine.baseUrl}${path}`);
      return page;
    },
  };
}
