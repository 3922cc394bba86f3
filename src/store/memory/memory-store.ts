import { storeClosed } from '../store-errors.js';
import type { Store, StorePorts } from '../store.js';
import { MemoryAuditCheckpointStore } from './memory-audit-checkpoint-store.js';
import { MemoryAuditLog } from './memory-audit-log.js';
import { MemoryInventoryStore } from './memory-inventory-store.js';
import { MemoryApprovalStore } from './memory-approval-store.js';
import { MemoryEscalationQueue } from './memory-escalation-queue.js';
import { MemoryOutboxStore } from './memory-outbox-store.js';
import { MemoryQuarantineStore } from './memory-quarantine-store.js';
import { MemoryBusQueueStore } from './memory-bus-queue-store.js';
import { MemoryEnforcementActionStore } from './memory-enforcement-action-store.js';
import { MemoryPersonalDataStore } from './memory-personal-data-store.js';
import { MemoryScanStore } from './memory-scan-store.js';
import { copyTables, emptyTables, type MemorySession, type MemoryTables } from './memory-tables.js';
import { MemoryReportClaimStore } from './memory-report-claim-store.js';
import { MemoryApiTokenStore } from './memory-api-token-store.js';
import { MemoryViolationStore } from './memory-violation-store.js';

/** Every port over one session: the committed tables, or one transaction's draft. A new port is one more line here. */
const memoryPorts = (s: MemorySession): StorePorts => ({
  inventory: new MemoryInventoryStore(s),
  violations: new MemoryViolationStore(s),
  audit: new MemoryAuditLog(s),
  checkpoints: new MemoryAuditCheckpointStore(s),
  scans: new MemoryScanStore(s),
  quarantine: new MemoryQuarantineStore(s),
  outbox: new MemoryOutboxStore(s),
  approvals: new MemoryApprovalStore(s),
  escalation: new MemoryEscalationQueue(s),
  busQueue: new MemoryBusQueueStore(s),
  enforcementActions: new MemoryEnforcementActionStore(s),
  personalData: new MemoryPersonalDataStore(s),
  reportClaims: new MemoryReportClaimStore(s),
  apiTokens: new MemoryApiTokenStore(s),
});

/**
 * The data several MemoryStore handles share, as processes share a database file: the committed
 * tables and the one writer queue (writes and transactions run one at a time, as under SQLite's lock).
 */
export class MemoryDatabase {
  tables: MemoryTables = emptyTables();
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every writer queued before it. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.#tail.then(fn);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

/**
 * The owned in-memory fake of the whole store, for unit tests where a real database is not the
 * point. It passes the same contract suites as SQLite and PostgreSQL (ports/*.test.ts, store-contract.test.ts).
 * Reads see committed data; `transaction()` works on a copy that replaces the tables on commit.
 * Unlike a database, a write through `store` from inside its own `transaction()` waits forever.
 *
 * @example
 * const store = createMemoryStore();
 * await store.transaction(async (tx) => {
 *   await tx.violations.insert([v]);
 *   await tx.audit.append([{ type: 'violation.opened', subjectKind: 'violation', subjectId: v.id, actor: 'test', at, data: {} }]);
 * });
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  readonly #db: MemoryDatabase;
  #closed = false;

  constructor(db: MemoryDatabase = new MemoryDatabase()) {
    this.#db = db;
    Object.assign(this, memoryPorts({ read: () => db.tables, write: (fn) => this.#exclusive(() => fn(db.tables)) }));
  }

  async migrate(): Promise<void> {}

  transaction<T>(fn: (tx: StorePorts) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      const draft = copyTables(this.#db.tables);
      const result = await fn(memoryPorts({ read: () => draft, write: async (write) => write(draft) }));
      this.#db.tables = draft;
      return result;
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.#closed) return Promise.reject(storeClosed());
    return this.#db.exclusive(fn);
  }
}

// Declares the ports, assigned from memoryPorts() in the constructor: a new port needs no line in this class.
export interface MemoryStore extends StorePorts {}

/**
 * A fresh, empty in-memory store (tests only; production stores come from openStore via the composition root).
 * @example const store = createMemoryStore(); after(() => store.close());
 */
export const createMemoryStore = (): MemoryStore => new MemoryStore();
