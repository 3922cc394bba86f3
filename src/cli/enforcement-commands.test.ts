import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEnforcement, createVigil } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';
import { enforcementMessage } from '../testing/enforcement-fixture.js';
import { liveViolation } from '../testing/enforcement-harness.js';

describe('enforcement commands', () => {
  it('iam-policy prints exactly the IAM actions the family declares; an unknown family is a usage error naming the known ones', async () => {
    const ok = await runVigil(['iam-policy', '--component', 'enforcer:s3']);
    assert.equal(ok.code, 0);
    const doc = JSON.parse(ok.stdout);
    assert.deepEqual(doc.Statement.map((s: { Sid: string }) => s.Sid), [
      'S3BlockAccountPublicAccess', 'S3BlockPublicAccess', 'S3DefaultEncryption', 'S3DenyInsecureTransport', 'S3EnableVersioning', 'S3PrivateAcl', 'S3RemoveExternalStatements',
    ]);
    // remove-external-statements also acts on DynamoDB tables' resource policies: those are its only non-S3 permissions.
    const foreign = doc.Statement.flatMap((s: { Sid: string; Action: string[] }) => s.Action.filter((a) => !a.startsWith('s3:')).map((a) => `${s.Sid} ${a}`));
    assert.deepEqual(foreign, ['DeleteResourcePolicy', 'GetResourcePolicy', 'PutResourcePolicy'].map((a) => `S3RemoveExternalStatements dynamodb:${a}`));
    const bad = await runVigil(['iam-policy', '--component', 'enforcer:s4']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no enforcement actions in family "s4"; families: accessanalyzer, backup, cloudtrail, config, dynamodb, ec2, ecs, eks, elbv2, iam, kms, logs, notify-only, rds, s3, tag/);
  });

  it('rollback of an unknown action id fails with a message, changing nothing', async () => {
    const dir = await tempDir();
    after(dir.cleanup);
    const r = await runVigil(['rollback', 'act-nope', '--db', join(dir.path, 'v.db')], { cwd: dir.path });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /no enforcement action act-nope/);
  });

  it('the composed enforcer: a message published on the embedded bus is enforced by the family worker and recorded', async () => {
    const dir = await tempDir();
    after(dir.cleanup);
    const config = await loadConfig({ env: {}, cwd: dir.path, flags: { store: { url: join(dir.path, 'v.db') } } });
    const vigil = await createVigil(config);
    const enforcement = await createEnforcement(vigil);
    try {
      assert.equal(enforcement.settings.mode, 'enforce', 'the demo source enforces by default');
      await vigil.store.violations.insert([liveViolation('v-cli')]);
      await enforcement.bus.publish([enforcementMessage({ violationId: 'v-cli', action: 'notify-only' })]);
      const worker = enforcement.worker('notify-only');
      await worker.start();
      for (let i = 0; i < 200 && worker.status().processed === 0; i++) await sleep(20);
      await worker.stop();
      assert.equal(worker.status().succeeded, 1);
      assert.equal((await vigil.store.enforcementActions.byKey('v-cli:4'))?.status, 'succeeded');
    } finally {
      await enforcement.close();
      await vigil.close();
    }
  });
});
