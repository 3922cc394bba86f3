import { canonicalJson, sha256 } from '../common/stable-hash.js';
import type { AuditEventInput } from './audit-event.js';

/**
 * The hash that links an event to its predecessor; any change to a stored event breaks the chain after it.
 * `dataJson` is the canonical JSON of `e.data` when the caller already has it (the store writes that same text).
 */
export const auditHash = (prevHash: string, seq: number, e: AuditEventInput, dataJson = canonicalJson(e.data)): string =>
  sha256(prevHash, String(seq), e.at, e.type, e.subjectKind, e.subjectId, e.actor, dataJson);
