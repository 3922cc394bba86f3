import type { DemoGenerator } from '../../demo-generator.js';
import { forcedExample } from '../data/data-demo-vocabulary.js';
import { reportDaysAgo } from './demo-vocabulary.js';

/**
 * Account-level IAM settings, one per account: root MFA (hardware for most, a virtual device or none
 * for a few), root access keys present in a few, password policies strong, weak or missing. Failures
 * are tied to the account's position in the organisation as well as to chance, because an
 * organisation has few accounts and each control must still show both outcomes.
 *
 * @example
 * iamAccountDemoGenerator.generate(ctx).config.SummaryMap; // { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, … }
 */
export const iamAccountDemoGenerator: DemoGenerator = {
  type: 'aws.iam.account',
  scope: 'global',
  weight: 0,
  min: 1,
  generate: (ctx) => {
    const { rng, account, accounts, now, fixed } = ctx;
    // Position in the organisation guarantees each failure shows up even with 3–5 accounts; the rng adds variety.
    // An account whose settings an enforcer fixed (`fixed`) loses its positional failures too.
    const pos = fixed ? -1 : accounts.findIndex((a) => a.id === account.id);
    const mfa = pos % 6 !== 1 && rng.chance(0.95);
    const virtualRoot = mfa && (pos % 5 === 2 || rng.chance(0.05));
    const rootKeys = pos % 7 === 3 || rng.chance(0.03);
    // The positions above miss a three-account demo: one forced weak policy there (none once enforced).
    const p = pos % 8 === 4 ? 0 : pos % 8 === 6 || forcedExample(ctx, 151) ? 0.15 : 0.22 + rng.next() * 0.78;
    const passwordPolicy =
      p < 0.1
        ? undefined
        : p < 0.22
          ? { MinimumPasswordLength: 8, RequireSymbols: false, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false, PasswordReusePrevention: 5 }
          : { MinimumPasswordLength: rng.pick([14, 16]), RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false, PasswordReusePrevention: 24 };
    const rootArn = `arn:aws:iam::${account.id}:root`;
    const keyAge = rng.int(200, 2000);
    return {
      config: {
        AccountId: account.id,
        SummaryMap: {
          AccountMFAEnabled: mfa ? 1 : 0,
          AccountAccessKeysPresent: rootKeys ? 1 : 0,
          AccountPasswordPresent: 1,
          AccountSigningCertificatesPresent: 0,
          Users: rng.int(10, 400),
          Roles: rng.int(20, 600),
          Policies: rng.int(5, 200),
          MFADevices: rng.int(5, 300),
          MFADevicesInUse: rng.int(5, 300),
        },
        ...(passwordPolicy ? { PasswordPolicy: passwordPolicy } : {}),
        RootCredentialReport: {
          user: '<root_account>', arn: rootArn, user_creation_time: reportDaysAgo(now, rng.int(900, 3000)),
          password_enabled: 'not_supported', password_last_used: rng.chance(0.7) ? reportDaysAgo(now, rng.int(30, 700)) : 'N/A',
          password_last_changed: 'not_supported', password_next_rotation: 'not_supported', mfa_active: mfa ? 'true' : 'false',
          access_key_1_active: rootKeys ? 'true' : 'false', access_key_1_last_rotated: rootKeys ? reportDaysAgo(now, keyAge) : 'N/A',
          access_key_1_last_used_date: rootKeys ? reportDaysAgo(now, rng.int(0, keyAge)) : 'N/A',
          access_key_2_active: 'false', access_key_2_last_rotated: 'N/A', access_key_2_last_used_date: 'N/A',
          cert_1_active: 'false', cert_2_active: 'false',
        },
        VirtualMFADevices: virtualRoot
          ? [{ SerialNumber: `arn:aws:iam::${account.id}:mfa/root-account-mfa-device`, User: { UserId: account.id, Arn: rootArn }, EnableDate: '2023-03-01T10:00:00Z' }]
          : [],
      },
    };
  },
};
