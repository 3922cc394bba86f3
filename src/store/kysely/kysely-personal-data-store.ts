import { sql, type RawBuilder } from 'kysely';
import { personRef } from '../../audit/personal-data-seal.js';
import { erasureReplacements, type ErasureCounts, type PersonalDataStore } from '../ports/personal-data-store.js';
import type { KyselySession } from './kysely-session.js';

/**
 * Erasure with one UPDATE per table, the replacements done by the database's `replace()` on the JSON
 * text (PostgreSQL: jsonb cast to text and back).
 *
 * @example await new KyselyPersonalDataStore(session).erase('alice@example.com', 'erased:5f1c2a9e');
 */
export class KyselyPersonalDataStore implements PersonalDataStore {
  constructor(private readonly s: KyselySession) {}

  async erase(person: string, replacement: string): Promise<ErasureCounts> {
    const pairs = erasureReplacements(person, replacement);
    const pg = this.s.dialect.kind === 'postgres';
    const text = (col: string): RawBuilder<string> => (pg ? sql<string>`${sql.ref(col)}::text` : sql<string>`${sql.ref(col)}`);
    const scrubbed = (col: string): RawBuilder<unknown> => {
      let e: RawBuilder<string> = text(col);
      for (const [from, to] of pairs) e = sql<string>`replace(${e}, ${from}, ${to})`;
      return pg ? sql`(${e})::jsonb` : e;
    };
    // Rows whose text holds the person at all: the only ones rewritten.
    const holds = (col: string): RawBuilder<boolean> => {
      const needle = pairs[pairs.length - 1]![0];
      return pg ? sql<boolean>`position(${needle} in ${text(col)}) > 0` : sql<boolean>`instr(${text(col)}, ${needle}) > 0`;
    };
    const n = (r: { numUpdatedRows: bigint }[]): number => r.reduce((s, x) => s + Number(x.numUpdatedRows), 0);
    return this.s.write(async (db) => {
      // Zero what the erasure frees (old row versions, the deleted key) instead of leaving it in free space.
      if (!pg) await sql`pragma secure_delete = on`.execute(db);
      const resources = n(await db.updateTable('resources').set({ owner: null }).where('owner', '=', person).execute());
      const resourceJson = n(
        await db
          .updateTable('resources')
          .set({ tags: scrubbed('tags') as never, config: sql`case when ${sql.ref('config')} is null then null else ${scrubbed('config')} end` as never })
          .where((eb) => eb.or([holds('tags'), eb.and([eb('config', 'is not', null), holds('config')])]))
          .execute(),
      );
      const violations = n(await db.updateTable('violations').set({ owner: null }).where('owner', '=', person).execute());
      // A violation about the person's IAM user: the user name in its resource ARN.
      const userArns = person.includes('@') || person.includes('/') ? 0 : n(
        await db
          .updateTable('violations')
          .set({ resource_arn: sql`substr(${sql.ref('resource_arn')}, 1, length(${sql.ref('resource_arn')}) - ${person.length}) || ${replacement}` as never })
          .where('resource_arn', 'like', `arn:aws%:iam::%:user/%`)
          .where(sql<boolean>`substr(${sql.ref('resource_arn')}, length(${sql.ref('resource_arn')}) - ${person.length}) = ${`/${person}`}`)
          .execute(),
      );
      const evidence = n(await db.updateTable('violations').set({ evidence: scrubbed('evidence') as never }).where(holds('evidence')).execute());
      const notifications = n(await db.updateTable('outbox').set({ payload: scrubbed('payload') as never, topic: sql`case when ${sql.ref('topic')} = ${person} then ${replacement} else ${sql.ref('topic')} end` as never }).where('kind', '=', 'notification').where((eb) => eb.or([holds('payload'), eb('topic', '=', person)])).execute());
      // A reason is free text: only an e-mail address is replaced inside it (a name could be part of a word).
      const email = person.includes('@');
      const approvals = n(
        await db
          .updateTable('approvals')
          .set({ by: sql`case when ${sql.ref('by')} = ${person} then ${replacement} else ${sql.ref('by')} end` as never, ...(email ? { reason: sql`replace(${sql.ref('reason')}, ${person}, ${replacement})` as never } : {}) })
          .where((eb) => eb.or([eb('by', '=', person), ...(email ? [pg ? sql<boolean>`position(${person} in ${sql.ref('reason')}) > 0` : sql<boolean>`instr(${sql.ref('reason')}, ${person}) > 0`] : [])]))
          .execute(),
      );
      const auditKeys = Number((await db.deleteFrom('audit_person_keys').where('person_ref', '=', personRef(person)).executeTakeFirst()).numDeletedRows);
      return { resources: Math.max(resources, resourceJson), violations: Math.max(violations, evidence, userArns), notifications, approvals, auditKeys };
    });
  }

  async purgeFreed(): Promise<void> {
    // The WAL still holds the pages as they were before the erasure until a checkpoint copies the
    // new ones into the file; TRUNCATE then empties it. (PostgreSQL: old row versions go at VACUUM.)
    if (this.s.dialect.kind === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.s.db);
  }
}
