/** Severities from most to least urgent; their order drives `--fail-on`, sorting and summaries. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank where critical = 4 … info = 0, so `rank(a) >= rank(b)` reads "a is at least as severe as b". */
export const severityRank = (s: Severity): number => SEVERITIES.length - 1 - SEVERITIES.indexOf(s);

export const isSeverity = (v: unknown): v is Severity => typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);

/** @example atLeast('high', 'medium') === true */
export const atLeast = (s: Severity, threshold: Severity): boolean => severityRank(s) >= severityRank(threshold);
