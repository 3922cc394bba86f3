import { hash } from 'node:crypto';

/** Hex SHA-256 of the parts joined by a NUL (which cannot occur in ids or ARNs), so ('a','bc') ≠ ('ab','c'). */
// One-shot crypto.hash (Node ≥ 20.12): a third faster than createHash for the short inputs the audit
// chain hashes (verify streams millions); the same digest.
export const sha256 = (...parts: string[]): string => hash('sha256', parts.join('\u0000'), 'hex');

/**
 * JSON with object keys sorted, so equal values always hash equal whatever their key order.
 * @example canonicalJson({ b: 1, a: [2] }) === '{"a":[2],"b":1}'
 */
export const canonicalJson = (v: unknown): string => JSON.stringify(sortKeys(v));

const sortKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
};

/**
 * A short digest of a string for change detection, not integrity (96 bits of SHA-1, base64url): a
 * scan digests a million resources on its producer thread, and one-shot SHA-1 measured fastest there
 * (0.6 µs for 300 characters; createHash 1.2 µs, MD5 0.9 µs, a JavaScript loop 1.9 µs).
 * @example changeDigest('abc') !== changeDigest('abd')
 */
export const changeDigest = (s: string): string => hash('sha1', s, 'base64url').slice(0, 16);
