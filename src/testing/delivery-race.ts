import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { TeamConfig } from '../config/vigil-config.js';
import type { EscalationSession } from '../store/kysely/escalation-session.js';
import { sqliteDialect } from '../store/sqlite/sqlite-dialect.js';

/** The teams of the delivery race test, every channel pointing at the test's HTTP sink. */
export const raceTeams = (sinkUrl: string): Record<string, TeamConfig> => ({
  payments: { channels: { slack: { url: `${sinkUrl}/slack/payments` }, webhook: { url: `${sinkUrl}/hook/payments`, secretEnv: 'HOOK_SECRET' } } },
  data: { channels: { teams: { url: `${sinkUrl}/teams/data` } } },
  ops: { channels: { slack: { url: `${sinkUrl}/slack/ops` } } },
});

/** An escalation session on its own connection to a (migrated) SQLite file, as another process would open it. */
export const sqliteFileSession = (file: string): EscalationSession & { destroy(): Promise<void> } => {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    dialect: sqliteDialect,
    write: (fn) =>
      db.connection().execute(async (conn) => {
        await sql.raw(sqliteDialect.begin).execute(conn);
        try {
          const r = await fn(conn);
          await sql`commit`.execute(conn);
          return r;
        } catch (err) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw err;
        }
      }),
    destroy: () => db.destroy(),
  };
};
