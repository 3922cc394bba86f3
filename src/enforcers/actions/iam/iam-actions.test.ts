// The IAM family's account and user actions against moto.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  AddUserToGroupCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreateLoginProfileCommand, CreatePolicyCommand, CreateUserCommand,
  GetAccountPasswordPolicyCommand, GetLoginProfileCommand, IAMClient, ListAccessKeysCommand, ListAttachedUserPoliciesCommand, ListGroupsForUserCommand,
  ListUserPoliciesCommand, PutUserPolicyCommand, UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { motoRunner, motoSuite, mustSucceed, TEST_ACCOUNT } from '../../../testing/action-runner.js';

await motoSuite('iam actions against moto', (moto, cfg) => {
  const iam = new IAMClient({ ...cfg, region: 'us-east-1' });
  const run = motoRunner(moto);
  const user = async (name: string) => {
    await iam.send(new CreateUserCommand({ UserName: name }));
    return { arn: `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`, type: 'aws.iam.user' };
  };
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

  it('update-password-policy raises length and reuse but keeps a stricter max age and a longer length; rollback restores the old policy', async () => {
    const account = { arn: `arn:aws:iam::${TEST_ACCOUNT}:root`, type: 'aws.iam.account' };
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, MaxPasswordAge: 60, PasswordReusePrevention: 3, AllowUsersToChangePassword: true }));
    const read = async () => (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
    assert.equal((await run('iam.update-password-policy', account, { dryRun: true })).out.reason, 'dry-run');
    assert.equal((await read())?.MinimumPasswordLength, 8);
    const { rollback } = await mustSucceed(run, 'iam.update-password-policy', account);
    const p = await read();
    assert.deepEqual([p?.MinimumPasswordLength, p?.PasswordReusePrevention, p?.MaxPasswordAge, p?.RequireSymbols, p?.AllowUsersToChangePassword], [14, 24, 60, true, true]);
    await rollback();
    assert.deepEqual([(await read())?.MinimumPasswordLength, (await read())?.PasswordReusePrevention, (await read())?.RequireSymbols], [8, 3, false]);
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 20, PasswordReusePrevention: 10 }));
    await mustSucceed(run, 'iam.update-password-policy', account);
    assert.deepEqual([(await read())?.MinimumPasswordLength, (await read())?.PasswordReusePrevention], [20, 24]);
  });

  it('attach-deny-without-mfa creates the deny policy once and attaches it; rollback detaches it', async () => {
    const u = await user('carol');
    const attached = async () => ((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'carol' }))).AttachedPolicies ?? []).map((p) => p.PolicyArn);
    const { rollback } = await mustSucceed(run, 'iam.attach-deny-without-mfa', u);
    assert.deepEqual(await attached(), [`arn:aws:iam::${TEST_ACCOUNT}:policy/vigil/vigil-deny-without-mfa`]);
    await mustSucceed(run, 'iam.attach-deny-without-mfa', await user('dave'));
    await rollback();
    assert.deepEqual(await attached(), []);
  });

  it('revoke-user-privileges detaches, deletes inline, removes from groups, deactivates keys; rollback puts everything back', async () => {
    const u = await user('erin');
    const policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'read-reports', PolicyDocument: doc }))).Policy?.Arn ?? '';
    await iam.send(new AttachUserPolicyCommand({ UserName: 'erin', PolicyArn: policyArn }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'erin', PolicyName: 'inline-read', PolicyDocument: doc }));
    await iam.send(new CreateGroupCommand({ GroupName: 'analysts' }));
    await iam.send(new AddUserToGroupCommand({ UserName: 'erin', GroupName: 'analysts' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'erin' }));
    const state = async () => [
      ((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'erin' }))).AttachedPolicies ?? []).map((p) => p.PolicyArn),
      (await iam.send(new ListUserPoliciesCommand({ UserName: 'erin' }))).PolicyNames,
      ((await iam.send(new ListGroupsForUserCommand({ UserName: 'erin' }))).Groups ?? []).map((g) => g.GroupName),
      ((await iam.send(new ListAccessKeysCommand({ UserName: 'erin' }))).AccessKeyMetadata ?? []).map((k) => k.Status),
    ];
    const { rollback } = await mustSucceed(run, 'iam.revoke-user-privileges', u);
    assert.deepEqual(await state(), [[], [], [], ['Inactive']]);
    await rollback();
    assert.deepEqual(await state(), [[policyArn], ['inline-read'], ['analysts'], ['Active']]);
  });

  it('disable-unused-credentials needs an approval, then deactivates the never-used key and deletes the password; it cannot be rolled back', async () => {
    const u = await user('frank');
    await iam.send(new CreateAccessKeyCommand({ UserName: 'frank' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'frank', Password: 'Correct-Horse-9' }));
    // moto dates the key and the profile now: the worker's clock 46 days on makes both unused for more than 45.
    const params = { now: new Date(Date.now() + 46 * 86_400_000) };
    const refused = await run('iam.disable-unused-credentials', u, params);
    assert.match(refused.out.reason ?? '', /approval/);
    const { rollback } = await mustSucceed(run, 'iam.disable-unused-credentials', u, { ...params, approval: true });
    assert.deepEqual(((await iam.send(new ListAccessKeysCommand({ UserName: 'frank' }))).AccessKeyMetadata ?? []).map((k) => k.Status), ['Inactive']);
    await assert.rejects(iam.send(new GetLoginProfileCommand({ UserName: 'frank' })), /NoSuchEntity|cannot be found/);
    await assert.rejects(rollback(), /not reversible/);
  });
});
