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
