import { UsageError } from '../common/vigil-error.js';

/** A parsed query string as fastify hands it over: repeated keys arrive as arrays. */
export type RawQuery = Record<string, string | string[] | undefined>;

/** The largest page one request may ask for: a dashboard page, not a bulk export. */
export const MAX_PAGE_SIZE = 500;

/**
 * Reads a multi-valued filter given either repeated (`?severity=high&severity=low`) or comma-separated
 * (`?severity=high,low`), so links typed by hand and links built by forms both work.
 * Every value must be one of `allowed` when it is given; a typo is a 400 naming the valid values,
 * not an empty result that looks like "no violations".
 *
 * @example
 * listParam({ severity: 'high,low' }, 'severity', SEVERITIES) // ['high', 'low']
 */
export function listParam<T extends string>(q: RawQuery, name: string, allowed?: readonly T[]): T[] | undefined {
  const raw = q[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length === 0) return undefined;
  if (allowed) {
    const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
    if (bad.length > 0) {
      throw new UsageError(`unknown ${name} ${bad.map((b) => JSON.stringify(b)).join(', ')}; expected one of: ${allowed.join(', ')}`, {
        parameter: name,
      });
    }
  }
  return values as T[];
}

/**
 * A single-valued text filter; the last one wins when repeated.
 * @example textParam({ account: '111122223333' }, 'account') // '111122223333'
 */
export function textParam(q: RawQuery, name: string): string | undefined {
  const raw = q[name];
  const v = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * The text parameters present in the query, renamed to filter fields.
 * @example textFields({ account: '1234', owner: '' }, { account: 'accountId', owner: 'owner' }) // { accountId: '1234' }
 */
export function textFields<K extends string>(q: RawQuery, names: Record<string, K>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [param, field] of Object.entries(names) as [string, K][]) {
    const v = textParam(q, param);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/** @example boolParam({ includeDeleted: 'true' }, 'includeDeleted') // true */
export function boolParam(q: RawQuery, name: string): boolean | undefined {
  const v = textParam(q, name);
  if (v === undefined) return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new UsageError(`${name} must be true or false, got ${JSON.stringify(v)}`, { parameter: name });
}

/**
 * `limit` (1…MAX_PAGE_SIZE, default `defaultLimit`) and `offset` (≥ 0, default 0).
 * @example pageParams({ limit: '20', offset: '40' }) // { limit: 20, offset: 40 }
 */
export function pageParams(q: RawQuery, defaultLimit = 50): { limit: number; offset: number } {
  return {
    limit: intParam(q, 'limit', defaultLimit, 1, MAX_PAGE_SIZE),
    offset: intParam(q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function intParam(q: RawQuery, name: string, fallback: number, min: number, max: number): number {
  const v = textParam(q, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`, { parameter: name });
  }
  return n;
}
