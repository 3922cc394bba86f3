import type { QuarantinedRecord } from '../inventory/resource.js';
import type { CoveredScope } from '../inventory/covered-scope.js';
import type { SerializedResource } from '../store/serialized-resource.js';
import type { Finding } from '../violations/violation.js';
import type { EvaluationError } from './evaluator.js';

/**
 * One batch of an estate, collected, owned, judged and serialized: everything the writing side
 * needs, in plain data, so it can cross a thread boundary cheaply.
 */
export interface EvaluatedBatch {
  resources: SerializedResource[];
  findings: Finding[];
  /** `policyId\u0000arn` pairs outside the policy's scope. */
  outOfScope: string[];
  /** `policyId\u0000arn` pairs that could not be judged (the policy threw). */
  undecided: string[];
  errors: EvaluationError[];
  quarantined: QuarantinedRecord[];
  covered: CoveredScope[];
  /** The provider's notices (see CollectedBatch.notices). */
  notices?: string[];
}

export interface TallyRow {
  policyId: string;
  accountId: string;
  region: string;
  evaluated: number;
  failed: number;
}

/** A stream of evaluated batches; the tally (per policy, account, region) is complete once the stream ends. */
export interface EvaluatedStream {
  batches: AsyncIterable<EvaluatedBatch>;
  tally(): TallyRow[];
  /** The `threadId` of the thread that collected and evaluated (0: the main thread), known once batches flow. */
  producerThreadId(): number;
}

/**
 * Several batches as one, in order: when the writer falls behind, it writes what has queued up in one
 * transaction (a commit rewrites every index page its batch touched; fewer, larger commits write
 * each page fewer times).
 * @example mergeBatches([a, b]).resources.length === a.resources.length + b.resources.length
 */
export const mergeBatches = (batches: readonly EvaluatedBatch[]): EvaluatedBatch => {
  if (batches.length === 1) return batches[0] as EvaluatedBatch;
  const out: EvaluatedBatch = { resources: [], findings: [], outOfScope: [], undecided: [], errors: [], quarantined: [], covered: [] };
  for (const b of batches) {
    for (const k of Object.keys(out) as (keyof EvaluatedBatch)[]) {
      const into = out[k] as unknown[];
      for (const x of b[k] as unknown[]) into.push(x);
    }
  }
  const notices = batches.flatMap((b) => b.notices ?? []);
  if (notices.length) out.notices = notices;
  return out;
};
