import type { Page } from 'playwright-core';
import { SignInPage } from '../pages/sign-in.page';

/** The demo accounts' password (DEMO_PASSWORD's default). */
export const DEMO_PASSWORD = 'demo';

/**
 * `page` signed in as the demo account `user`, through the sign-in page as an officer would (the app
 * comes back to where it was asked for): at `url` when given, else where the page already is.
 */
export async function signedIn(page: Page, user: string, url?: string): Promise<Page> {
  if (url !== undefined) await page.goto(url);
  await new SignInPage(page).waitUntilShown().then((p) => p.signIn(user, DEMO_PASSWORD));
  return page;
}
