import { isoOrNull, isoTimestamp } from '../iso-timestamp.js';
import type { Page } from '../ports/page.js';
import type { PolicyResultRow, ScanOutcome, ScanRecord, ScanStore } from '../ports/scan-store.js';
import { scanNotFound } from '../store-errors.js';
import type { PolicyResultsTable } from '../database-schema.js';
import type { KyselySession } from './kysely-session.js';
import { toPolicyResult, toScan } from './row-mappers.js';
import { chunk, pageOf } from './store-filters.js';

/**
 * Scans and their per-policy results over Kysely.
 *
 * @example
 * const scans = new KyselyScanStore(session);
 * await scans.finish(id, { finishedAt: at, status: 'finished', stats });
 */
export class KyselyScanStore implements ScanStore {
  constructor(private readonly s: KyselySession) {}

  async start(scan: ScanRecord): Promise<void> {
    await this.s.write((db) =>
      db
        .insertInto('scans')
        .values({
          id: scan.id,
          source: scan.source,
          started_at: isoTimestamp(scan.startedAt, 'startedAt'),
          finished_at: isoOrNull(scan.finishedAt, 'finishedAt'),
          status: scan.status,
          stats: JSON.stringify(scan.stats ?? {}),
          error: scan.error ?? null,
        })
        .execute(),
    );
  }

  async finish(id: string, outcome: ScanOutcome): Promise<void> {
    const res = await this.s.write((db) =>
      db
        .updateTable('scans')
        .set({
          finished_at: isoOrNull(outcome.finishedAt, 'finishedAt'),
          status: outcome.status,
          stats: JSON.stringify(outcome.stats ?? {}),
          error: outcome.error ?? null,
        })
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    if (Number(res.numUpdatedRows) === 0) throw scanNotFound(id);
  }

  async get(id: string): Promise<ScanRecord | undefined> {
    const row = await this.s.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toScan(row);
  }

  async list(q: Page = {}): Promise<ScanRecord[]> {
    const { limit, offset } = pageOf(q);
    const rows = await this.s.db.selectFrom('scans').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(toScan);
  }

  async addPolicyResults(rows: PolicyResultRow[]): Promise<void> {
    if (rows.length === 0) return;
    const merged = new Map<string, PolicyResultsTable>();
    for (const r of rows) {
      const key = JSON.stringify([r.scanId, r.policyId, r.accountId, r.region]);
      const m = merged.get(key);
      if (m) {
        m.evaluated += r.evaluated;
        m.failed += r.failed;
      } else {
        merged.set(key, { scan_id: r.scanId, policy_id: r.policyId, account_id: r.accountId, region: r.region, evaluated: r.evaluated, failed: r.failed });
      }
    }
    await this.s.write(async (db) => {
      for (const part of chunk([...merged.values()], Math.floor(this.s.dialect.maxParams / 6))) {
        await db
          .insertInto('policy_results')
          .values(part)
          .onConflict((oc) =>
            oc.columns(['scan_id', 'policy_id', 'account_id', 'region']).doUpdateSet((eb) => ({
              evaluated: eb('policy_results.evaluated', '+', eb.ref('excluded.evaluated')),
              failed: eb('policy_results.failed', '+', eb.ref('excluded.failed')),
            })),
          )
          .execute();
      }
    });
  }

  async policyResults(scanId: string): Promise<PolicyResultRow[]> {
    const rows = await this.s.db
      .selectFrom('policy_results')
      .selectAll()
      .where('scan_id', '=', scanId)
      .orderBy('policy_id')
      .orderBy('account_id')
      .orderBy('region')
      .execute();
    return rows.map(toPolicyResult);
  }
}
