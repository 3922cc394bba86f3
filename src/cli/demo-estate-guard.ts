import { UsageError } from '../common/vigil-error.js';
import { demoEstateLabels, lastDemoScan, type Vigil } from '../composition-root.js';

/**
 * Refuses a demo scan into a store that holds another demo estate (other seed or size): the scan
 * would mark most of the stored estate deleted and resolve its violations. Says so before anything
 * is written, and how to go on (another `--db`, or `--replace` to scan it anyway).
 *
 * @example
 * await guardDemoEstate(vigil, 'demo', { replace: false }); // throws UsageError on a mismatch
 */
export const guardDemoEstate = async (vigil: Vigil, source: string, opts: { replace?: boolean }): Promise<void> => {
  if (source !== 'demo' || opts.replace) return;
  const last = await lastDemoScan(vigil.store);
  if (!last) return;
  const want = demoEstateLabels(vigil.config);
  const had = { demoSeed: last.stats['demoSeed'], demoSize: last.stats['demoSize'] };
  if (had.demoSeed === want.demoSeed && had.demoSize === want.demoSize) return;
  const stored = await vigil.store.inventory.count();
  const describe = (l: { demoSeed?: number; demoSize?: number }, seed?: unknown) => `seed ${String(seed ?? l.demoSeed)}, size ${(l.demoSize ?? 0).toLocaleString('en-US')}`;
  throw new UsageError(
    `this store (${vigil.config.store.url}) holds the demo estate of ${describe(had)}; scanning ${describe(want, vigil.config.demo.seed)} ` +
      `would mark most of its ${stored.toLocaleString('en-US')} resources deleted and resolve their violations. ` +
      `Use another store (--db), or --replace to scan it anyway`,
  );
};
