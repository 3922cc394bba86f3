import Database from 'better-sqlite3';

/**
 * Counts the rows SQLite actually inserts and updates in some tables of a database file, with
 * triggers written into that file: what a test asserts is the database's own count, not what the
 * code under test says it passed along. Install after migrating, before the writes to count.
 *
 * @example
 * const writes = installRowWriteCounter(file, ['resources']);
 * await scan();
 * writes.read(); // { resources: 1 }
 */
export const installRowWriteCounter = (file: string, tables: string[]): { read(): Record<string, number>; reset(): void } => {
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE IF NOT EXISTS test_row_writes (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    for (const t of tables) {
      if (!/^[a-z_]+$/.test(t)) throw new Error(`not a table name: ${t}`);
      db.prepare('INSERT OR IGNORE INTO test_row_writes (tbl, n) VALUES (?, 0)').run(t);
      for (const op of ['INSERT', 'UPDATE']) {
        db.exec(`CREATE TRIGGER IF NOT EXISTS test_count_${t}_${op.toLowerCase()} AFTER ${op} ON ${t}
                 BEGIN UPDATE test_row_writes SET n = n + 1 WHERE tbl = '${t}'; END`);
      }
    }
  } finally {
    db.close();
  }
  const query = (sql: string) => {
    const conn = new Database(file, { readonly: sql.startsWith('SELECT') });
    try {
      return sql.startsWith('SELECT') ? (conn.prepare(sql).all() as { tbl: string; n: number }[]) : (conn.exec(sql), []);
    } finally {
      conn.close();
    }
  };
  return {
    read: () => Object.fromEntries(query('SELECT tbl, n FROM test_row_writes').map((r) => [r.tbl, r.n])),
    reset: () => void query('UPDATE test_row_writes SET n = 0'),
  };
};
