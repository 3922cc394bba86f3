import type { PolicyException } from './policy-exception.js';

/** What the organisation's maximum exception length makes of one exception. */
export type MaximumVerdict =
  | { kind: 'within'; exception: PolicyException }
  /** Already in force before (the maximum was lowered since): honoured, but only until `start + maximum`. */
  | { kind: 'capped'; exception: PolicyException; requestedExpiresAt: string; start: string }
  /** New and too long: not honoured at all; `reason` says what to change. */
  | { kind: 'refused'; reason: string };

const days = (ms: number): string => `${Math.round((ms / 86_400_000) * 10) / 10} days`;

/**
 * Holds an exception to the maximum duration (`escalation.maxExceptionDuration`), counted from its
 * `approved-at`, else from when Vigil first loaded it (`firstLoadedAt`), else from `now`. A new
 * exception that is too long is refused (as `vigil validate` refuses its file); one Vigil already
 * honoured keeps covering its violations, but never past the maximum — a config change must not
 * silently end, nor silently extend, a decision already acted on.
 *
 * @example
 * judgeMaximum(ex, { now, maxMs: 90 * DAY_MS, firstLoadedAt: null });
 * // { kind: 'refused', reason: 'lasts 365 days from approval, longer than the maximum of 90 days (escalation.maxExceptionDuration)' }
 */
export const judgeMaximum = (ex: PolicyException, o: { now: string; maxMs: number; firstLoadedAt: string | null }): MaximumVerdict => {
  const start = ex.approvedAt ?? o.firstLoadedAt ?? o.now;
  const length = Date.parse(ex.expiresAt) - Date.parse(start);
  if (!(length > o.maxMs)) return { kind: 'within', exception: ex };
  const from = ex.approvedAt ? 'approval' : o.firstLoadedAt ? 'when it was first loaded' : 'today';
  const reason = `lasts ${days(length)} from ${from}, longer than the maximum of ${days(o.maxMs)} (escalation.maxExceptionDuration)`;
  if (o.firstLoadedAt === null) return { kind: 'refused', reason };
  const capped = new Date(Date.parse(start) + o.maxMs).toISOString();
  return { kind: 'capped', exception: { ...ex, expiresAt: capped }, requestedExpiresAt: ex.expiresAt, start };
};
