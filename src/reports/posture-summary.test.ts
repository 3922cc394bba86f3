import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestStore } from '../testing/test-store.js';
import { POSTURE_FIXTURE_COUNTS, postureFixturePolicies, seedPostureFixture } from '../testing/posture-fixture.js';
import { buildPostureSummary } from './posture-summary.js';

describe('buildPostureSummary', () => {
  it('counts live violations only, by severity and state, on a real SQLite store', async () => {
    const store = await openTestStore();
    try {
      await seedPostureFixture(store);
      const s = await buildPostureSummary(store, postureFixturePolicies);
      assert.equal(s.resources, POSTURE_FIXTURE_COUNTS.resources);
      assert.equal(s.policies, POSTURE_FIXTURE_COUNTS.policies);
      assert.equal(s.violations.total, POSTURE_FIXTURE_COUNTS.liveViolations);
      assert.deepEqual(s.violations.bySeverity, POSTURE_FIXTURE_COUNTS.bySeverity);
      assert.deepEqual(s.violations.byState, POSTURE_FIXTURE_COUNTS.byState);
    } finally {
      await store.close();
    }
  });

  it('reports every framework with its policies, failing policies and violations', async () => {
    const store = await openTestStore();
    try {
      await seedPostureFixture(store);
      const s = await buildPostureSummary(store, postureFixturePolicies);
      const got = Object.fromEntries(s.byFramework.map((f) => [f.framework, [f.policies, f.failingPolicies, f.violations]]));
      assert.deepEqual(got, POSTURE_FIXTURE_COUNTS.byFramework);
      assert.equal(s.byFramework[0]?.framework, 'iso27001@2022', 'most violations first');
    } finally {
      await store.close();
    }
  });

  it('ranks failing policies, accounts and owners, and names the latest scan', async () => {
    const store = await openTestStore();
    try {
      await seedPostureFixture(store);
      const s = await buildPostureSummary(store, postureFixturePolicies, { topPolicies: 2 });
      assert.deepEqual(s.topFailingPolicies, [
        { policyId: 's3-bucket-public-access-block', title: 'S3 buckets block all public access', severity: 'high', count: 3 },
        { policyId: 'iam-user-mfa', title: 'IAM users with a console password have MFA', severity: 'critical', count: 2 },
      ]);
      assert.deepEqual(Object.fromEntries(s.byAccount.map((a) => [a.accountId, a.violations])), POSTURE_FIXTURE_COUNTS.byAccount);
      assert.deepEqual(s.byOwner, [
        { owner: 'payments', violations: 2 },
        { owner: 'platform', violations: 2 },
        { owner: null, violations: 1 },
        { owner: 'web', violations: 1 },
      ]);
      assert.equal(s.lastScan?.id, 'scan-2');
      assert.equal(s.lastScan?.status, 'finished');
    } finally {
      await store.close();
    }
  });

  it('keeps counting violations of a policy that is no longer loaded, under its id', async () => {
    const store = await openTestStore();
    try {
      await seedPostureFixture(store);
      const withoutS3 = postureFixturePolicies.filter((p) => p.id !== 's3-bucket-public-access-block');
      const s = await buildPostureSummary(store, withoutS3);
      assert.equal(s.violations.total, POSTURE_FIXTURE_COUNTS.liveViolations);
      assert.equal(s.policies, 3);
      assert.deepEqual(s.topFailingPolicies[0], { policyId: 's3-bucket-public-access-block', title: 's3-bucket-public-access-block', severity: 'high', count: 3 });
      assert.equal(s.byFramework.find((f) => f.framework === 'aws-fsbp'), undefined, 'no loaded policy maps to aws-fsbp any more');
    } finally {
      await store.close();
    }
  });

  it('is all zeros on an empty store, with no last scan', async () => {
    const store = await openTestStore();
    try {
      const s = await buildPostureSummary(store, []);
      assert.deepEqual(s, {
        resources: 0,
        policies: 0,
        violations: { total: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, byState: {} },
        byFramework: [],
        topFailingPolicies: [],
        byAccount: [],
        byOwner: [],
        lastScan: null,
      });
    } finally {
      await store.close();
    }
  });
});
