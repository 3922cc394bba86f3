import { VigilError } from '../common/vigil-error.js';

const CANONICAL = /^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Every stored instant goes through here so that string comparison (in SQL and in the in-memory fake)
 * is time comparison: one format (ISO-8601 UTC with milliseconds), whatever offset or precision the caller used.
 * @throws VigilError code `store.invalid` naming the field when the value is not a timestamp.
 * @example isoTimestamp('2026-01-01T01:00:00+01:00') === '2026-01-01T00:00:00.000Z'
 */
export const isoTimestamp = (v: string, field = 'timestamp'): string => {
  // Nearly every value is already canonical (iso() made it); parsing a million of them per scan showed in profiles.
  if (typeof v === 'string' && v.length === 24 && CANONICAL.test(v)) return v;
  const d = new Date(v);
  if (typeof v !== 'string' || Number.isNaN(d.getTime())) {
    throw new VigilError('store.invalid', `${field}: not an ISO-8601 timestamp: ${JSON.stringify(v)}`, { status: 400, details: { field } });
  }
  return d.toISOString();
};

export const isoOrNull = (v: string | null | undefined, field: string): string | null => (v == null ? null : isoTimestamp(v, field));
