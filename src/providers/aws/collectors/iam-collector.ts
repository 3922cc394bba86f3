import {
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListPolicyTagsCommand,
  ListVirtualMFADevicesCommand,
  type ManagedPolicyDetail,
  type RoleDetail,
  type UserDetail,
  type VirtualMFADevice,
} from '@aws-sdk/client-iam';
import { iamAccountResourceType } from '../../../inventory/resource-types/identity/iam-account-resource-type.js';
import { iamPolicyResourceType } from '../../../inventory/resource-types/identity/iam-policy-resource-type.js';
import { iamRoleResourceType } from '../../../inventory/resource-types/identity/iam-role-resource-type.js';
import { iamUserResourceType } from '../../../inventory/resource-types/identity/iam-user-resource-type.js';
import type { CollectContext, ServiceCollector } from '../service-collector.js';
import { detail, pages, parseDocument, plain, toResource, type Problem, withClient } from './collector-kit.js';
import { readCredentialReport, type CredentialReportRow } from './iam-credential-report.js';

const GLOBAL = 'global';

/** IAM returns inline and managed policy documents URL-encoded; policies read them parsed. */
const withParsedDocuments = (list: unknown): unknown =>
  Array.isArray(list) ? list.map((p: Record<string, unknown>) => ({ ...p, PolicyDocument: parseDocument(p.PolicyDocument, true) })) : list;

const readUser = async (ctx: CollectContext, iam: IAMClient, user: UserDetail, report: Map<string, CredentialReportRow>, problems: Problem[]) => {
  const UserName = user.UserName as string;
  const resourceArn = user.Arn;
  const call = (operation: string, absent: string[] = []) => ({ operation: `iam:${operation}`, ...(resourceArn ? { resourceArn } : {}), absent });
  const [got, login, mfa, keys] = await Promise.all([
    detail(ctx, problems, call('GetUser'), () => iam.send(new GetUserCommand({ UserName }))),
    detail(ctx, problems, call('GetLoginProfile', ['NoSuchEntity', 'NoSuchEntityException']), () => iam.send(new GetLoginProfileCommand({ UserName }))),
    detail(ctx, problems, call('ListMFADevices'), () => iam.send(new ListMFADevicesCommand({ UserName, MaxItems: 100 }))),
    detail(ctx, problems, call('ListAccessKeys'), () => iam.send(new ListAccessKeysCommand({ UserName, MaxItems: 100 }))),
  ]);
  const accessKeys = await Promise.all(
    (keys?.AccessKeyMetadata ?? []).map(async (k) => {
      const used = await detail(ctx, problems, call('GetAccessKeyLastUsed'), () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId })));
      const lastUsed = used?.AccessKeyLastUsed?.LastUsedDate;
      return plain({ ...k, ...(lastUsed ? { LastUsedDate: lastUsed } : {}) });
    }),
  );
  const config = plain({ ...user, UserPolicyList: withParsedDocuments(user.UserPolicyList) });
  if (got?.User?.PasswordLastUsed) config.PasswordLastUsed = got.User.PasswordLastUsed.toISOString();
  if (login?.LoginProfile) config.LoginProfile = plain(login.LoginProfile);
  if (mfa) config.MFADevices = plain({ l: mfa.MFADevices ?? [] }).l;
  if (keys) config.AccessKeys = accessKeys;
  const row = report.get(UserName);
  if (row) config.CredentialReport = row;
  return toResource(iamUserResourceType, ctx, config, GLOBAL);
};

const roleConfig = (role: RoleDetail): Record<string, unknown> =>
  plain({
    ...role,
    AssumeRolePolicyDocument: parseDocument(role.AssumeRolePolicyDocument, true),
    RolePolicyList: withParsedDocuments(role.RolePolicyList),
    // Instance profiles repeat the role (documents and all); policies judge the role itself.
    InstanceProfileList: undefined,
  });

const readPolicy = async (ctx: CollectContext, iam: IAMClient, policy: ManagedPolicyDetail, problems: Problem[]) => {
  const { PolicyVersionList, ...fields } = policy;
  const version = (PolicyVersionList ?? []).find((v) => v.IsDefaultVersion) ?? (PolicyVersionList ?? []).find((v) => v.VersionId === policy.DefaultVersionId);
  const tags = await detail(ctx, problems, { operation: 'iam:ListPolicyTags', ...(policy.Arn ? { resourceArn: policy.Arn } : {}) }, () =>
    iam.send(new ListPolicyTagsCommand({ PolicyArn: policy.Arn, MaxItems: 50 })),
  );
  const config = plain(fields);
  // The policy's name is the ARN's last path segment; some endpoints leave PolicyName out of this listing.
  if (!config.PolicyName && policy.Arn) config.PolicyName = policy.Arn.slice(policy.Arn.lastIndexOf('/') + 1);
  if (tags?.Tags) config.Tags = plain({ t: tags.Tags }).t;
  if (version) config.PolicyVersion = { ...plain(version), Document: parseDocument(version.Document, true) };
  return toResource(iamPolicyResourceType, ctx, config, GLOBAL);
};

