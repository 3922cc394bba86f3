import fc from 'fast-check';
import { configFileTarget, environmentTarget, inventoryTarget, policyYamlTarget, type FuzzTarget } from './fuzz-targets.js';
import { apiTarget, cliTarget } from './interface-fuzz-targets.js';

export interface FuzzResult {
  target: string;
  runs: number;
  ms: number;
  /** fast-check's report (seed, path, shrunk counterexample) when the property failed. */
  failure?: string;
}

/** Every fuzz target, built fresh. */
export const allFuzzTargets = async (): Promise<FuzzTarget<any>[]> => [await policyYamlTarget(), configFileTarget(), environmentTarget(), inventoryTarget(), apiTarget(), cliTarget()];

/**
 * Runs `total` cases split across the targets by weight, with one seed, so a failure is replayable
 * (`FUZZ_SEED=<seed> npm run fuzz`).
 *
 * @example
 * const results = await runFuzz({ total: 1_000, seed: 42 });
 */
export const runFuzz = async (opts: { total: number; seed: number; only?: string; onResult?: (r: FuzzResult) => void }): Promise<FuzzResult[]> => {
  const all = await allFuzzTargets();
  // Each target's share of the total is its weight among all targets, whether or not others run too.
  const weight = all.reduce((n, t) => n + t.weight, 0);
  const targets = all.filter((t) => !opts.only || t.name.includes(opts.only));
  const results: FuzzResult[] = [];
  for (const t of targets) {
    const runs = Math.max(1, Math.round((opts.total * t.weight) / weight));
    const t0 = performance.now();
    await t.setup?.();
    let failure: string | undefined;
    try {
      const details = await fc.check(fc.asyncProperty(t.arbitrary, (input) => t.check(input)), { numRuns: runs, seed: opts.seed, endOnFailure: false });
      if (details.failed) failure = fc.defaultReportMessage(details) ?? 'failed';
    } finally {
      await t.teardown?.().catch((e: unknown) => (failure ??= `teardown: ${(e as Error).message}`));
    }
    const r = { target: t.name, runs, ms: performance.now() - t0, ...(failure ? { failure } : {}) };
    results.push(r);
    opts.onResult?.(r);
  }
  return results;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const total = Number(process.env['FUZZ_RUNS'] ?? 100_000);
  const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
  console.log(`vigil fuzz: ${total.toLocaleString('en-US')} cases, seed ${seed}${process.env['FUZZ_ONLY'] ? `, only ${process.env['FUZZ_ONLY']}` : ''}`);
  const results = await runFuzz({
    total,
    seed,
    ...(process.env['FUZZ_ONLY'] ? { only: process.env['FUZZ_ONLY'] } : {}),
    onResult: (r) => console.log(`  ${r.target.padEnd(22)} ${r.runs.toLocaleString('en-US').padStart(7)} cases  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.failure ? 'FAILED' : 'ok'}`),
  });
  const failed = results.filter((r) => r.failure);
  for (const r of failed) console.log(`\n${r.target}:\n${r.failure}`);
  console.log(`\n${results.reduce((n, r) => n + r.runs, 0).toLocaleString('en-US')} cases, ${failed.length} target(s) failed`);
  process.exitCode = failed.length ? 1 : 0;
}
