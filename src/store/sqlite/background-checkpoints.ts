import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the thread copies the WAL into the database (ms). */
export const CHECKPOINT_EVERY_MS = 100;

/**
 * The thread's whole program (CommonJS, so it needs no loader under tsx or from dist): its own
 * connection to the file, a PASSIVE checkpoint every `everyMs` (never waits for readers or writers,
 * copies what it can), closed when the store asks it to stop.
 */
const PROGRAM = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or gone: the next round (or the writer's own autocheckpoint) does it */ }
}, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface BackgroundCheckpoints {
  /** Ends the thread (its connection closed first); the store's own connection is not touched. */
  stop(): void;
}

/**
 * Checkpoints a WAL-mode SQLite file on a thread of its own. A write transaction that crosses
 * `wal_autocheckpoint` otherwise copies the whole WAL into the database (and fsyncs) inside its
 * commit, on the event loop: in the enforcement bench those commits took 66–110 ms, during which no
 * delivery moved (the p99 at 500 messages/s was that stall), and they were about half of all commit
 * time. Here the copying happens beside the writer: PASSIVE checkpoints take no lock a writer waits
 * for, and once a pass has copied everything the next write transaction starts the WAL over, so it
 * stays small and the writer's own autocheckpoint (kept as the safety net) has little left to do.
 *
 * @example
 * const checkpoints = checkpointInBackground('./.vigil/vigil.db', 5_000);
 * …
 * checkpoints.stop(); // before closing the store
 */
export const checkpointInBackground = (file: string, busyTimeoutMs: number, everyMs = CHECKPOINT_EVERY_MS): BackgroundCheckpoints => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(PROGRAM, { eval: true, workerData: { file, busyTimeoutMs, everyMs, driver } });
  // Never what keeps a process alive; a failure to start only means the writer checkpoints itself.
  worker.unref();
  worker.on('error', () => undefined);
  let stopped = false;
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
    },
  };
};
