import type { TestContext } from 'node:test';

/**
 * Skips a test whose prerequisite is missing on a laptop, but fails it under `CI=true`, where a
 * skipped meta-test would pass without checking anything.
 *
 * @example
 * if (!existsSync(CATALOGUE)) return skipOrFail(t, `catalogue not found at ${CATALOGUE}`);
 */
export const skipOrFail = (t: TestContext, reason: string, env: NodeJS.ProcessEnv = process.env): void => {
  if (env['CI'] === 'true') throw new Error(`${reason} — CI=true, so this fails instead of skipping`);
  t.skip(reason);
};
