import { createMemoryStore } from '../store/memory/memory-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

/**
 * A migrated, private in-memory SQLite store for unit tests of other features: the real queries,
 * no files, a fresh database per call. Close it in `after()`.
 *
 * @example
 * const store = await openTestStore();
 * after(() => store.close());
 */
export const openTestStore = async (): Promise<Store> => {
  const store = openSqliteStore({ file: ':memory:' });
  await store.migrate();
  return store;
};

/**
 * The owned in-memory fake (src/store/memory/), for unit tests where the database is not the point:
 * no SQL at all, the same contract as SQLite and PostgreSQL (src/store/ports/*.test.ts).
 *
 * @example
 * const store = memoryTestStore();
 * await store.scans.start({ id: 's1', source: 'demo', startedAt: at, finishedAt: null, status: 'running', stats: {} });
 */
export const memoryTestStore = (): Store => createMemoryStore();
