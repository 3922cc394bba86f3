import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * An IAM user. `config` is the user's `UserDetailList` entry from GetAccountAuthorizationDetails
 * (UserName, UserId, Arn, CreateDate, PasswordLastUsed, AttachedManagedPolicies, UserPolicyList,
 * GroupList, Tags), enriched with what one user needs for credential hygiene:
 * - `LoginProfile`: GetLoginProfile's LoginProfile, present only when a console password exists;
 * - `MFADevices`: ListMFADevices items;
 * - `AccessKeys`: ListAccessKeys items, each with `LastUsedDate` from GetAccessKeyLastUsed (absent
 *   when the key was never used);
 * - `CredentialReport`: that user's row of the IAM credential report, with the report's own
 *   snake_case column names and string values (`password_enabled: "true"`, `"N/A"`, `"no_information"`).
 *
 * @example
 * iamUserResourceType.identity({ UserName: 'ana', Arn: 'arn:aws:iam::111122223333:user/ana' }, where).id; // 'ana'
 */
export const iamUserResourceType: ResourceTypeDefinition = {
  type: 'aws.iam.user',
  provider: 'aws',
  service: 'iam',
  title: 'IAM user',
  scope: 'global',
  sources: ['GetAccountAuthorizationDetails', 'GetLoginProfile', 'ListMFADevices', 'ListAccessKeys', 'GetAccessKeyLastUsed', 'GetCredentialReport'],
  identity: (c, { accountId }) => {
    const name = String(c.UserName);
    return { id: name, name, arn: typeof c.Arn === 'string' ? c.Arn : `arn:aws:iam::${accountId}:user/${name}` };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    Path: '/',
    UserName: 'ana.silva',
    UserId: 'AIDAEXAMPLE0000000001',
    Arn: 'arn:aws:iam::111122223333:user/ana.silva',
    CreateDate: '2025-03-01T09:00:00Z',
    PasswordLastUsed: '2026-11-20T08:12:00Z',
    GroupList: ['engineers'],
    AttachedManagedPolicies: [],
    UserPolicyList: [],
    Tags: [{ Key: 'owner', Value: 'payments' }],
    LoginProfile: { UserName: 'ana.silva', CreateDate: '2025-03-01T09:00:00Z', PasswordResetRequired: false },
    MFADevices: [{ UserName: 'ana.silva', SerialNumber: 'arn:aws:iam::111122223333:mfa/ana.silva', EnableDate: '2025-03-01T09:05:00Z' }],
    AccessKeys: [],
    CredentialReport: {
      user: 'ana.silva', arn: 'arn:aws:iam::111122223333:user/ana.silva', user_creation_time: '2025-03-01T09:00:00+00:00',
      password_enabled: 'true', password_last_used: '2026-11-20T08:12:00+00:00', password_last_changed: '2026-09-01T09:00:00+00:00',
      password_next_rotation: 'N/A', mfa_active: 'true',
      access_key_1_active: 'false', access_key_1_last_rotated: 'N/A', access_key_1_last_used_date: 'N/A',
      access_key_1_last_used_region: 'N/A', access_key_1_last_used_service: 'N/A',
      access_key_2_active: 'false', access_key_2_last_rotated: 'N/A', access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_region: 'N/A', access_key_2_last_used_service: 'N/A',
      cert_1_active: 'false', cert_1_last_rotated: 'N/A', cert_2_active: 'false', cert_2_last_rotated: 'N/A',
    },
  },
};
