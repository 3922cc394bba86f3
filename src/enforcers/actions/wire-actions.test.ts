// Actions whose APIs moto does not serve (CloudTrail over the current SDK, Backup vault access
// policies, the tagging API for S3): a local endpoint in the AWS wire format answers and records
// the exact requests the action sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WireReply, WireRequest } from '../../testing/aws-wire-stub.js';
import { runOnWire } from '../../testing/action-runner.js';

const run = (action: string, resource: { arn: string; type: string }, reply: (r: WireRequest) => WireReply, params: Record<string, unknown> = {}) =>
  runOnWire(action, resource, reply, { params });

describe('actions against the AWS wire format', () => {
  it('cloudtrail.start-logging: GetTrailStatus, StartLogging with the trail ARN, then GetTrailStatus to verify', async () => {
    let logging = false;
    const arn = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org';
    const { out, requests } = await run('cloudtrail.start-logging', { arn, type: 'aws.cloudtrail.trail' }, (r) => {
      if (r.operation === 'StartLogging') logging = true;
      return { body: r.operation === 'GetTrailStatus' ? { IsLogging: logging } : {} };
    });
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(requests, [['GetTrailStatus', { Name: arn }], ['StartLogging', { Name: arn }], ['GetTrailStatus', { Name: arn }]]);
  });

  it('backup.deny-manual-deletion: merges the Deny the AWS control requires, keeping every other statement; undo deletes the policy, then puts the recorded one back', async () => {
    const keep = { Sid: 'AllowCopyIn', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'backup:CopyIntoBackupVault', Resource: '*' };
    const original = JSON.stringify({ Version: '2012-10-17', Statement: [keep] });
    let policy: string | null = original;
    const vault = { arn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:vault-1', type: 'aws.backup.vault' };
    const breakGlass = 'arn:aws:iam::111122223333:role/backup-break-glass';
    const { out, requests, rollbackRequests } = await runOnWire('backup.deny-manual-deletion', vault, (r) => {
      // The statement denies PutBackupVaultAccessPolicy to everyone but the break-glass role, as AWS would.
      const denied = JSON.parse(policy ?? '{"Statement":[]}').Statement.some((s: { Action?: string[] }) => s.Action?.includes('backup:PutBackupVaultAccessPolicy'));
      if (r.method === 'PUT' && denied) return { status: 403, body: { __type: 'AccessDeniedException', message: 'explicit deny in the vault access policy' } };
      if (r.method === 'PUT') policy = (r.body as { Policy: string }).Policy;
      if (r.method === 'DELETE') policy = null;
      if (r.method === 'GET' && policy === null) return { status: 404, body: { __type: 'ResourceNotFoundException', message: 'no policy' } };
      return { body: r.method === 'GET' ? { BackupVaultName: 'vault-1', Policy: policy } : {} };
    }, { params: { exemptRoleArns: [breakGlass] }, rollback: true });
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(requests.map(([op]) => op), ['GET /backup-vaults/vault-1/access-policy', 'PUT /backup-vaults/vault-1/access-policy', 'GET /backup-vaults/vault-1/access-policy']);
    assert.deepEqual(JSON.parse((requests[1]?.[1] as { Policy: string }).Policy), {
      Version: '2012-10-17',
      Statement: [
        keep,
        {
          Sid: 'VigilDenyManualRecoveryPointDeletion', Effect: 'Deny', Principal: { AWS: '*' },
          Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy'], Resource: '*',
          Condition: { ArnNotLike: { 'aws:PrincipalArn': [breakGlass] } },
        },
      ],
    });
    assert.deepEqual(rollbackRequests.map(([op]) => op).filter((op) => !op.startsWith('GET')), ['DELETE /backup-vaults/vault-1/access-policy', 'PUT /backup-vaults/vault-1/access-policy']);
    assert.equal(policy, original, 'the undo puts back the recorded policy, byte for byte');
  });

  it('tag.set-owner-unknown: tags only a missing owner key through TagResources, never replacing an owner', async () => {
    const tags: Record<string, string> = { team: 'payments' };
    const arn = 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc';
    const { out, requests } = await run('tag.set-owner-unknown', { arn, type: 'aws.ec2.instance' }, (r) => {
      if (r.operation === 'TagResources') Object.assign(tags, (r.body as { Tags: Record<string, string> }).Tags);
      return { body: r.operation === 'GetResources' ? { ResourceTagMappingList: [{ ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }] } : { FailedResourcesMap: {} } };
    });
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(requests[1], ['TagResources', { ResourceARNList: [arn], Tags: { owner: 'unknown' } }]);
  });
});
