import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { ManualClock } from '../common/clock.js';
import { createEnforcement, createVigil } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';
import { enforcementMessage } from '../testing/enforcement-fixture.js';
import type { Violation } from '../violations/violation.js';
import { arnName } from './actions/action-helpers.js';

// Every built-in policy that names an enforcement action: the action, applied to the demo estate the
// way a worker applies it there, must make the next scan find the violation resolved. An action that
// changes nothing says so itself (`changes: false`, notify-only), and so does one whose change lands
// on resources the demo does not derive from the enforced one (`demoUnresolved`, with why); there is
// no list of exceptions here, and a declaration that has become untrue fails the test too.
test('on the demo estate every built-in policy\'s enforcement action resolves the violation it was sent for', async () => {
  const config = await loadConfig({ env: {}, flags: { store: { url: ':memory:' }, demo: { size: 3_000 } } });
  const clock = new ManualClock('2026-12-01T09:00:00.000Z');
  const vigil = await createVigil(config, { clock });
  const enforcement = await createEnforcement(vigil);
  try {
    await vigil.scan();
    const live = await vigil.store.violations.list({ states: ['open'], limit: 1_000_000 });
    const byPolicy = new Map<string, Violation[]>();
    for (const v of live) byPolicy.set(v.policyId, [...(byPolicy.get(v.policyId) ?? []), v]);

    const tried: { policy: string; action: string; violation: Violation }[] = [];
    const nothingToTry: string[] = [];
    for (const policy of vigil.policies) {
      const name = policy.remediation.enforce;
      if (!name || policy.disabledReason) continue;
      const action = enforcement.actions.get(name);
      if (action.changes === false) continue; // declared: it records, it does not change the resource
      const violations = (byPolicy.get(policy.id) ?? []).slice(0, 3);
      if (violations.length === 0) nothingToTry.push(policy.id);
      for (const violation of violations) {
        const resource = { arn: violation.resourceArn, type: violation.resourceType, accountId: violation.accountId, region: violation.region };
        const message = enforcementMessage({ violationId: violation.id, action: name, resource, params: policy.remediation.params ?? {} });
        const params = Value.Default(action.schema, structuredClone(message.params)) as Record<string, unknown>;
        const ctx = { message, params, resource, resourceId: arnName(resource.arn), now: clock.now(), aws: null as never };
        await action.apply(ctx, await action.read(ctx));
        tried.push({ policy: policy.id, action: name, violation });
      }
    }

    clock.set(clock.now().getTime() + 3_600_000);
    await vigil.scan();
    const open = new Set((await vigil.store.violations.list({ states: ['open'], limit: 1_000_000 })).map((v) => v.id));
    const line = (t: (typeof tried)[number]) => `${t.policy} (${t.action}) on ${t.violation.resourceArn}`;
    const declared = (t: (typeof tried)[number]) => enforcement.actions.get(t.action).demoUnresolved?.[t.violation.resourceType] !== undefined;
    assert.deepEqual(tried.filter((t) => open.has(t.violation.id) && !declared(t)).map(line), [], 'the next scan finds every enforced violation resolved');
    assert.deepEqual(tried.filter((t) => !open.has(t.violation.id) && declared(t)).map(line), [], 'an action declared demoUnresolved really leaves its violation open (else drop the declaration)');
    assert.ok(tried.length > 0);
    // Every such policy is tried: the generators force one example of each control's failure into
    // every estate (forcedExample), so a policy whose enforcement does not resolve cannot go unchecked.
    assert.deepEqual(nothingToTry, [], 'every policy with an action has a violation on the demo estate to enforce');
  } finally {
    await enforcement.close();
    await vigil.close();
  }
});
