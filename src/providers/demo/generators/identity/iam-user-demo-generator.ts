import type { DemoContext, DemoGenerator } from '../../demo-generator.js';
import { APPS, FIRST_NAMES, LAST_NAMES, TEAMS, VENDORS, isoDaysAgo, ownerTags, reportDaysAgo } from './demo-vocabulary.js';

type Kind = 'human' | 'service' | 'guest';

interface Key {
  id: string;
  active: boolean;
  ageDays: number;
  /** Days since last use; null = never used ("N/A"). */
  usedDays: number | null;
}

const userName = (kind: Kind, i: number, team: string): string => {
  if (kind === 'service') return `svc-${team}-${APPS[i % APPS.length]}-${i}`;
  if (kind === 'guest') return `guest-${VENDORS[i % VENDORS.length]}-${i}`;
  const f = FIRST_NAMES.length;
  const base = `${FIRST_NAMES[i % f]}.${LAST_NAMES[Math.floor(i / f) % LAST_NAMES.length]}`;
  return i < f * LAST_NAMES.length ? base : `${base}${Math.floor(i / (f * LAST_NAMES.length))}`;
};

const makeKey = (ctx: DemoContext, kind: Kind): Key => {
  const { rng } = ctx;
  // A few keys are old (rotation), a few never used (N/A), a few idle beyond 45 days.
  const ageDays = rng.chance(0.07) ? rng.int(91, 720) : rng.int(3, 85);
  const r = rng.roll(0.5);
  const usedDays = r < 0.05 ? null : r < 0.1 ? Math.min(ageDays, rng.int(46, 300)) : Math.min(ageDays, rng.int(0, kind === 'service' ? 3 : 20));
  return { id: `AKIA${rng.upper(16)}`, active: true, ageDays, usedDays };
};

const accessKey = (userName: string, k: Key, now: number): Record<string, unknown> => {
  const key: Record<string, unknown> = { UserName: userName, AccessKeyId: k.id, Status: k.active ? 'Active' : 'Inactive', CreateDate: isoDaysAgo(now, k.ageDays) };
  if (k.usedDays !== null) key.LastUsedDate = isoDaysAgo(now, k.usedDays);
  return key;
};

/**
 * IAM users of seed 001's estate: people (console + MFA, a few without MFA, a few with long-lived
 * keys), service users (one access key, a few with two, old or never-used keys) and guests of
 * vendors (console, often without MFA). The credential report row agrees with the API fields.
 *
 * @example
 * iamUserDemoGenerator.generate(ctx).config.CredentialReport; // { user: 'ana.silva', mfa_active: 'true', … }
 */
export const iamUserDemoGenerator: DemoGenerator = {
  type: 'aws.iam.user',
  scope: 'global',
  weight: 4,
  min: 12,
  generate: (ctx) => {
    const { rng, account, now, index } = ctx;
    const r = rng.next();
    const kind: Kind = r < 0.55 ? 'human' : r < 0.93 ? 'service' : 'guest';
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const name = userName(kind, index, team);
    const arn = `arn:aws:iam::${account.id}:user/${kind === 'service' ? 'service/' : ''}${name}`;
    const createdDays = rng.int(30, 1500);
    const consoleUser = kind !== 'service';
    // Most guests lack MFA: a roll, not chance(), so the typical (fixed) guest has it.
    const mfa = consoleUser && (kind === 'guest' ? rng.roll(0) < 0.45 : rng.chance(0.95));
    // Password last use: mostly recent, a few idle past 45 days, a few never signed in.
    const pr = rng.roll(0.5);
    const pwUsedDays = !consoleUser ? null : pr < 0.04 ? null : pr < 0.1 ? Math.min(createdDays, rng.int(46, 400)) : Math.min(createdDays, rng.int(0, 30));
    const pwChangedDays = Math.min(createdDays, rng.int(1, 200));
    const keys: Key[] = [];
    if (kind === 'service') {
      keys.push(makeKey(ctx, kind));
      if (rng.chance(0.05)) keys.push(makeKey(ctx, kind));
      else if (rng.chance(0.1)) {
        const inactive = makeKey(ctx, kind);
        inactive.active = false;
        keys.push(inactive);
      }
    } else if (rng.chance(kind === 'human' ? 0.08 : 0.03)) {
      keys.push(makeKey(ctx, kind));
    }
    // One literal with the report's column order: computed keys would turn every row into a dictionary.
    const [k1, k2] = keys;
    const service = kind === 'service' ? 's3' : 'sts';
    const report: Record<string, string> = {
      user: name,
      arn,
      user_creation_time: reportDaysAgo(now, createdDays),
      password_enabled: consoleUser ? 'true' : 'false',
      password_last_used: pwUsedDays === null ? (consoleUser && rng.chance(0.5) ? 'no_information' : 'N/A') : reportDaysAgo(now, pwUsedDays),
      password_last_changed: consoleUser ? reportDaysAgo(now, pwChangedDays) : 'N/A',
      password_next_rotation: 'N/A',
      mfa_active: mfa ? 'true' : 'false',
      access_key_1_active: k1?.active ? 'true' : 'false',
      access_key_1_last_rotated: k1 ? reportDaysAgo(now, k1.ageDays) : 'N/A',
      access_key_1_last_used_date: k1 && k1.usedDays !== null ? reportDaysAgo(now, k1.usedDays) : 'N/A',
      access_key_1_last_used_region: k1 && k1.usedDays !== null ? 'eu-west-1' : 'N/A',
      access_key_1_last_used_service: k1 && k1.usedDays !== null ? service : 'N/A',
      access_key_2_active: k2?.active ? 'true' : 'false',
      access_key_2_last_rotated: k2 ? reportDaysAgo(now, k2.ageDays) : 'N/A',
      access_key_2_last_used_date: k2 && k2.usedDays !== null ? reportDaysAgo(now, k2.usedDays) : 'N/A',
      access_key_2_last_used_region: k2 && k2.usedDays !== null ? 'eu-west-1' : 'N/A',
      access_key_2_last_used_service: k2 && k2.usedDays !== null ? service : 'N/A',
      cert_1_active: 'false',
      cert_1_last_rotated: 'N/A',
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    };
    const admin = kind === 'human' && rng.chance(0.03);
    const config: Record<string, unknown> = {
      Path: kind === 'service' ? '/service/' : '/',
      UserName: name,
      UserId: `AIDA${rng.upper(17)}`,
      Arn: arn,
      CreateDate: isoDaysAgo(now, createdDays),
      GroupList: kind === 'human' ? [team, 'engineers'] : kind === 'guest' ? ['external-readonly'] : [],
      AttachedManagedPolicies: admin ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : [],
      UserPolicyList: [],
      Tags: ownerTags(rng.chance(0.95) ? team : undefined, kind === 'guest' ? { vendor: VENDORS[index % VENDORS.length] as string } : undefined),
      MFADevices: mfa ? [{ UserName: name, SerialNumber: `arn:aws:iam::${account.id}:mfa/${name}`, EnableDate: isoDaysAgo(now, Math.max(0, createdDays - 1)) }] : [],
      AccessKeys: keys.map((k) => accessKey(name, k, now)),
      CredentialReport: report,
    };
    if (pwUsedDays !== null) config.PasswordLastUsed = isoDaysAgo(now, pwUsedDays);
    if (consoleUser) config.LoginProfile = { UserName: name, CreateDate: isoDaysAgo(now, createdDays), PasswordResetRequired: false };
    return { config, id: name, name, arn };
  },
};
