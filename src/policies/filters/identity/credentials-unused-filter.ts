import { Type } from '@sinclair/typebox';
import type { Resource } from '../../../inventory/resource.js';
import type { Evidence } from '../../../violations/evidence.js';
import type { NamedFilterDefinition } from '../named-filter.js';
import { ageDays, KEY_SLOTS, reportDate, reportTrue } from './credential-report-dates.js';

export interface CredentialsUnusedParams {
  /** A credential is stale when its last use (or, never used, its creation) is more than this many days old. */
  days: number;
  /** Which credentials to judge; default both. */
  credentials?: ('password' | 'access-keys')[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * CIS "credentials unused for 45 days or more are disabled", read as the benchmark's audit does:
 * - console password enabled: `password_last_used` must be recent; when it is `no_information` or
 *   `N/A` (never signed in) the password's age (`password_last_changed`, else the user's creation) counts;
 * - each active access key slot: `access_key_N_last_used_date`; when `N/A` (never used) the key's
 *   age `access_key_N_last_rotated` counts.
 * The `<root_account>` row is never judged (root has its own controls). Without a credential report
 * the same rules run on LoginProfile/PasswordLastUsed and AccessKeys[].LastUsedDate/CreateDate.
 *
 * @example
 * { filter: iam-credentials-unused, days: 45 }
 */
export const credentialsUnusedFilter: NamedFilterDefinition<CredentialsUnusedParams> = {
  name: 'iam-credentials-unused',
  description: 'An IAM user has an enabled console password or active access key not used for more than `days` days (never-used credentials count from their creation).',
  params: Type.Object({
    days: Type.Number({ minimum: 1, description: 'Maximum days without use' }),
    credentials: Type.Optional(Type.Array(Type.Union([Type.Literal('password'), Type.Literal('access-keys')]))),
  }),
  appliesTo: ['aws.iam.user'],
  compile: ({ days, credentials }) => {
    const wantPassword = !credentials || credentials.includes('password');
    const wantKeys = !credentials || credentials.includes('access-keys');
    const expected = `used within the last ${days} days`;
    return (resource: Resource, { now }) => {
      const c = resource.config;
      const out: Evidence[] = [];
      const report = isRecord(c.CredentialReport) ? c.CredentialReport : undefined;
      if (report) {
        if (report.user === '<root_account>') return null;
        if (wantPassword && reportTrue(report.password_enabled)) {
          const used = reportDate(report.password_last_used);
          const since = used ?? reportDate(report.password_last_changed) ?? reportDate(report.user_creation_time);
          if (since !== null && ageDays(since, now) > days) {
            out.push(
              used !== null
                ? { path: 'CredentialReport.password_last_used', expected, actual: report.password_last_used }
                : { path: 'CredentialReport.password_last_used', expected, actual: report.password_last_used ?? null, note: `console password never used; set ${ageDays(since, now)} days ago` },
            );
          }
        }
        if (wantKeys) {
          for (const n of KEY_SLOTS) {
            if (!reportTrue(report[`access_key_${n}_active`])) continue;
            const usedCell = report[`access_key_${n}_last_used_date`];
            const used = reportDate(usedCell);
            const since = used ?? reportDate(report[`access_key_${n}_last_rotated`]);
            if (since !== null && ageDays(since, now) > days) {
              out.push(
                used !== null
                  ? { path: `CredentialReport.access_key_${n}_last_used_date`, expected, actual: usedCell }
                  : { path: `CredentialReport.access_key_${n}_last_used_date`, expected, actual: usedCell ?? null, note: `access key ${n} never used; created ${ageDays(since, now)} days ago` },
              );
            }
          }
        }
        return out.length ? out : null;
      }
      // No report row (e.g. a user created after the report): judge from the IAM API fields.
      if (wantPassword && isRecord(c.LoginProfile)) {
        const used = reportDate(c.PasswordLastUsed);
        const since = used ?? reportDate(c.LoginProfile.CreateDate) ?? reportDate(c.CreateDate);
        if (since !== null && ageDays(since, now) > days) out.push({ path: 'PasswordLastUsed', expected, actual: c.PasswordLastUsed ?? null });
      }
      if (wantKeys && Array.isArray(c.AccessKeys)) {
        c.AccessKeys.forEach((k, i) => {
          if (!isRecord(k) || k.Status !== 'Active') return;
          const used = reportDate(k.LastUsedDate);
          const since = used ?? reportDate(k.CreateDate);
          if (since !== null && ageDays(since, now) > days) {
            out.push({ path: `AccessKeys[${i}].LastUsedDate`, expected, actual: k.LastUsedDate ?? null, ...(used === null ? { note: `key ${String(k.AccessKeyId)} never used` } : {}) });
          }
        });
      }
      return out.length ? out : null;
    };
  },
  example: { filter: 'iam-credentials-unused', days: 45 },
};
