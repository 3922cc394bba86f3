/**
 * The longest gap, in hours, between two runs of an AWS Backup schedule expression
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)`; undefined when it cannot be read.
 * Longest gap, not average: "every day except Sunday" leaves a 48-hour hole, and that hole is what
 * a frequency control is about.
 *
 * @example
 * cronMaxIntervalHours('cron(0 5 ? * * *)');     // 24
 * cronMaxIntervalHours('cron(0 0,6,12,18 ? * * *)'); // 6
 * cronMaxIntervalHours('cron(0 5 ? * MON-FRI *)'); // 72
 */
export const cronMaxIntervalHours = (expr: unknown): number | undefined => {
  if (typeof expr !== 'string') return undefined;
  const m = /^cron\((.+)\)$/.exec(expr.trim());
  if (!m) return undefined;
  const f = (m[1] ?? '').trim().split(/\s+/);
  if (f.length !== 6) return undefined;
  const [, hours = '', dom = '', month = '', dow = ''] = f;
  const any = (x: string): boolean => x === '*' || x === '?';
  const hourGap = gapInCycle(hours, 24, 0);
  if (hourGap === undefined) return undefined;
  if (!any(month)) {
    const g = gapInCycle(month, 12, 1);
    return g === undefined ? undefined : g * 31 * 24;
  }
  if (!any(dom)) {
    if (dom === 'L') return 31 * 24;
    const g = gapInCycle(dom, 31, 1);
    return g === undefined ? undefined : g * 24;
  }
  if (!any(dow)) {
    const g = gapInCycle(dow.toUpperCase().replace(/SUN|MON|TUE|WED|THU|FRI|SAT/g, (d) => String(DAYS.indexOf(d) + 1)), 7, 1);
    return g === undefined ? undefined : g === 1 ? hourGap : g * 24;
  }
  return hourGap;
};

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Largest cyclic gap between the values a cron field selects, in the field's own unit. */
const gapInCycle = (field: string, size: number, base: number): number | undefined => {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const step = /^(\*|\d+(?:-\d+)?)\/(\d+)$/.exec(part);
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (part === '*' || part === '?') for (let v = base; v < base + size; v++) values.add(v);
    else if (step) {
      const bounds = step[1] === '*' ? [] : (step[1] ?? '').split('-').map(Number);
      const lo = bounds[0] ?? base;
      const hi = bounds[1] ?? base + size - 1;
      const by = Number(step[2]);
      if (!(by > 0)) return undefined;
      for (let v = lo; v <= hi; v += by) values.add(v);
    } else if (range) for (let v = Number(range[1]); v <= Number(range[2]); v++) values.add(v);
    else if (/^\d+$/.test(part)) values.add(Number(part));
    else return undefined;
  }
  const sorted = [...values].filter((v) => v >= base && v < base + size).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  let gap = (sorted[0] as number) + size - (sorted[sorted.length - 1] as number);
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, (sorted[i] as number) - (sorted[i - 1] as number));
  return gap;
};
