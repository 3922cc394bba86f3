import { ManualClock } from '../common/clock.js';
import { loadConfig } from '../config/config-loader.js';
import { createScanParts, loadPolicySet } from '../composition-root.js';
import { PreloadedLookup } from '../policies/filters/preloaded-lookup.js';

/**
 * What the benches that evaluate a demo estate in-process set up alike: the config (demo seed 42 of
 * `size` resources), the policy set, an evaluator and the demo provider on a clock fixed at `now`,
 * and the filter context with an empty lookup the bench fills as it collects.
 */
export const demoEvaluationSetup = async (size: number, now: string, env: Readonly<Record<string, string | undefined>> = {}) => {
  const config = await loadConfig({ env, flags: { demo: { seed: 42, size } } });
  const set = await loadPolicySet(config);
  const clock = new ManualClock(now);
  const { evaluator, provider } = createScanParts(config, set, clock);
  const demo = provider('demo');
  const organization = await demo.organization();
  const lookup = new PreloadedLookup();
  const ctx = { now: clock.now().getTime(), lookup, organization };
  return { set, evaluator, demo, lookup, ctx };
};
