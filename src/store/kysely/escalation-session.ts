import type { Kysely } from 'kysely';
import type { VigilDatabase } from '../database-schema.js';
import type { EscalationTables } from '../escalation-schema.js';
import type { StoreDialect } from '../store-dialect.js';

export type EscalationDb = Kysely<VigilDatabase & EscalationTables>;

/**
 * What the escalation ports need of a Kysely session: the handle (the pool's, or one transaction's
 * connection), the dialect, and how to make a multi-statement write atomic (a transaction on the pool,
 * nothing extra inside one). The store's own session has this shape.
 */
export interface EscalationSession {
  readonly db: Kysely<any>;
  readonly dialect: StoreDialect;
  write<T>(fn: (db: Kysely<any>) => Promise<T>): Promise<T>;
}

export const escalationDb = (db: Kysely<any>): EscalationDb => db as EscalationDb;
