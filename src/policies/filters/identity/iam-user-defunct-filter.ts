import { existsSync, readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { Resource } from '../../../inventory/resource.js';
import type { Evidence } from '../../../violations/evidence.js';
import type { NamedFilterDefinition } from '../named-filter.js';
import { ageDays, KEY_SLOTS, reportDate, reportTrue } from './credential-report-dates.js';

export interface IamUserDefunctParams {
  /** No sign-in and no key use for more than this many days (never-used users count from creation). */
  inactiveDays: number;
  /** Active people by IAM user name (case-insensitive, as IAM names are). Empty: no directory check. */
  directory?: string[];
  /**
   * A directory export read once per scan: one name per line, or CSV (first column; a header whose
   * first cell is `user`, `username` or `UserName` is skipped), or a JSON array of names.
   */
  directoryFile?: string;
  /** Break-glass and similar users that are expected to be idle. */
  exemptUsers?: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a directory export into lowercase names. @example parseDirectory('user\nana\nBo') → Set{'ana','bo'} */
export const parseDirectory = (text: string): Set<string> => {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const arr: unknown = JSON.parse(trimmed);
    return new Set((Array.isArray(arr) ? arr : []).filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()));
  }
  const names = new Set<string>();
  trimmed.split(/\r?\n/).forEach((line, i) => {
    const first = (line.split(',')[0] ?? '').trim().replace(/^"|"$/g, '').toLowerCase();
    if (!first || first.startsWith('#')) return;
    if (i === 0 && (first === 'user' || first === 'username' || first === 'user_name')) return;
    names.add(first);
  });
  return names;
};

/** The newest sign-in or key use, and whether the user has a console password, from the report or the API. */
const activity = (c: Record<string, unknown>): { last: number | null; console: boolean } => {
  const dates: (number | null)[] = [];
  const report = isRecord(c.CredentialReport) ? c.CredentialReport : undefined;
  let consoleUser = isRecord(c.LoginProfile);
  if (report) {
    consoleUser = reportTrue(report.password_enabled);
    dates.push(reportDate(report.password_last_used));
    for (const n of KEY_SLOTS) dates.push(reportDate(report[`access_key_${n}_last_used_date`]));
  }
  dates.push(reportDate(c.PasswordLastUsed));
  if (Array.isArray(c.AccessKeys)) for (const k of c.AccessKeys) if (isRecord(k)) dates.push(reportDate(k.LastUsedDate));
  let last: number | null = null;
  for (const d of dates) if (d !== null && (last === null || d > last)) last = d;
  return { last, console: consoleUser };
};

/**
 * Seed 001's "remove privileges from defunct accounts": an IAM user is defunct when a person with a
 * console password is no longer in the organisation's directory export, or when the user has not
 * signed in or used a key for `inactiveDays` days. Service users (no console password) are judged on
 * inactivity only, since HR directories do not list them.
 *
 * @example
 * { filter: iam-user-defunct, inactiveDays: 90, directoryFile: ./directory/active-users.csv }
 */
export const iamUserDefunctFilter: NamedFilterDefinition<IamUserDefunctParams> = {
  name: 'iam-user-defunct',
  description: 'An IAM user whose person left (not in the directory export) or who has shown no activity for `inactiveDays` days.',
  params: Type.Object({
    inactiveDays: Type.Number({ minimum: 1 }),
    directory: Type.Optional(Type.Array(Type.String())),
    directoryFile: Type.Optional(Type.String({ description: 'Path to a directory export (lines, CSV or JSON array)' })),
    exemptUsers: Type.Optional(Type.Array(Type.String())),
  }),
  appliesTo: ['aws.iam.user'],
  compile: ({ inactiveDays, directory = [], directoryFile, exemptUsers = [] }) => {
    // Fail when the policy loads, not on every resource, if the export is missing.
    if (directoryFile && !existsSync(directoryFile)) throw new Error(`iam-user-defunct: directoryFile "${directoryFile}" does not exist`);
    const listed = new Set(directory.map((n) => n.toLowerCase()));
    const exempt = new Set(exemptUsers.map((n) => n.toLowerCase()));
    return (resource: Resource, ctx) => {
      const c = resource.config;
      const name = String(c.UserName ?? resource.name);
      if (exempt.has(name.toLowerCase())) return null;
      const fromFile = directoryFile ? ctx.lookup.memo(`iam-user-defunct:file:${directoryFile}`, () => parseDirectory(readFileSync(directoryFile, 'utf8'))) : undefined;
      const { last, console: consoleUser } = activity(c);
      const out: Evidence[] = [];
      if (consoleUser && (listed.size > 0 || fromFile)) {
        const known = listed.has(name.toLowerCase()) || (fromFile?.has(name.toLowerCase()) ?? false);
        if (!known) out.push({ path: 'UserName', expected: 'listed in the directory export of active people', actual: name, note: 'person not found in the directory: likely left the organisation' });
      }
      const created = reportDate(c.CreateDate) ?? (isRecord(c.CredentialReport) ? reportDate(c.CredentialReport.user_creation_time) : null);
      const since = last ?? created;
      if (since !== null && ageDays(since, ctx.now) > inactiveDays) {
        out.push({
          path: last === null ? 'CreateDate' : isRecord(c.CredentialReport) ? 'CredentialReport.password_last_used' : 'PasswordLastUsed',
          expected: `activity within the last ${inactiveDays} days`,
          actual: new Date(since).toISOString(),
          note: last !== null ? `last sign-in or key use ${ageDays(last, ctx.now)} days ago` : `never signed in or used a key since creation ${ageDays(since, ctx.now)} days ago`,
        });
      }
      return out.length ? out : null;
    };
  },
  example: { filter: 'iam-user-defunct', inactiveDays: 90, directory: ['ana.silva', 'bo.chen'] },
};
