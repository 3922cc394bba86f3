import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../common/clock.js';
import { loadConfig } from '../config/config-loader.js';
import { createScanParts, loadPolicySet } from '../composition-root.js';
import type { Resource } from '../inventory/resource.js';
import { PreloadedLookup } from '../policies/filters/preloaded-lookup.js';
import { PendingFinding, settleFinding } from './pending-finding.js';

/** The built-in library against a demo estate of every type, the lookup preloaded as a scan does. */
const estate = async () => {
  const config = await loadConfig({ env: {}, flags: { demo: { seed: 42, size: 3_000 } } });
  const set = await loadPolicySet(config);
  const clock = new ManualClock('2026-11-22T00:00:00Z');
  const { evaluator, provider } = createScanParts(config, set, clock);
  const demo = provider('demo');
  const organization = await demo.organization();
  const lookup = new PreloadedLookup();
  const ctx = { now: clock.now().getTime(), lookup, organization };
  for await (const b of demo.collect({ types: evaluator.needs() })) lookup.add(b.resources);
  const resources: Resource[] = [];
  for await (const b of demo.collect({})) resources.push(...b.resources);
  return { set, evaluator, ctx, resources };
};

test('every built-in policy decides without evidence exactly as it decides with it', async () => {
  const { set, ctx, resources } = await estate();
  let failing = 0;
  let passing = 0;
  for (const cp of set.compiled) {
    for (const r of resources) {
      if (!cp.types.includes(r.type) || !cp.applies(r, ctx)) continue;
      const evidence = cp.test(r, ctx);
      assert.equal(cp.holds(r, ctx), evidence !== null, `${cp.policy.id} on ${r.arn}: holds disagrees with the evidence ${JSON.stringify(evidence)}`);
      if (evidence) failing++;
      else passing++;
    }
  }
  // The estate exercises both answers, or the comparison above proves little.
  assert.ok(failing > 100 && passing > 1_000, `${failing} failing, ${passing} passing`);
});

test("the evaluator's findings carry exactly the evidence the policy writes, and settle into plain data that survives a thread boundary", async () => {
  const { set, evaluator, ctx, resources } = await estate();
  const { findings } = evaluator.evaluate(resources, ctx);
  assert.ok(findings.length > 100);
  const byId = new Map(set.compiled.map((cp) => [cp.policy.id, cp]));
  const byArn = new Map(resources.map((r) => [r.arn, r]));
  for (const f of findings) {
    assert.ok(f instanceof PendingFinding);
    const r = byArn.get(f.resourceArn) as Resource;
    assert.deepEqual(f.evidence, byId.get(f.policyId)?.test(r, ctx));
    const plain = structuredClone(settleFinding(f));
    assert.deepEqual(plain, {
      policyId: f.policyId, severity: f.severity, resourceArn: r.arn, resourceType: r.type, accountId: r.accountId, region: r.region, owner: r.owner ?? null,
      evidence: f.evidence,
    });
    assert.deepEqual(JSON.parse(JSON.stringify(f)), JSON.parse(JSON.stringify(plain)));
  }
});
