import { once } from 'node:events';
import type { Writable } from 'node:stream';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { Violation } from '../violations/violation.js';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

const CSV_COLUMNS = ['id', 'policyId', 'severity', 'state', 'accountId', 'region', 'resourceType', 'resourceArn', 'owner', 'firstSeenAt', 'lastSeenAt', 'evidence'] as const;

const evidenceText = (v: Violation): string => v.evidence.map((e) => `${e.path}: expected ${e.expected}, found ${typeof e.actual === 'string' ? e.actual : JSON.stringify(e.actual)}`).join('; ');

const write = async (out: Writable, s: string): Promise<void> => {
  if (!out.write(s)) await once(out, 'drain');
};

/**
 * Writes violations page by page (the caller's iterator reads the store in chunks), so a million-resource
 * scan never holds every violation in memory.
 *
 * @example
 * await writeViolations(process.stdout, 'csv', pages(store, scanId));
 */
export const writeViolations = async (out: Writable, format: Format, pages: AsyncIterable<Violation[]>, opts: { maxRows?: number } = {}): Promise<number> => {
  let n = 0;
  if (format === 'json') {
    await write(out, '[');
    for await (const page of pages) {
      for (const v of page) await write(out, `${n++ ? ',' : ''}\n  ${JSON.stringify(v)}`);
    }
    await write(out, n ? '\n]\n' : ']\n');
    return n;
  }
  if (format === 'csv') {
    await write(out, stringify([CSV_COLUMNS as unknown as string[]]));
    for await (const page of pages) {
      n += page.length;
      await write(out, stringify(page.map((v) => CSV_COLUMNS.map((c) => (c === 'evidence' ? evidenceText(v) : ((v[c] as string | null) ?? ''))))));
    }
    return n;
  }
  const table = new Table({ head: ['severity', 'policy', 'account', 'resource', 'owner', 'why'], wordWrap: true, colWidths: [10, 34, 14, 44, 12, 60], style: { head: [], border: [] } });
  let hidden = 0;
  for await (const page of pages) {
    for (const v of page) {
      n++;
      if (opts.maxRows !== undefined && table.length >= opts.maxRows) hidden++;
      else table.push([v.severity, v.policyId, v.accountId, v.resourceArn, v.owner ?? '', evidenceText(v)]);
    }
  }
  await write(out, `${table.toString()}\n`);
  if (hidden) await write(out, `… and ${hidden} more: use --format json or csv with --output to get every violation\n`);
  return n;
};
