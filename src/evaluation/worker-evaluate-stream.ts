import { Worker } from 'node:worker_threads';
import { VigilError } from '../common/vigil-error.js';
import { mergeBatches, type EvaluatedBatch, type EvaluatedStream, type TallyRow } from './evaluated-batch.js';
import type { ScanWorkerInput, ScanWorkerMessage } from './scan-worker-protocol.js';

/**
 * Runs collection and evaluation on a worker thread while the caller writes to the store: on two
 * cores the two halves of a scan overlap instead of adding up.
 *
 * @example
 * const stream = workerEvaluateStream({ entry: SCAN_WORKER_ENTRY, config, policySet, source: 'demo', request: {}, now });
 * for await (const b of stream.batches) await write(b);
 */
export const workerEvaluateStream = (
  input: Omit<ScanWorkerInput, 'credits'> & {
    /** The worker's module (the composition root names it: evaluation does not know where entry points live). */
    entry: URL;
  },
): EvaluatedStream => {
  let tally: TallyRow[] | undefined;
  let producer = -1;
  async function* batches(): AsyncIterable<EvaluatedBatch> {
    const { entry, ...data } = input;
    // The worker may run ahead of the writer by one transaction's worth of batches: enough to keep
    // both threads busy, few enough to bound memory.
    const { batchSize, transactionSize } = input.config.scan;
    const workerData: ScanWorkerInput = { ...data, credits: Math.max(4, Math.ceil(transactionSize / batchSize)) };
    // A bounded old generation makes V8 collect early instead of growing towards its default limit
    // (the worker keeps the preloaded lookup, ~350 MiB at 1M resources, and one batch in flight).
    // A large young generation lets each batch die young: with V8's default 16 MiB semi-spaces the
    // batch in flight was copied by ~500 scavenges, half the producer's CPU at 1M resources
    // (producer alone 18.6 → 16.2 s).
    const resourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 128 };
    // Node 20 does not pass tsx's loader to worker threads, so the TypeScript worker registers it itself.
    const worker =
      entry.pathname.endsWith('.ts')
        ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, workerData, resourceLimits })
        : new Worker(entry, { workerData, resourceLimits });
    producer = worker.threadId;
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
        // Writes finish in microtasks, so the worker's messages that arrived meanwhile are only
        // dispatched when the event loop turns: let it turn once, then take every batch queued.
        await new Promise<void>((r) => setImmediate(r));
        const ready = [m.batch as EvaluatedBatch];
        let size = ready[0]!.resources.length;
        for (;;) {
          const head = queue[0];
          if (head?.kind !== 'batch' || size + (head.batch as EvaluatedBatch).resources.length > transactionSize) break;
          queue.shift();
          ready.push(head.batch as EvaluatedBatch);
          size += (head.batch as EvaluatedBatch).resources.length;
        }
        yield mergeBatches(ready);
        for (let i = 0; i < ready.length; i++) worker.postMessage({ kind: 'ack' });
      }
    } finally {
      await worker.terminate();
    }
  }
  return {
    batches: batches(),
    producerThreadId: () => producer,
    tally: () => {
      if (!tally) throw new VigilError('scan.incomplete', 'the scan worker did not finish');
      return tally;
    },
  };
};
