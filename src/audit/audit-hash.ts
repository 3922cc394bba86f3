import { hash } from 'node:crypto';
import { canonicalJson } from '../common/stable-hash.js';
import type { AuditEventInput } from './audit-event.js';

/**
 * The exact text an audit event's hash covers: prevHash, seq, at, type, subjectKind, subjectId, actor
 * and the canonical JSON of data, joined by NUL (which occurs in none of them). A contract: the SQLite
 * store builds the same text in SQL for verify (kysely-audit-log.ts), scripts/verify-audit-export.mjs
 * in JavaScript, and the known-answer vectors in audit-chain-verifier.test.ts pin it.
 * @example auditPreimage(GENESIS_HASH, 1, e, '{}').split('\u0000').length === 8
 */
export const auditPreimage = (prevHash: string, seq: number, e: AuditEventInput, dataJson = canonicalJson(e.data)): string =>
  `${prevHash}\u0000${seq}\u0000${e.at}\u0000${e.type}\u0000${e.subjectKind}\u0000${e.subjectId}\u0000${e.actor}\u0000${dataJson}`;

/** SHA-256 (hex) of a preimage; one-shot `crypto.hash`, verify's hot path. @example preimageHash(row[2]) === row[1] */
export const preimageHash = (preimage: string): string => hash('sha256', preimage, 'hex');

/**
 * The hash that links an event to its predecessor; any change to a stored event breaks the chain after it.
 * `dataJson` is the canonical JSON of `e.data` when the caller already has it (the store writes that same text).
 */
export const auditHash = (prevHash: string, seq: number, e: AuditEventInput, dataJson = canonicalJson(e.data)): string =>
  preimageHash(auditPreimage(prevHash, seq, e, dataJson));
