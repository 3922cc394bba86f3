import { resolve } from 'node:path';
import { VigilError } from '../common/vigil-error.js';

/**
 * Why a store could not be opened, said as a person can act on it: the SQLite path (absolute) or
 * the PostgreSQL host, port, database and user — never the password — and the reason in plain words
 * (or the server's own message). Exit code 2 on the CLI: it is the configuration that is wrong.
 *
 * @example
 * storeOpenError(err, 'postgres://vigil:pw@db:5432/vigil').message;
 * // 'cannot open the PostgreSQL store at db:5432/vigil as vigil: connection refused (is the server running?)'
 */
export const storeOpenError = (err: unknown, url: string, cwd = process.cwd()): VigilError => {
  const e = err as NodeJS.ErrnoException & { code?: string };
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const where = postgresTarget(url);
    return new VigilError('store.unavailable', `cannot open the PostgreSQL store at ${where}: ${postgresReason(e)}`, { status: 400, cause: err });
  }
  const file = resolve(cwd, url.replace(/^sqlite:(\/\/)?/i, ''));
  return new VigilError('store.unavailable', `cannot open the SQLite store at ${file}: ${sqliteReason(e)}`, { status: 400, cause: err });
};

const postgresTarget = (url: string): string => {
  try {
    const u = new URL(url);
    const db = u.pathname.replace(/^\//, '') || '(default database)';
    const schema = u.searchParams.get('schema');
    return `${u.hostname}:${u.port || '5432'}/${db}${schema ? ` (schema ${schema})` : ''}${u.username ? ` as ${decodeURIComponent(u.username)}` : ''}`;
  } catch {
    return '(an unparsable URL)';
  }
};

const postgresReason = (e: NodeJS.ErrnoException): string => {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running, and on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case '3D000':
      return `${e.message} (create it, or name another database in the URL)`;
    case '28P01':
    case '28000':
      return `${e.message} (check the user and its password)`;
    default:
      return e.message || String(e);
  }
};

const sqliteReason = (e: NodeJS.ErrnoException): string => {
  if (e.code === 'EISDIR') return 'it is a directory, not a database file (give a file path, e.g. ./.vigil/vigil.db)';
  if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'SQLITE_READONLY' || e.code === 'SQLITE_PERM') return 'permission denied (the file or its directory is not writable)';
  if (e.code === 'ENOTDIR') return 'a part of the path is a file, not a directory';
  if (e.code === 'SQLITE_NOTADB') return 'the file is not a SQLite database';
  if (e.code === 'SQLITE_CANTOPEN') return 'the file cannot be opened (a directory, a missing or unwritable folder)';
  return e.message || String(e);
};
