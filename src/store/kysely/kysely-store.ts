import { sql } from 'kysely';
import { migrateDatabase } from '../migrations/migrate-database.js';
import type { StoreDialect } from '../store-dialect.js';
import { storeClosed } from '../store-errors.js';
import type { Store, StorePorts } from '../store.js';
import { KyselyAuditCheckpointStore } from './kysely-audit-checkpoint-store.js';
import { KyselyAuditLog } from './kysely-audit-log.js';
import { KyselyReportClaimStore } from './kysely-report-claim-store.js';
import { KyselyApiTokenStore } from './kysely-api-token-store.js';
import { KyselyInventoryStore } from './kysely-inventory-store.js';
import { KyselyApprovalStore } from './kysely-approval-store.js';
import { KyselyEscalationQueue } from './kysely-escalation-queue.js';
import { KyselyOutboxStore } from './kysely-outbox-store.js';
import { KyselyQuarantineStore } from './kysely-quarantine-store.js';
import { KyselyBusQueueStore } from './kysely-bus-queue-store.js';
import { KyselyEnforcementActionStore } from './kysely-enforcement-action-store.js';
import { KyselyPersonalDataStore } from './kysely-personal-data-store.js';
import { KyselyScanStore } from './kysely-scan-store.js';
import { KyselySession, toStoreError, type Db } from './kysely-session.js';
import { KyselyViolationStore } from './kysely-violation-store.js';
import { StatementCache } from './statement-cache.js';

/** Every port over one session: the pool's, or one transaction's. A new port is one more line here. */
const kyselyPorts = (s: KyselySession): StorePorts => ({
  inventory: new KyselyInventoryStore(s),
  violations: new KyselyViolationStore(s),
  audit: new KyselyAuditLog(s),
  checkpoints: new KyselyAuditCheckpointStore(s),
  scans: new KyselyScanStore(s),
  quarantine: new KyselyQuarantineStore(s),
  outbox: new KyselyOutboxStore(s),
  approvals: new KyselyApprovalStore(s),
  escalation: new KyselyEscalationQueue(s),
  busQueue: new KyselyBusQueueStore(s),
  enforcementActions: new KyselyEnforcementActionStore(s),
  personalData: new KyselyPersonalDataStore(s),
  reportClaims: new KyselyReportClaimStore(s),
  apiTokens: new KyselyApiTokenStore(s),
});

/**
 * A Store over any Kysely dialect. The adapters (`sqlite/sqlite-store.ts`, `postgres/postgres-store.ts`)
 * only build the Kysely instance and the dialect description; every query is shared.
 *
 * @example
 * const store = new KyselyStore(new Kysely<VigilDatabase>({ dialect }), sqliteDialect);
 * await store.migrate();
 * await store.violations.count({ states: ['open'] });
 */
export class KyselyStore implements Store {
  readonly kind: StoreDialect['kind'];
  readonly #db: Db;
  readonly #dialect: StoreDialect;
  /** Shared with every transaction's session: compiled SQL does not depend on the connection. */
  readonly #statements = new StatementCache();
  #closed = false;

  constructor(db: Db, dialect: StoreDialect) {
    this.#db = db;
    this.#dialect = dialect;
    this.kind = dialect.kind;
    // On the pool, each multi-statement write is its own transaction.
    Object.assign(this, kyselyPorts(new KyselySession(db, dialect, this.#statements, (fn) => this.#inTransaction(fn))));
  }

  async migrate(): Promise<void> {
    try {
      await migrateDatabase(this.#db, this.#dialect);
    } catch (err) {
      throw toStoreError(err, this.#dialect);
    }
  }

  transaction<T>(fn: (tx: StorePorts) => Promise<T>): Promise<T> {
    return this.#inTransaction((conn) => fn(kyselyPorts(new KyselySession(conn, this.#dialect, this.#statements, (write) => write(conn)))));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
  }

  // Kysely's own transaction() cannot say BEGIN IMMEDIATE, which SQLite needs (see StoreDialect.begin).
  #inTransaction<T>(fn: (conn: Db) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(storeClosed());
    return this.#db.connection().execute(async (conn) => {
      await sql.raw(this.#dialect.begin).execute(conn);
      let result: T;
      try {
        result = await fn(conn);
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw toStoreError(err, this.#dialect);
      }
      try {
        await sql`commit`.execute(conn);
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw toStoreError(err, this.#dialect);
      }
      return result;
    });
  }
}

// Declares the ports, assigned from kyselyPorts() in the constructor: a new port needs no line in this class.
export interface KyselyStore extends StorePorts {}
