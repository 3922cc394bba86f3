import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../common/clock.js';
import { OwnerResolver } from '../inventory/owner-resolver.js';
import type { CollectedBatch, Provider } from '../providers/provider.js';
import { aResource } from '../testing/resource-fixture.js';
import { openTestStore } from '../testing/test-store.js';
import { Evaluator } from './evaluator.js';
import { ScanService } from './scan-service.js';

/** Two accounts: one mapped to a team through its OU, one nobody owns. */
const provider: Provider = {
  name: 'owners',
  organization: async () => ({ accounts: [{ id: '111111111111', name: 'prod', ou: 'root/prod' }, { id: '222222222222', name: 'lab', ou: 'root/lab' }] }),
  async *collect(): AsyncIterable<CollectedBatch> {
    yield {
      resources: [
        aResource({}, { arn: 'arn:aws:s3:::tagged', accountId: '222222222222', tags: { owner: 'data' } }),
        aResource({}, { arn: 'arn:aws:s3:::in-prod', accountId: '111111111111' }),
        aResource({}, { arn: 'arn:aws:s3:::orphan-1', accountId: '222222222222' }),
        aResource({}, { arn: 'arn:aws:s3:::orphan-2', accountId: '222222222222' }),
      ],
      quarantined: [],
    };
  },
};

test('a scan reports the resources no tag, account or OU owns: their count, their list, and the stored scan stats', async () => {
  const store = await openTestStore();
  try {
    const rules = { tagKeys: ['owner'], fallback: 'cloud-team', ous: { 'root/prod': 'platform' } };
    const scans = new ScanService({ store, evaluator: new Evaluator([]), clock: new ManualClock('2026-12-03T10:00:00Z'), owners: (org) => new OwnerResolver(rules, org.accounts) });
    const report = await scans.run(provider);
    assert.equal(report.unownedCount, 2);
    assert.deepEqual(report.unowned.sort(), ['arn:aws:s3:::orphan-1', 'arn:aws:s3:::orphan-2']);
    assert.equal((await store.scans.get(report.scanId))?.stats.unowned, 2);
    assert.equal((await store.inventory.get('arn:aws:s3:::orphan-1'))?.owner, 'cloud-team', 'they still go to the fallback team');
    assert.equal((await store.inventory.get('arn:aws:s3:::in-prod'))?.owner, 'platform');
  } finally {
    await store.close();
  }
});
