import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VigilError } from '../common/vigil-error.js';
import type { EvaluatedBatch, EvaluatedStream, TallyRow } from './evaluated-batch.js';
import type { ScanWorkerInput, ScanWorkerMessage } from './scan-worker.js';

/** Batches the worker may run ahead of the writer: enough to keep both threads busy, few enough to bound memory. */
const CREDITS = 3;

/**
 * Runs collection and evaluation on a worker thread while the caller writes to the store: on two
 * cores the two halves of a scan overlap instead of adding up.
 *
 * @example
 * const stream = workerEvaluateStream({ config, source: 'demo', request: {}, now });
 * for await (const b of stream.batches) await write(b);
 */
export const workerEvaluateStream = (input: Omit<ScanWorkerInput, 'credits'>): EvaluatedStream => {
  let tally: TallyRow[] | undefined;
  async function* batches(): AsyncIterable<EvaluatedBatch> {
    // Under tsx (tests, development) this module is .ts and so is the worker; compiled, both are .js.
    const ext = extname(fileURLToPath(import.meta.url));
    const entry = new URL(`./scan-worker${ext}`, import.meta.url);
    const workerData = { ...input, credits: CREDITS };
    // A bounded heap makes V8 collect early instead of growing towards its default limit: the
    // worker's live data is one batch plus the preloaded lookup, far below this.
    const resourceLimits = { maxOldGenerationSizeMb: 768 };
    // Node 20 does not pass tsx's loader to worker threads, so the TypeScript worker registers it itself.
    const worker =
      ext === '.ts'
        ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, workerData, resourceLimits })
        : new Worker(entry, { workerData, resourceLimits });
    const queue: ScanWorkerMessage[] = [];
    let notify: (() => void) | undefined;
    let exited: Error | undefined;
    worker.on('message', (m: ScanWorkerMessage) => {
      queue.push(m);
      notify?.();
    });
    worker.on('error', (e) => {
      exited = e;
      notify?.();
    });
    worker.on('exit', (code) => {
      if (code !== 0) exited ??= new Error(`scan worker exited with code ${code}`);
      notify?.();
    });
    try {
      for (;;) {
        while (queue.length === 0) {
          if (exited) throw exited;
          await new Promise<void>((r) => (notify = r));
        }
        const m = queue.shift() as ScanWorkerMessage;
        if (m.kind === 'error') throw new VigilError(m.code, m.message, { status: m.status });
        if (m.kind === 'done') {
          tally = m.tally as TallyRow[];
          return;
        }
        yield m.batch as EvaluatedBatch;
        worker.postMessage({ kind: 'ack' });
      }
    } finally {
      await worker.terminate();
    }
  }
  return {
    batches: batches(),
    tally: () => {
      if (!tally) throw new VigilError('scan.incomplete', 'the scan worker did not finish');
      return tally;
    },
  };
};
