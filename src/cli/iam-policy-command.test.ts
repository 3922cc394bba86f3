import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allCollectors } from '../providers/aws/collectors/all-collectors.js';
import { runVigil } from '../testing/cli-harness.js';

const READ_ACTION = /^[a-z0-9-]+:((List|Describe|Get|BatchGet|Search)[A-Z]\w*|GenerateCredentialReport)$/;
const declared = () => new Set(allCollectors().flatMap((c) => c.permissions));

test('iam-policy --component collector prints every declared read action once, sorted, one statement per service, nothing else', async () => {
  const r = await runVigil(['iam-policy', '--component', 'collector']);
  assert.equal(r.code, 0, r.stderr);
  const policy = JSON.parse(r.stdout) as { Version: string; Statement: { Sid: string; Effect: string; Action: string[]; Resource: string }[] };
  assert.equal(policy.Version, '2012-10-17');
  const actions = policy.Statement.flatMap((s) => s.Action);
  assert.deepEqual(new Set(actions), new Set([...declared(), 'ec2:DescribeRegions']), 'exactly what the collectors declare, plus region discovery');
  assert.equal(actions.length, new Set(actions).size, 'no action twice');
  for (const a of actions) assert.match(a, READ_ACTION, `${a} is not a read`);
  const services = policy.Statement.map((s) => s.Action[0]!.split(':')[0]);
  assert.deepEqual(services, [...services].sort(), 'statements sorted by service');
  for (const s of policy.Statement) {
    assert.equal(s.Effect, 'Allow');
    assert.ok(s.Action.every((a) => a.startsWith(`${s.Action[0]!.split(':')[0]}:`)), `${s.Sid} holds one service`);
    assert.deepEqual(s.Action, [...s.Action].sort((a, b) => a.localeCompare(b, 'en')));
  }
  assert.ok(services.includes('backup') && services.includes('kms') && services.includes('iam'));
});

test('iam-policy --format cloudformation: a StackSets-ready role trusting the Vigil principal with the external id, the same policy inline', async () => {
  const [json, cfn, alias] = await Promise.all([
    runVigil(['iam-policy', '--component', 'collector']),
    runVigil(['iam-policy', '--component', 'collector', '--format', 'cloudformation', '--role-name', 'SecurityAudit-Vigil']),
    runVigil(['iam-policy', '--component', 'collector', '--cloudformation']),
  ]);
  assert.equal(cfn.code, 0, cfn.stderr);
  const t = JSON.parse(cfn.stdout);
  assert.deepEqual(JSON.parse(alias.stdout).Resources, { ...t.Resources }, '--cloudformation is --format cloudformation');
  assert.equal(t.AWSTemplateFormatVersion, '2010-09-09');
  assert.equal(t.Parameters.RoleName.Default, 'SecurityAudit-Vigil');
  assert.ok(t.Parameters.VigilPrincipalArn && t.Parameters.ExternalId);
  assert.doesNotMatch(cfn.stdout, /\d{12}/, 'no account id baked in: one template for every account of a StackSet');
  const role = t.Resources.VigilReadOnlyRole;
  assert.equal(role.Type, 'AWS::IAM::Role');
  const trust = role.Properties.AssumeRolePolicyDocument.Statement;
  assert.deepEqual(trust, [
    { Effect: 'Allow', Principal: { AWS: { Ref: 'VigilPrincipalArn' } }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } } },
  ]);
  const inline = role.Properties.Policies[0].PolicyDocument;
  assert.deepEqual(inline, JSON.parse(json.stdout));
  // IAM caps a role's inline policies at 10,240 characters (whitespace not counted).
  assert.ok(JSON.stringify(inline).length < 10_240, `inline policy is ${JSON.stringify(inline).length} characters`);
});

test('iam-policy --format principal: list the organisation and assume only the named role', async () => {
  const r = await runVigil(['iam-policy', '--component', 'collector', '--format', 'principal', '--role-name', 'VigilReadOnly']);
  const p = JSON.parse(r.stdout);
  assert.deepEqual(p.Statement.find((s: { Sid: string }) => s.Sid === 'AssumeReadOnlyRole').Resource, 'arn:aws:iam::*:role/VigilReadOnly');
  assert.ok(p.Statement.flatMap((s: { Action: string[] }) => s.Action).every((a: string) => READ_ACTION.test(a) || a === 'sts:AssumeRole'));
});

test('iam-policy: an unknown component or a bad role name is a usage error', async () => {
  const bad = await runVigil(['iam-policy', '--component', 'enforcer']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--component must be collector, reporter, enforcer:<family> or enforcer:\*, not "enforcer"/);
  const badRole = await runVigil(['iam-policy', '--component', 'collector', '--role-name', 'no spaces']);
  assert.equal(badRole.code, 2);
  assert.match(badRole.stderr, /--role-name/);
});

test('iam-policy --component collector with Bottlerocket reports configured adds their reads, on the report prefix only', async () => {
  const plain = JSON.parse((await runVigil(['iam-policy', '--component', 'collector'])).stdout) as { Statement: { Action: string[]; Resource: string | string[] }[] };
  assert.ok(!plain.Statement.some((s) => s.Action.includes('s3:GetObject')), 'not configured: no object reads at all');
  const r = await runVigil(['iam-policy', '--component', 'collector', '--bottlerocket-reports', 's3://org-node-reports/cis/']);
  assert.equal(r.code, 0, r.stderr);
  const policy = JSON.parse(r.stdout) as { Statement: { Action: string[]; Resource: string | string[] }[] };
  const on = (action: string) => policy.Statement.filter((s) => s.Action.includes(action)).map((s) => s.Resource);
  assert.deepEqual(on('s3:GetObject'), [['arn:aws:s3:::org-node-reports/cis/*']]);
  assert.deepEqual(on('s3:ListBucket'), [['arn:aws:s3:::org-node-reports']]);
  const viaEnv = await runVigil(['iam-policy', '--component', 'collector'], { env: { VIGIL_AWS_BOTTLEROCKET_REPORTS: 's3://org-node-reports/cis' } });
  assert.deepEqual(JSON.parse(viaEnv.stdout), policy, 'the configuration (aws.bottlerocketReports, or its variable) does the same');
});
