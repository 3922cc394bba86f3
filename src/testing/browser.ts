import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium: the one browser the tests use. Playwright's own downloads cannot be fetched here. */
export const CHROMIUM_PATH = process.env.VIGIL_TEST_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The flags a root, offline, GPU-less machine needs: no sandbox (root), and no background traffic that
 * a closed network refuses by the hundred (updates, sync, QUIC, first-run pings).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless chromium for a browser test, or skips the test when chromium is not installed —
 * except under CI=true, where a missing browser must fail loudly rather than pass by skipping.
 * Returns undefined when the test was skipped; the caller returns at once.
 *
 * @example
 * it('shows the totals', async (t) => {
 *   const browser = await launchTestBrowser(t);
 *   if (!browser) return;
 *   t.after(() => browser.close());
 * });
 */
export async function launchTestBrowser(t: TestContext): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM_PATH)) {
    const message = `browser tests need ${CHROMIUM_PATH}: apt-get install chromium (or set VIGIL_TEST_CHROMIUM)`;
    if (process.env.CI === 'true') throw new Error(`${message} — CI=true, so this fails instead of skipping`);
    t.skip(message);
    return undefined;
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/**
 * The dashboard tests' start: a browser and a migrated SQLite store holding the posture fixture, both
 * closed after the test; undefined when the browser test was skipped.
 *
 * @example
 * const env = await browserWithPostureStore(t);
 * if (!env) return;
 * const server = createApiServer({ store: env.store, policies: postureFixturePolicies, clock });
 */
export async function browserWithPostureStore(t: TestContext): Promise<{ browser: Browser; store: import('../store/store.js').Store } | undefined> {
  const browser = await launchTestBrowser(t);
  if (!browser) return undefined;
  t.after(() => browser.close());
  const { openTestStore } = await import('./test-store.js');
  const { seedPostureFixture } = await import('./posture-fixture.js');
  const store = await openTestStore();
  t.after(() => store.close());
  await seedPostureFixture(store);
  return { browser, store };
}
