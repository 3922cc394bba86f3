// The ApiTokenStore contract. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import type { ApiTokenRecord } from './api-token-store.js';
import { at, rejectsWithCode, storeContract } from '../../testing/store-contract.js';

const token = (n: number, over: Partial<ApiTokenRecord> = {}): ApiTokenRecord => ({
  id: `tok_${n}`, name: `bot-${n}`, role: 'viewer', hash: `${n}`.padStart(64, 'a'), createdAt: at(n), createdBy: 'cli:alice',
  expiresAt: null, lastUsedAt: null, revokedAt: null, ...over,
});

await storeContract('api token store', (it) => {
  it('finds a token by the hash of its secret, and lists every token oldest first', async (store) => {
    await store.apiTokens.create(token(2, { role: 'approver', expiresAt: at(90) }));
    await store.apiTokens.create(token(1));
    assert.deepEqual(await store.apiTokens.byHash(token(2).hash), token(2, { role: 'approver', expiresAt: at(90) }));
    assert.equal(await store.apiTokens.byHash('f'.repeat(64)), undefined);
    assert.deepEqual((await store.apiTokens.list()).map((t) => [t.id, t.role]), [['tok_1', 'viewer'], ['tok_2', 'approver']]);
  });

  it('refuses a second token with the same hash or id', async (store) => {
    await store.apiTokens.create(token(1));
    await rejectsWithCode(store.apiTokens.create(token(2, { hash: token(1).hash })), 'store.conflict');
    await rejectsWithCode(store.apiTokens.create(token(1, { hash: 'b'.repeat(64) })), 'store.conflict');
    assert.equal((await store.apiTokens.list()).length, 1);
  });

  it('revokes once (the first time is kept), says when there is no such token, and records last use', async (store) => {
    await store.apiTokens.create(token(1));
    assert.equal((await store.apiTokens.revoke('tok_1', at(3)))?.revokedAt, at(3));
    assert.equal((await store.apiTokens.revoke('tok_1', at(4)))?.revokedAt, at(3));
    assert.equal(await store.apiTokens.revoke('tok_9', at(4)), undefined);
    await store.apiTokens.touch('tok_1', at(5));
    assert.deepEqual(await store.apiTokens.byHash(token(1).hash), token(1, { revokedAt: at(3), lastUsedAt: at(5) }));
  });

  it('a token created inside a rolled-back transaction is not there', async (store) => {
    await assert.rejects(store.transaction(async (tx) => {
      await tx.apiTokens.create(token(1));
      throw new Error('boom');
    }), /boom/);
    assert.deepEqual(await store.apiTokens.list(), []);
  });
});
