import { Worker } from 'node:worker_threads';
import { VigilError } from '../common/vigil-error.js';
import { mergeBatches, type EvaluatedBatch, type EvaluatedStream, type TallyRow } from './evaluated-batch.js';
import type { CollectRequest } from '../inventory/collect-request.js';
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
    /**
     * One producer thread per request (see splitByType), each collecting and judging its share;
     * absent: one producer for `request`.
     */
    shares?: readonly CollectRequest[];
  },
): EvaluatedStream => {
  let tally: TallyRow[] | undefined;
  let producer = -1;
  async function* batches(): AsyncIterable<EvaluatedBatch> {
    const { entry, shares, ...data } = input;
    const requests = shares?.length ? shares : [data.request];
    // The workers may run ahead of the writer by one transaction's worth of batches (together):
    // enough to keep every thread busy, few enough to bound memory.
    const { batchSize, transactionSize } = input.config.scan;
    const credits = Math.max(4, Math.ceil(transactionSize / batchSize / requests.length));
    // A bounded old generation makes V8 collect early instead of growing towards its default limit
    // (the worker keeps the preloaded lookup, ~350 MiB at 1M resources, and one batch in flight).
    // A large young generation lets each batch die young: with V8's default 16 MiB semi-spaces the
    // batch in flight was copied by ~500 scavenges, half the producer's CPU at 1M resources
    // (producer alone 18.6 → 16.2 s).
    const resourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 128 };
    const queue: { from: Worker; m: ScanWorkerMessage }[] = [];
    let notify: (() => void) | undefined;
    let exited: Error | undefined;
    const start = (request: CollectRequest): Worker => {
      const workerData: ScanWorkerInput = { ...data, request, credits };
      // Node 20 does not pass tsx's loader to worker threads, so the TypeScript worker registers it itself.
      const worker =
        entry.pathname.endsWith('.ts')
          ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, workerData, resourceLimits })
          : new Worker(entry, { workerData, resourceLimits });
      worker.on('message', (m: ScanWorkerMessage) => {
        queue.push({ from: worker, m });
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
      return worker;
    };
    const workers = requests.map(start);
    producer = workers[0]!.threadId;
    const tallies: TallyRow[][] = [];
    try {
      while (tallies.length < workers.length) {
        while (queue.length === 0) {
          if (exited) throw exited;
          await new Promise<void>((r) => (notify = r));
        }
        const { from, m } = queue.shift()!;
        if (m.kind === 'error') throw new VigilError(m.code, m.message, { status: m.status });
        if (m.kind === 'done') {
          tallies.push(m.tally as TallyRow[]);
          continue;
        }
        // Writes finish in microtasks, so the workers' messages that arrived meanwhile are only
        // dispatched when the event loop turns: let it turn once, then take every batch queued.
        await new Promise<void>((r) => setImmediate(r));
        const ready = [m.batch as EvaluatedBatch];
        const senders = [from];
        let size = ready[0]!.resources.length;
        for (let i = 0; i < queue.length; ) {
          const next = queue[i]!;
          if (next.m.kind !== 'batch') {
            i++;
            continue;
          }
          const b = next.m.batch as EvaluatedBatch;
          if (size + b.resources.length > transactionSize) break;
          queue.splice(i, 1);
          ready.push(b);
          senders.push(next.from);
          size += b.resources.length;
        }
        yield mergeBatches(ready);
        for (const w of senders) w.postMessage({ kind: 'ack' });
      }
      tally = mergeTallies(tallies);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
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

/** Several producers' tallies as one: a policy judging types that two producers collected is counted by both. */
const mergeTallies = (tallies: readonly TallyRow[][]): TallyRow[] => {
  if (tallies.length === 1) return tallies[0]!;
  const rows = new Map<string, TallyRow>();
  for (const t of tallies) {
    for (const r of t) {
      const key = `${r.policyId}\u0000${r.accountId}\u0000${r.region}`;
      const row = rows.get(key);
      if (row) {
        row.evaluated += r.evaluated;
        row.failed += r.failed;
      } else rows.set(key, { ...r });
    }
  }
  return [...rows.values()];
};
