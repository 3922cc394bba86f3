import type { Page } from './page.js';

/**
 * A signed statement that the audit chain's head at `seq` was `headHash`: Ed25519 over
 * `checkpointPayload(...)` (src/audit/checkpoint-signature.ts) by the key `keyId` names.
 */
export interface AuditCheckpoint {
  seq: number;
  headHash: string;
  at: string;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER): which key signed. */
  keyId: string;
  /** Base64 Ed25519 signature. */
  signature: string;
}

/**
 * The audit chain's signed checkpoints, append-only like the chain itself.
 *
 * @example
 * await store.checkpoints.add(cp);
 * (await store.checkpoints.latest())?.seq; // cp.seq
 */
export interface AuditCheckpointStore {
  /** Adds a checkpoint; one per seq (a second at the same seq is a store.conflict). */
  add(cp: AuditCheckpoint): Promise<void>;
  /** Checkpoints in seq order, after `afterSeq` when given. */
  list(q?: Page & { afterSeq?: number; uptoSeq?: number }): Promise<AuditCheckpoint[]>;
  latest(): Promise<AuditCheckpoint | undefined>;
}
