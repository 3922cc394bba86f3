// Meta-tests over the action registry: what the policies name exists, and what each action declares is honest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { Registry } from '../../common/registry.js';
import { listYamlFiles } from '../../policies/policy-loader.js';
import { BUILTIN_POLICY_DIR } from '../../policies/registries.js';
import type { EnforcementAction } from '../enforcement-action.js';
import { allActions } from './all-actions.js';

const actions = new Registry<EnforcementAction>('action', allActions());

describe('action registry', () => {
  it('every built-in policy that enforces names a registered action', async () => {
    const missing: string[] = [];
    for (const file of await listYamlFiles(BUILTIN_POLICY_DIR, () => true)) {
      const docs = ([] as { id?: string; remediation?: { enforce?: string } }[]).concat(parse(readFileSync(file, 'utf8')) ?? []);
      for (const p of docs) {
        const name = p?.remediation?.enforce;
        if (name && !actions.has(name)) missing.push(`${file.slice(BUILTIN_POLICY_DIR.length + 1)} (${p.id}): ${name}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('every action is named <family>.<verb> (or notify-only), declares a schema, risk, resource types and IAM actions, and has undo exactly when reversible', () => {
    for (const a of actions.list()) {
      assert.match(a.name, /^([a-z0-9]+\.[a-z0-9-]+|notify-only)$/, a.name);
      assert.ok(a.schema && a.description.length > 10, `${a.name}: schema and description`);
      assert.ok(a.resourceTypes.length > 0, `${a.name}: resource types`);
      assert.equal(typeof a.undo === 'function', a.reversible, `${a.name}: undo exactly when reversible`);
      for (const p of a.permissions) assert.match(p, /^[a-z0-9-]+:[A-Za-z0-9]+$/, `${a.name}: ${p}`);
      if (a.changes !== false) assert.ok(a.permissions.length > 0 && a.commands.length > 0, `${a.name}: permissions and commands`);
    }
  });

  it('every SDK command an action may send is covered by an IAM action it declares (same service)', () => {
    // The S3 and tagging APIs name some permissions differently from the operation (GetPublicAccessBlock →
    // s3:GetBucketPublicAccessBlock); those are mapped here so a new command cannot slip through unmapped.
    const permissionFor: Record<string, string> = {
      's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
      's3:PutPublicAccessBlock': 's3:PutBucketPublicAccessBlock',
      's3:DeletePublicAccessBlock': 's3:PutBucketPublicAccessBlock',
      's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
      's3:PutBucketEncryption': 's3:PutEncryptionConfiguration',
      's3:DeleteBucketEncryption': 's3:PutEncryptionConfiguration',
      's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
      's3control:PutPublicAccessBlock': 's3:PutAccountPublicAccessBlock',
      's3control:DeletePublicAccessBlock': 's3:PutAccountPublicAccessBlock',
    };
    const unmapped: string[] = [];
    for (const a of actions.list()) {
      for (const c of a.commands) {
        const needed = permissionFor[c] ?? c;
        if (!a.permissions.includes(needed)) unmapped.push(`${a.name}: ${c} needs ${needed}`);
      }
    }
    assert.deepEqual(unmapped, []);
  });
});

// The runtime guard the IAM-policy generator relies on: an undeclared command never leaves the process.
describe('declared commands', () => {
  it('AwsApi refuses a command the action did not declare', async () => {
    const { AwsApi } = await import('../aws-api.js');
    const { DeleteBucketCommand } = await import('@aws-sdk/client-s3');
    const api = new AwsApi(() => ({ send: async () => ({}) }), { region: 'eu-west-1', accountId: '1' }, ['s3:GetBucketPolicy'], 's3.x');
    assert.throws(() => api.s3().send(new DeleteBucketCommand({ Bucket: 'b' })), /s3.x sent s3:DeleteBucket, which it does not declare/);
    assert.deepEqual(api.sent, []);
  });
});
