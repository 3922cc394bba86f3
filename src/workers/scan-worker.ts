/**
 * Worker-thread entry of a threaded scan: builds its graph through the composition root from the
 * (plain, frozen) config and policy set it is given, collects and judges the estate, and posts
 * evaluated batches to the writing thread — never more than `credits` ahead, so memory stays flat.
 */
import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { VigilError } from '../common/vigil-error.js';
import { createScanProducer } from '../composition-root.js';
import type { ScanWorkerInput, ScanWorkerMessage } from '../evaluation/scan-worker-protocol.js';

const port = parentPort;
if (port) {
  // The preload pass keeps every backup resource it generates, so V8's allocation-site feedback
  // learns that objects from the generators' sites survive, and in about one scan of three it then
  // allocates the whole streamed estate straight into the old generation: a major GC every two
  // seconds, the producer's CPU 13.5 → 23 s at 1M resources. Batches die young; say so.
  setFlagsFromString('--no-allocation-site-pretenuring');
  const input = workerData as ScanWorkerInput;
  let credits = input.credits;
  let wake: (() => void) | undefined;
  port.on('message', (m: { kind: string }) => {
    if (m.kind === 'ack') {
      credits++;
      wake?.();
    }
  });
  const run = async () => {
    const stream = createScanProducer(input);
    for await (const batch of stream.batches) {
      while (credits <= 0) await new Promise<void>((r) => (wake = r));
      credits--;
      port.postMessage({ kind: 'batch', batch } satisfies ScanWorkerMessage);
    }
    port.postMessage({ kind: 'done', tally: stream.tally() } satisfies ScanWorkerMessage);
  };
  run()
    .catch((e: unknown) => {
      const err = e instanceof VigilError ? e : new VigilError('scan.failed', (e as Error).stack ?? String(e));
      port.postMessage({ kind: 'error', code: err.code, status: err.status, message: err.message } satisfies ScanWorkerMessage);
    })
    .finally(() => port.close());
}
