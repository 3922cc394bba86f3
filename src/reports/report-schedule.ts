import { UsageError } from '../common/vigil-error.js';
import { parseDuration } from '../escalation/duration.js';

/** When a plan runs: every fixed interval after the previous run, or at the times a cron line names (UTC). */
export interface ReportSchedule {
  /** The first run time strictly after `after` (for `every`: `after` + the interval). */
  next(after: Date): Date;
  readonly text: string;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day-of-week', min: 0, max: 7 },
] as const;

/** One cron field (`*`, `5`, `1-5`, `*\/15`, `1,15`) as the set of values it allows. */
const cronField = (text: string, f: (typeof FIELDS)[number], where: string): Set<number> => {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new UsageError(`${where}: cron ${f.name} "${part}" is not *, a number, a range a-b or a step /n`, { field: where });
    const lo = m[1] === '*' ? f.min : Number(m[2]);
    const hi = m[1] === '*' ? f.max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? f.max : lo;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (lo < f.min || hi > f.max || lo > hi || step < 1) throw new UsageError(`${where}: cron ${f.name} "${part}" is outside ${f.min}-${f.max}`, { field: where });
    for (let v = lo; v <= hi; v += step) out.add(f.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return out;
};

/**
 * Five-field cron (minute hour day-of-month month day-of-week, UTC; `*`, numbers, ranges, lists,
 * steps; Sunday is 0 or 7). As in cron, when both day fields are restricted either one matching is enough.
 *
 * @example cronSchedule('0 6 * * 1').next(new Date('2026-12-03T10:00Z')); // 2026-12-07T06:00:00.000Z (Monday)
 */
export const cronSchedule = (line: string, where = 'cron'): ReportSchedule => {
  const parts = line.trim().split(/\s+/);
  if (parts.length !== 5) throw new UsageError(`${where}: "${line}" needs five fields (minute hour day-of-month month day-of-week)`, { field: where });
  const [min, hour, dom, mon, dow] = parts.map((p, i) => cronField(p, FIELDS[i]!, where)) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const domAny = parts[2] === '*';
  const dowAny = parts[4] === '*';
  const dayMatches = (d: Date): boolean => {
    const a = dom.has(d.getUTCDate());
    const b = dow.has(d.getUTCDay());
    if (domAny || dowAny) return (domAny || a) && (dowAny || b);
    return a || b;
  };
  return {
    text: `cron "${line}" (UTC)`,
    next(after: Date): Date {
      const t = new Date(after.getTime());
      t.setUTCSeconds(0, 0);
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      // Skips whole months, days and hours that cannot match: a few hundred steps at most per year searched.
      for (let guard = 0; guard < 100_000; guard++) {
        if (!mon.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!dayMatches(t)) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!hour.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
        } else if (!min.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
        } else return t;
      }
      throw new UsageError(`${where}: "${line}" never matches (no such date)`, { field: where });
    },
  };
};

/** A fixed interval after the previous run. @example everySchedule('1d').next(new Date('2026-12-03T06:00Z')); // 2026-12-04T06:00Z */
export const everySchedule = (every: string, where = 'every'): ReportSchedule => {
  const ms = parseDuration(every, where);
  return { text: `every ${every}`, next: (after) => new Date(after.getTime() + ms) };
};

/** The schedule a plan's config gives (`every` or `cron`), checked now so a bad line fails at start-up. */
export const scheduleOf = (plan: { name: string; every?: string | undefined; cron?: string | undefined }): ReportSchedule => {
  const where = `reports.plans.${plan.name}`;
  const s = plan.cron !== undefined ? cronSchedule(plan.cron, `${where}.cron`) : everySchedule(plan.every ?? '', `${where}.every`);
  s.next(new Date(0));
  return s;
};
