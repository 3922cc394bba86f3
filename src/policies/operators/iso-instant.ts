const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

const number = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = digit(s, i);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
};

/**
 * `Date.parse(s)` for the one shape clouds write timestamps in, `YYYY-MM-DDTHH:MM:SSZ` or
 * `YYYY-MM-DDTHH:MM:SS.sssZ` (what `toISOString` prints), without V8's general date parser: that
 * parser costs ~250 ns a call, most of an age or date comparison. `undefined` for any other shape
 * (the caller then asks `Date.parse`); `NaN` where `Date.parse` answers NaN (month 13, minute 60).
 * V8 rolls a day past the month's end over (`02-30` is 2 March): so does the day count here.
 *
 * @example canonicalInstant('2026-01-01T00:00:00Z') === Date.parse('2026-01-01T00:00:00Z') // true
 */
export const canonicalInstant = (s: string): number | undefined => {
  const len = s.length;
  if ((len !== 20 && len !== 24) || s.charCodeAt(len - 1) !== 90 /* Z */) return undefined;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return undefined;
  if (len === 24 && s[19] !== '.') return undefined;
  const year = number(s, 0, 4);
  const month = number(s, 5, 7);
  const day = number(s, 8, 10);
  const hour = number(s, 11, 13);
  const minute = number(s, 14, 16);
  const second = number(s, 17, 19);
  const ms = len === 24 ? number(s, 20, 23) : 0;
  // Years below 100 would mean 19xx to Date.UTC: leave them (and anything unusual) to Date.parse.
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || ms < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || minute > 59 || second > 59) return Number.NaN;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0))) return Number.NaN;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1_000 + ms;
};

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`), as `Date.UTC`
 * counts them; linear in `day`, so a day past the month's end rolls over as it does there.
 */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};
