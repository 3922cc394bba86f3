import { setTimeout as sleep } from 'node:timers/promises';
import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { CollectContext } from '../service-collector.js';
import { reasonOf, type Problem } from './collector-kit.js';

/** One row of the credential report, with the report's own snake_case column names and string values. */
export type CredentialReportRow = Record<string, string>;

/**
 * Parses the credential report CSV into rows keyed by user name (`<root_account>` for the root user).
 * A row whose field count does not match the header (a user name with a comma) is reported, not guessed.
 *
 * @example
 * parseCredentialReport('user,arn\nana,arn:aws:iam::1:user/ana\n').rows.get('ana')?.arn; // 'arn:aws:iam::1:user/ana'
 */
export const parseCredentialReport = (csv: string): { rows: Map<string, CredentialReportRow>; bad: number[] } => {
  const lines = csv.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  const rows = new Map<string, CredentialReportRow>();
  const bad: number[] = [];
  lines.slice(1).forEach((line, i) => {
    const fields = line.split(',');
    if (fields.length !== header.length) {
      bad.push(i + 2);
      return;
    }
    const row: CredentialReportRow = {};
    header.forEach((h, k) => (row[h] = fields[k] as string));
    rows.set(row.user as string, row);
  });
  return { rows, bad };
};

/**
 * Asks IAM for a fresh credential report and reads it. Generation is asynchronous on AWS: the call is
 * repeated until the report is COMPLETE (a few seconds for most accounts), waiting 250 ms, then twice
 * as long each time up to `maxWaitMs`, at most `attempts` times.
 * Failure is a problem, not an exception: the users are still collected, without `CredentialReport`.
 */
export const readCredentialReport = async (
  ctx: CollectContext,
  iam: IAMClient,
  problems: Problem[],
  { attempts = 12, firstWaitMs = 250, maxWaitMs = 4000 } = {},
): Promise<Map<string, CredentialReportRow>> => {
  try {
    for (let i = 0; ; i++) {
      const state = await ctx.limit(() => iam.send(new GenerateCredentialReportCommand({})));
      if (state.State === 'COMPLETE') break;
      if (i + 1 >= attempts) throw new Error(`credential report still ${state.State ?? 'not ready'} after ${attempts} attempts`);
      await sleep(Math.min(maxWaitMs, firstWaitMs * 2 ** i), undefined, ctx.signal ? { signal: ctx.signal } : {});
    }
    const report = await ctx.limit(() => iam.send(new GetCredentialReportCommand({})));
    const { rows, bad } = parseCredentialReport(new TextDecoder().decode(report.Content ?? new Uint8Array()));
    for (const line of bad) problems.push({ operation: 'iam:GetCredentialReport', reason: `line ${line}: field count differs from the header; that user has no CredentialReport` });
    return rows;
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    problems.push({ operation: 'iam:GetCredentialReport', reason: reasonOf(e) });
    return new Map();
  }
};
