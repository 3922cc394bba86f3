import type { ResourceTypeDefinition } from '../../resource-type.js';

/**
 * Account-level IAM settings, one per account in region `global`:
 * - `SummaryMap`: GetAccountSummary (AccountMFAEnabled, AccountAccessKeysPresent, AccountPasswordPresent…, numbers);
 * - `PasswordPolicy`: GetAccountPasswordPolicy, absent when the account has none (NoSuchEntity);
 * - `RootCredentialReport`: the credential report's `<root_account>` row (snake_case columns, string values);
 * - `VirtualMFADevices`: ListVirtualMFADevices items; a root virtual device has the serial
 *   `arn:aws:iam::<account>:mfa/root-account-mfa-device` and `User.Arn` ending in `:root`.
 *
 * @example
 * iamAccountResourceType.identity({ AccountId: '111122223333' }, where).arn; // 'arn:aws:iam::111122223333:root'
 */
export const iamAccountResourceType: ResourceTypeDefinition = {
  type: 'aws.iam.account',
  provider: 'aws',
  service: 'iam',
  title: 'IAM account settings',
  scope: 'global',
  sources: ['GetAccountSummary', 'GetAccountPasswordPolicy', 'GetCredentialReport', 'ListVirtualMFADevices'],
  identity: (c, { accountId }) => {
    const id = typeof c.AccountId === 'string' ? c.AccountId : accountId;
    return { id, name: id, arn: `arn:aws:iam::${id}:root` };
  },
  tags: () => ({}),
  example: {
    AccountId: '111122223333',
    SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1, AccountSigningCertificatesPresent: 0, Users: 12, MFADevices: 10, MFADevicesInUse: 10 },
    PasswordPolicy: {
      MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false, PasswordReusePrevention: 24,
    },
    RootCredentialReport: {
      user: '<root_account>', arn: 'arn:aws:iam::111122223333:root', user_creation_time: '2019-05-01T10:00:00+00:00',
      password_enabled: 'not_supported', password_last_used: '2026-02-01T10:00:00+00:00', password_last_changed: 'not_supported',
      password_next_rotation: 'not_supported', mfa_active: 'true',
      access_key_1_active: 'false', access_key_1_last_rotated: 'N/A', access_key_1_last_used_date: 'N/A',
      access_key_2_active: 'false', access_key_2_last_rotated: 'N/A', access_key_2_last_used_date: 'N/A',
      cert_1_active: 'false', cert_2_active: 'false',
    },
    VirtualMFADevices: [],
  },
};
