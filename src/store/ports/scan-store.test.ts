// The ScanStore contract. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import { at, rejectsWithCode, storeContract } from '../../testing/store-contract.js';

await storeContract('scan store', (it) => {
  it('scans are recorded, finished and listed newest first; finishing an unknown scan is not-found', async (store) => {
    await store.scans.start({ id: 'scan-1', source: 'demo', startedAt: at(0), finishedAt: null, status: 'running', stats: {} });
    await store.scans.start({ id: 'scan-2', source: 'aws', startedAt: at(1), finishedAt: null, status: 'running', stats: {} });
    await store.scans.finish('scan-1', { finishedAt: at(0.5), status: 'failed', stats: { resources: 10, quarantined: 1 }, error: 'AccessDenied' });
    assert.deepEqual(await store.scans.get('scan-1'), {
      id: 'scan-1', source: 'demo', startedAt: at(0), finishedAt: at(0.5), status: 'failed', stats: { resources: 10, quarantined: 1 }, error: 'AccessDenied',
    });
    assert.deepEqual((await store.scans.list()).map((s) => s.id), ['scan-2', 'scan-1']);
    assert.deepEqual((await store.scans.list({ limit: 1, offset: 1 })).map((s) => s.id), ['scan-1']);
    assert.equal(await store.scans.get('nope'), undefined);
    await rejectsWithCode(store.scans.finish('nope', { finishedAt: at(1), status: 'finished', stats: {} }), 'store.not-found');
  });

  it('starting a scan id twice is a store.conflict and keeps the first', async (store) => {
    await store.scans.start({ id: 'scan-1', source: 'demo', startedAt: at(0), finishedAt: null, status: 'running', stats: {} });
    await rejectsWithCode(store.scans.start({ id: 'scan-1', source: 'aws', startedAt: at(1), finishedAt: null, status: 'running', stats: {} }), 'store.conflict');
    assert.equal((await store.scans.get('scan-1'))?.source, 'demo');
  });

  it('policy results add up across batches of one scan', async (store) => {
    const row = { scanId: 's1', policyId: 'p1', accountId: 'A', region: 'eu-west-1', evaluated: 10, failed: 2 };
    await store.scans.addPolicyResults([row, { ...row, region: 'us-east-1', evaluated: 1, failed: 0 }]);
    await store.scans.addPolicyResults([{ ...row, evaluated: 5, failed: 1 }, { ...row, evaluated: 1, failed: 1 }]);
    await store.scans.addPolicyResults([{ ...row, scanId: 's2' }]);
    assert.deepEqual(await store.scans.policyResults('s1'), [
      { ...row, evaluated: 16, failed: 4 },
      { ...row, region: 'us-east-1', evaluated: 1, failed: 0 },
    ]);
  });
});
