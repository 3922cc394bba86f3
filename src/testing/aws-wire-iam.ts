import { WireError, type AwsWireEndpoint, type WireRequest } from './aws-wire-endpoint.js';

/**
 * IAM over the query protocol (form-encoded request, XML answer), for the global-service path of the
 * collector: users with keys and MFA, roles, customer managed policies, the credential report and
 * the account's settings, as the IAM API reference shapes them.
 */

const T0 = Date.parse('2025-12-01T00:00:00Z');
const DAY_MS = 86_400_000;
const at = (days: number) => new Date(T0 - days * DAY_MS).toISOString().replace('.000Z', 'Z');
const enc = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Query-protocol XML: lists are `<member>`s, `Map`s are `<entry><key/><value/></entry>`s. */
export const queryXml = (value: unknown, name: string): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => queryXml(v, 'member')).join('')}</${name}>`;
  if (value instanceof Map) return `<${name}>${[...value].map(([k, v]) => `<entry><key>${esc(String(k))}</key><value>${esc(String(v))}</value></entry>`).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => queryXml(v, k)).join('')}</${name}>`;
  return `<${name}>${esc(String(value))}</${name}>`;
};

export interface IamEstate {
  users: { detail: Record<string, unknown>; keys: Record<string, unknown>[]; mfa: boolean; console: boolean }[];
  roles: Record<string, unknown>[];
  policies: Record<string, unknown>[];
}

export const iamEstateOf = (accountId: string, users: number): IamEstate => ({
  users: Array.from({ length: users }, (_, i) => {
    const UserName = `user-${i}`;
    return {
      detail: {
        Path: '/', UserName, UserId: `AIDAWIRE${accountId}${i}`, Arn: `arn:aws:iam::${accountId}:user/${UserName}`, CreateDate: at(400),
        UserPolicyList: i === 0 ? [{ PolicyName: 'inline-admin', PolicyDocument: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }] : [],
        GroupList: [], AttachedManagedPolicies: [], Tags: [{ Key: 'owner', Value: 'platform' }],
      },
      // The first user has an old key and no MFA: the hygiene controls have something to find.
      keys: [{ UserName, AccessKeyId: `AKIAWIRE${accountId}${i}`, Status: 'Active', CreateDate: at(i === 0 ? 200 : 20) }],
      mfa: i !== 0,
      console: i % 2 === 0,
    };
  }),
  roles: [
    {
      Path: '/', RoleName: 'deploy', RoleId: `AROAWIRE${accountId}`, Arn: `arn:aws:iam::${accountId}:role/deploy`, CreateDate: at(300),
      AssumeRolePolicyDocument: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'deploy', PolicyArn: `arn:aws:iam::${accountId}:policy/deploy` }], Tags: [],
    },
  ],
  policies: [
    {
      PolicyName: 'deploy', PolicyId: `ANPAWIRE${accountId}`, Arn: `arn:aws:iam::${accountId}:policy/deploy`, Path: '/', DefaultVersionId: 'v1', AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: at(300), UpdateDate: at(300),
      PolicyVersionList: [{ Document: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: '*' }] }), VersionId: 'v1', IsDefaultVersion: true, CreateDate: at(300) }],
    },
  ],
});

const REPORT_COLUMNS = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

const credentialReport = (accountId: string, e: IamEstate): string => {
  const root = ['<root_account>', `arn:aws:iam::${accountId}:root`, at(900), 'not_supported', at(30), 'not_supported', 'not_supported', 'true', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A'];
  const rows = e.users.map((u) => {
    const d = u.detail;
    const k = u.keys[0]!;
    return [d.UserName, d.Arn, d.CreateDate, String(u.console), u.console ? at(3) : 'N/A', u.console ? at(80) : 'N/A', 'N/A', String(u.mfa), 'true', k.CreateDate, at(1), 'eu-west-1', 's3', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A'];
  });
  return [REPORT_COLUMNS, root.join(','), ...rows.map((r) => r.join(','))].join('\n');
};

/** The `<Action>Result` body of one IAM call. */
export const serveIam = (aws: AwsWireEndpoint, { operation, params, accountId }: WireRequest, e: IamEstate): unknown => {
  const action = operation.split(':')[1] as string;
  const user = () => e.users.find((u) => u.detail.UserName === params.UserName) ?? (() => { throw new WireError('NoSuchEntity', `The user with name ${String(params.UserName)} cannot be found.`, 404); })();
  switch (action) {
    case 'GenerateCredentialReport':
      return { State: 'COMPLETE', Description: 'No report exists. Starting a new report generation task' };
    case 'GetCredentialReport':
      return { Content: Buffer.from(credentialReport(accountId, e)).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: at(0) };
    case 'GetAccountAuthorizationDetails': {
      const all = [...e.users.map((u) => ({ k: 'u', v: u.detail })), ...e.roles.map((v) => ({ k: 'r', v })), ...e.policies.map((v) => ({ k: 'p', v }))];
      const p = aws.page(all, params.Marker, params.MaxItems);
      const of = (k: string) => p.items.filter((x) => x.k === k).map((x) => x.v);
      return { UserDetailList: of('u'), GroupDetailList: [], RoleDetailList: of('r'), Policies: of('p'), IsTruncated: !!p.next, ...(p.next ? { Marker: p.next } : {}) };
    }
    case 'GetUser': {
      const u = user();
      return { User: { Path: '/', UserName: u.detail.UserName, UserId: u.detail.UserId, Arn: u.detail.Arn, CreateDate: u.detail.CreateDate, ...(u.console ? { PasswordLastUsed: at(3) } : {}) } };
    }
    case 'GetLoginProfile': {
      const u = user();
      if (!u.console) throw new WireError('NoSuchEntity', `Login Profile for User ${String(params.UserName)} cannot be found.`, 404);
      return { LoginProfile: { UserName: u.detail.UserName, CreateDate: at(80), PasswordResetRequired: false } };
    }
    case 'ListMFADevices': {
      const u = user();
      return { MFADevices: u.mfa ? [{ UserName: u.detail.UserName, SerialNumber: `arn:aws:iam::${accountId}:mfa/${String(u.detail.UserName)}`, EnableDate: at(100) }] : [], IsTruncated: false };
    }
    case 'ListAccessKeys':
      return { AccessKeyMetadata: user().keys, IsTruncated: false };
    case 'GetAccessKeyLastUsed': {
      const u = e.users.find((x) => x.keys.some((k) => k.AccessKeyId === params.AccessKeyId));
      return { UserName: u?.detail.UserName, AccessKeyLastUsed: { LastUsedDate: at(1), ServiceName: 's3', Region: 'eu-west-1' } };
    }
    case 'ListPolicyTags':
      return { Tags: [{ Key: 'owner', Value: 'platform' }], IsTruncated: false };
    case 'GetAccountSummary':
      return { SummaryMap: new Map<string, number>([['Users', e.users.length], ['Roles', e.roles.length], ['Policies', e.policies.length], ['AccountMFAEnabled', 1], ['AccountAccessKeysPresent', 0], ['MFADevices', e.users.filter((u) => u.mfa).length + 1]]) };
    case 'GetAccountPasswordPolicy':
      return { PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false, PasswordReusePrevention: 24, HardExpiry: false } };
    case 'ListVirtualMFADevices':
      return { VirtualMFADevices: [{ SerialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`, EnableDate: at(800), User: { Path: '/', UserName: 'root', UserId: accountId, Arn: `arn:aws:iam::${accountId}:root`, CreateDate: at(900) } }], IsTruncated: false };
    default:
      throw new WireError('InvalidAction', `the wire endpoint does not serve ${operation}`);
  }
};
