import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { UsageError } from '../common/vigil-error.js';

/** What a checkpoint signs: the chain's head at one seq, when, and by which key. */
export interface CheckpointClaim {
  seq: number;
  headHash: string;
  at: string;
  keyId: string;
}

/**
 * The exact bytes an Ed25519 checkpoint signature covers. A contract shared with
 * scripts/verify-audit-export.mjs and docs/audit.md: changing it breaks every stored signature.
 * @example checkpointPayload({ seq: 7, headHash: 'ab…', at: '2026-01-01T00:00:00.000Z', keyId: '0f1e…' })
 * // 'vigil-audit-checkpoint/1\n7\nab…\n2026-01-01T00:00:00.000Z\n0f1e…'
 */
export const checkpointPayload = (c: CheckpointClaim): string => ['vigil-audit-checkpoint/1', String(c.seq), c.headHash, c.at, c.keyId].join('\n');

/** First 16 hex digits of SHA-256 over the public key's SPKI DER: names the key in checkpoints and reports. */
export const keyIdOf = (publicKey: KeyObject): string => createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

/** The full SHA-256 fingerprint of a public key (SPKI DER), as printed on report covers. */
export const keyFingerprint = (publicKey: KeyObject): string =>
  createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').replace(/(..)(?!$)/g, '$1:');

/** A loaded Ed25519 key pair (the private half only in the process that signs). */
export interface SigningKey {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  sign(c: Omit<CheckpointClaim, 'keyId'>): { keyId: string; signature: string };
}

/**
 * Reads a PKCS#8 PEM Ed25519 private key (as `vigil audit keygen` writes it).
 * @throws UsageError audit.key-invalid naming the source when it is not an Ed25519 private key.
 */
export const signingKeyFromPem = (pem: string, source: string): SigningKey => {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new UsageError(`${source}: not a PEM private key (${(e as Error).message})`, { field: 'audit.signingKeyFile' });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new UsageError(`${source}: an Ed25519 key is needed, found ${privateKey.asymmetricKeyType}`, { field: 'audit.signingKeyFile' });
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    sign: (c) => ({ keyId, signature: sign(null, Buffer.from(checkpointPayload({ ...c, keyId })), privateKey).toString('base64') }),
  };
};

/**
 * Reads a public key (SPKI PEM, or a private key PEM whose public half is taken).
 * @throws UsageError when it is neither.
 */
export const publicKeyFromPem = (pem: string, source: string): KeyObject => {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an Ed25519 key is needed, found ${key.asymmetricKeyType}`);
    return key;
  } catch (e) {
    throw new UsageError(`${source}: not an Ed25519 public key (${(e as Error).message})`);
  }
};

/** True when `signature` is `publicKey`'s Ed25519 signature over the claim (and the claim names that key). */
export const checkpointSignatureValid = (c: CheckpointClaim & { signature: string }, publicKey: KeyObject): boolean =>
  c.keyId === keyIdOf(publicKey) && verify(null, Buffer.from(checkpointPayload(c)), publicKey, Buffer.from(c.signature, 'base64'));