const readAccount = async (ctx: CollectContext, iam: IAMClient, report: Map<string, CredentialReportRow>, problems: Problem[]) => {
  const [summary, passwordPolicy] = await Promise.all([
    detail(ctx, problems, { operation: 'iam:GetAccountSummary' }, () => iam.send(new GetAccountSummaryCommand({}))),
    detail(ctx, problems, { operation: 'iam:GetAccountPasswordPolicy', absent: ['NoSuchEntity', 'NoSuchEntityException'] }, () =>
      iam.send(new GetAccountPasswordPolicyCommand({})),
    ),
  ]);
  const devices: VirtualMFADevice[] = [];
  try {
    for await (const page of pages(ctx, 'iam:ListVirtualMFADevices', (Marker) => iam.send(new ListVirtualMFADevicesCommand({ Marker, AssignmentStatus: 'Any' })), (p) => (p.IsTruncated ? p.Marker : undefined))) {
      devices.push(...(page.VirtualMFADevices ?? []));
    }
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    problems.push({ operation: 'iam:ListVirtualMFADevices', reason: String((e as Error).message ?? e) });
  }
  const config: Record<string, unknown> = { AccountId: ctx.accountId };
  if (summary?.SummaryMap) config.SummaryMap = plain(summary.SummaryMap);
  if (passwordPolicy?.PasswordPolicy) config.PasswordPolicy = plain(passwordPolicy.PasswordPolicy);
  const root = report.get('<root_account>');
  if (root) config.RootCredentialReport = root;
  config.VirtualMFADevices = plain({ d: devices }).d;
  return toResource(iamAccountResourceType, ctx, config, GLOBAL);
};

/**
 * IAM, once per account (region `global`): users (with login profile, MFA devices, access keys and
 * their last use, and their credential report row), roles and customer managed policies from
 * GetAccountAuthorizationDetails, and the account's settings (summary, password policy, root row,
 * virtual MFA devices).
 *
 * @example
 * for await (const page of iamCollector.collect(ctx)) store(page.resources);
 */
export const iamCollector: ServiceCollector = {
  service: 'iam',
  types: ['aws.iam.user', 'aws.iam.role', 'aws.iam.policy', 'aws.iam.account'],
  global: true,
  commands: [
    'GenerateCredentialReportCommand',
    'GetCredentialReportCommand',
    'GetAccountAuthorizationDetailsCommand',
    'GetUserCommand',
    'GetLoginProfileCommand',
    'ListMFADevicesCommand',
    'ListAccessKeysCommand',
    'GetAccessKeyLastUsedCommand',
    'ListPolicyTagsCommand',
    'GetAccountSummaryCommand',
    'GetAccountPasswordPolicyCommand',
    'ListVirtualMFADevicesCommand',
  ],
  permissions: [
    'iam:GenerateCredentialReport',
    'iam:GetCredentialReport',
    'iam:GetAccountAuthorizationDetails',
    'iam:GetUser',
    'iam:GetLoginProfile',
    'iam:ListMFADevices',
    'iam:ListAccessKeys',
    'iam:GetAccessKeyLastUsed',
    'iam:ListPolicyTags',
    'iam:GetAccountSummary',
    'iam:GetAccountPasswordPolicy',
    'iam:ListVirtualMFADevices',
  ],
  collect: (ctx) =>
    withClient(new IAMClient({ ...ctx.clientConfig }), async function* (iam) {
      const problems: Problem[] = [];
      // The report comes first: every user's record carries its row.
      const report = await readCredentialReport(ctx, iam, problems);
      yield { resources: [await readAccount(ctx, iam, report, problems)], ...(problems.length ? { problems } : {}) };
      const listing = pages(
        ctx,
        'iam:GetAccountAuthorizationDetails',
        (Marker) => iam.send(new GetAccountAuthorizationDetailsCommand({ Marker, Filter: ['User', 'Role', 'LocalManagedPolicy'] })),
        (p) => (p.IsTruncated ? p.Marker : undefined),
      );
      for await (const page of listing) {
        const pageProblems: Problem[] = [];
        const [users, policies] = await Promise.all([
          Promise.all((page.UserDetailList ?? []).map((u) => readUser(ctx, iam, u, report, pageProblems))),
          Promise.all((page.Policies ?? []).map((p) => readPolicy(ctx, iam, p, pageProblems))),
        ]);
        const roles = (page.RoleDetailList ?? []).map((r) => toResource(iamRoleResourceType, ctx, roleConfig(r), GLOBAL));
        yield { resources: [...users, ...roles, ...policies], ...(pageProblems.length ? { problems: pageProblems } : {}) };
      }
    }),
};
