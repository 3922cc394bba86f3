import { Type } from '@sinclair/typebox';

/** The resource part of an ARN: `arn:aws:s3:::logs` → `logs`; `arn:aws:iam::1:user/alice` → `user/alice`. */
export const arnResource = (arn: string): string => arn.split(':').slice(5).join(':');

/** The last path segment of an ARN's resource: `…:user/path/alice` → `alice`, `…:key/1234` → `1234`. */
export const arnName = (arn: string): string => {
  const r = arnResource(arn);
  return r.slice(Math.max(r.lastIndexOf('/'), r.lastIndexOf(':')) + 1);
};

/** An action without parameters. */
export const NoParams = Type.Object({}, { additionalProperties: false });

/** Whether an SDK error is the service's "there is none" answer for an optional setting. */
export const isNotFound = (err: unknown, ...names: string[]): boolean => {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | null;
  return !!e && (names.includes(e.name ?? '') || names.includes(e.Code ?? ''));
};

/** A policy document as JSON, whatever the service returned (a string, possibly URL-encoded for IAM). */
export const parsePolicy = (doc: string | undefined | null): { Version?: string; Statement: Record<string, unknown>[] } | null => {
  if (!doc) return null;
  const text = doc.trim().startsWith('%') || doc.includes('%7B') ? decodeURIComponent(doc) : doc;
  const parsed = JSON.parse(text) as { Version?: string; Statement?: unknown };
  const st = parsed.Statement;
  return { ...parsed, Statement: Array.isArray(st) ? (st as Record<string, unknown>[]) : st ? [st as Record<string, unknown>] : [] };
};

/** Adds (or replaces, by Sid) one statement, keeping every other statement of the document. */
export const mergeStatement = (doc: string | null, statement: Record<string, unknown>): string => {
  const policy = parsePolicy(doc) ?? { Version: '2012-10-17', Statement: [] };
  const others = policy.Statement.filter((s) => s['Sid'] !== statement['Sid']);
  return JSON.stringify({ ...policy, Version: policy.Version ?? '2012-10-17', Statement: [...others, statement] });
};

/**
 * Reads an optional setting: the service's "there is none" error (by name) reads as null.
 *
 * @example
 * const config = await orNull(() => s3.send(new GetPublicAccessBlockCommand({ Bucket })), 'NoSuchPublicAccessBlockConfiguration');
 */
export const orNull = async <T>(read: () => Promise<T>, ...notFound: string[]): Promise<T | null> => {
  try {
    return await read();
  } catch (err) {
    if (isNotFound(err, ...notFound)) return null;
    throw err;
  }
};

/** The `…/<id>/…` segment after `kind/` in an ARN's resource: `(…:instance/i-1/report, 'instance')` → `i-1`. */
export const arnSegment = (arn: string, kind: string): string => {
  const parts = arnResource(arn).split(/[/:]/);
  const i = parts.indexOf(kind);
  return i >= 0 ? (parts[i + 1] ?? '') : '';
};
