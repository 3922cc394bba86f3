import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ERASED_VALUE } from '../audit/personal-data-seal.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';
import { at, event, resource, violation } from '../testing/store-contract.js';

const EMAIL = 'zebulon.quartermaine@example.com';
const IAM_USER = 'zquartermaine';
const USER_ARN = `arn:aws:iam::111122223333:user/staff/${IAM_USER}`;

/** Every byte SQLite keeps for the store (the file, and a WAL or journal if one is left). */
const fileBytes = (db: string): string =>
  ['', '-wal', '-journal'].map((s) => db + s).filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');

describe('vigil erase-person and the audit trail', () => {
  it('destroys the person\'s audit key: their name is nowhere in the database file, the events read "[erased]", and audit verify passes', async () => {
    const dir = await tempDir('vigil-erase-');
    try {
      const db = join(dir.path, 'vigil.db');
      const store = openSqliteStore({ file: db });
      await store.migrate();
      await store.inventory.upsert([resource(1, { owner: EMAIL, tags: { owner: EMAIL } })], at(0));
      await store.violations.insert([violation(1, { owner: EMAIL, resourceArn: USER_ARN })]);
      await store.approvals.record({ violationId: 'v001', decision: 'approved', by: EMAIL, reason: null, at: at(1) });
      await store.audit.append([
        event('v001', 'violation.opened', { policyId: 'iam-user-mfa', resourceArn: USER_ARN, evidence: [{ path: 'UserName', expected: 'MFA', actual: IAM_USER }] }),
        { ...event('v001', 'violation.approved', { reason: `requested by ${EMAIL}` }), actor: `user:${EMAIL}` },
      ]);
      await store.close();
      // The test can see the name: the store's own tables hold it before the erasure.
      assert.match(fileBytes(db), /quartermaine/);

      const env = { VIGIL_DB: db };
      for (const person of [EMAIL, IAM_USER]) {
        const r = await runVigil(['erase-person', person], { env, cwd: dir.path });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /1 audit key destroyed/);
      }

      assert.doesNotMatch(fileBytes(db), /quartermaine/i);
      const verify = await runVigil(['audit', 'verify'], { env, cwd: dir.path });
      assert.equal(verify.code, 0, verify.stdout);
      assert.match(verify.stdout, /audit trail OK: 4 events/);

      const reader = openSqliteStore({ file: db });
      try {
        const [opened, approved] = await reader.audit.list({ subjectId: 'v001' });
        assert.equal(opened?.data['resourceArn'], `arn:aws:iam::111122223333:user/staff/${ERASED_VALUE}`);
        assert.deepEqual(opened?.data['evidence'], [{ path: 'UserName', expected: 'MFA', actual: ERASED_VALUE }]);
        assert.equal(approved?.actor, `user:${ERASED_VALUE}`);
        assert.equal(approved?.data['reason'], `requested by ${ERASED_VALUE}`);
      } finally {
        await reader.close();
      }
    } finally {
      await dir.cleanup();
    }
  });
});
