// What spans the ports: migration, and transactions that commit a state change with its audit event or neither. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import { violation, event, rejectsWithCode, storeContract } from '../testing/store-contract.js';

await storeContract('store', (it, backend) => {
  it('migrate is idempotent and reports the backend kind', async (store) => {
    await store.migrate();
    assert.equal(store.kind, backend.name);
    assert.equal(await store.inventory.count(), 0);
  });

  it('a transaction commits state and its audit events together, or neither', async (store) => {
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.violations.insert([violation(1)]);
        await tx.audit.append([event('v001')]);
        throw new Error('evaluator crashed');
      }),
      /evaluator crashed/,
    );
    assert.equal(await store.violations.get('v001'), undefined);
    assert.equal(await store.audit.last(), undefined);

    const result = await store.transaction(async (tx) => {
      await tx.violations.insert([violation(1)]);
      const [e] = await tx.audit.append([event('v001')]);
      return e?.seq;
    });
    assert.equal(result, 1);
    assert.equal((await store.violations.get('v001'))?.state, 'open');
    assert.equal((await store.audit.last())?.seq, 1, 'the rolled-back append left no gap');
  });

  it('a conflict inside a transaction rolls back everything written before it', async (store) => {
    await store.violations.insert([violation(1)]);
    await rejectsWithCode(
      store.transaction(async (tx) => {
        await tx.audit.append([event('v001', 'violation.reminded')]);
        await tx.violations.update([violation(1, { version: 5 })]);
      }),
      'store.conflict',
    );
    assert.equal(await store.audit.last(), undefined);
  });
});
