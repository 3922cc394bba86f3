import type { Resource } from '../../../inventory/resource.js';
import { arr, obj, str } from '../../../inventory/resource-types/backup/backup-arns.js';
import type { ResourceLookup } from '../named-filter.js';

/** One backup selection compiled to a matcher, with the tag pairs it selects by equality. */
export interface CompiledSelection {
  selectionArn: string;
  selectionName: string;
  planId: string;
  accountId: string;
  region: string;
  /** Tag key → value pairs the selection selects by equality (ListOfTags, Conditions.StringEquals). */
  tagEquals: Array<[string, string]>;
  /**
   * The only ARNs the selection can match, when it selects by literal `Resources` alone (no wildcard,
   * no ListOfTags); undefined when it may match other resources.
   */
  onlyArns?: readonly string[];
  matches(resource: Resource): boolean;
}

const TAG_PREFIX = 'aws:ResourceTag/';

/** ListOfTags and Conditions accept both `backup` and `aws:ResourceTag/backup` as the key. */
const tagKey = (k: unknown): string | undefined => {
  const s = str(k);
  return s?.startsWith(TAG_PREFIX) ? s.slice(TAG_PREFIX.length) : s;
};

/** AWS Backup's `*` wildcard (ARNs and StringLike values) as an anchored regular expression. */
export const wildcardRegex = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

interface KeyValue {
  key: string;
  value: string;
}

const keyValues = (list: unknown): KeyValue[] => {
  const out: KeyValue[] = [];
  for (const c of arr(list)) {
    const o = obj(c);
    const key = tagKey(o?.ConditionKey);
    const value = o?.ConditionValue;
    if (key !== undefined && typeof value === 'string') out.push({ key, value });
  }
  return out;
};

/**
 * Compiles a GetBackupSelection record. AWS semantics: a resource is selected when it matches
 * `Resources` (ARNs, `*` wildcards) AND every `Conditions` entry, OR any `ListOfTags` entry; and it
 * is never selected when it matches `NotResources`. Selections only reach resources of their own
 * account and Region, because plans are regional.
 *
 * @example
 * compileSelection(selectionResource).matches(table); // true when the table's `backup` tag is selected
 */
export const compileSelection = (sel: Resource): CompiledSelection => {
  const bs = obj(sel.config.BackupSelection) ?? {};
  const resourcePatterns = arr(bs.Resources).filter((x): x is string => typeof x === 'string');
  const resources = resourcePatterns.map(wildcardRegex);
  const notResources = arr(bs.NotResources).filter((x): x is string => typeof x === 'string').map(wildcardRegex);
  const listOfTags = keyValues(bs.ListOfTags);
  const cond = obj(bs.Conditions) ?? {};
  const eq = keyValues(cond.StringEquals);
  const ne = keyValues(cond.StringNotEquals);
  const like = keyValues(cond.StringLike).map((c) => ({ key: c.key, re: wildcardRegex(c.value) }));
  const notLike = keyValues(cond.StringNotLike).map((c) => ({ key: c.key, re: wildcardRegex(c.value) }));

  const conditionsHold = (tags: Record<string, string>): boolean =>
    eq.every((c) => tags[c.key] === c.value) &&
    ne.every((c) => tags[c.key] !== c.value) &&
    like.every((c) => tags[c.key] !== undefined && c.re.test(tags[c.key] as string)) &&
    notLike.every((c) => tags[c.key] === undefined || !c.re.test(tags[c.key] as string));

  return {
    selectionArn: sel.arn,
    selectionName: sel.name,
    planId: str(sel.config.BackupPlanId) ?? '',
    accountId: sel.accountId,
    region: sel.region,
    tagEquals: [...listOfTags, ...eq].map((c) => [c.key, c.value] as [string, string]),
    // A pattern without `*` is an anchored literal: it matches exactly that ARN.
    onlyArns: listOfTags.length === 0 && resourcePatterns.every((p) => !p.includes('*')) ? resourcePatterns : undefined,
    matches: (r) => {
      if (r.accountId !== sel.accountId || r.region !== sel.region) return false;
      if (notResources.some((re) => re.test(r.arn))) return false;
      if (listOfTags.some((c) => r.tags[c.key] === c.value)) return true;
      return resources.length > 0 && resources.some((re) => re.test(r.arn)) && conditionsHold(r.tags);
    },
  };
};

/** Every selection of the scan compiled once and grouped by `account/region`. */
export const selectionsByScope = (lookup: ResourceLookup): Map<string, CompiledSelection[]> =>
  lookup.memo('backup:selections-by-scope', () => {
    const m = new Map<string, CompiledSelection[]>();
    for (const s of lookup.byType('aws.backup.selection')) {
      const c = compileSelection(s);
      const k = `${s.accountId}/${s.region}`;
      const list = m.get(k);
      if (list) list.push(c);
      else m.set(k, [c]);
    }
    return m;
  });

/** The selections of one account and Region, indexed so a resource is tested only against those that may pick it. */
interface ScopeIndex {
  /** Selections that may match any resource, with their position in the scope's list. */
  general: Array<[number, CompiledSelection]>;
  /** Selections that list literal ARNs only, by ARN (with their position in the scope's list). */
  byArn: Map<string, Array<[number, CompiledSelection]>>;
  /** Selections by the `key\u0000value` tag pairs they select by equality, in list order. */
  byTag: Map<string, CompiledSelection[]>;
}

const scopeIndexes = (lookup: ResourceLookup): Map<string, ScopeIndex> =>
  lookup.memo('backup:selection-scope-indexes', () => {
    const m = new Map<string, ScopeIndex>();
    for (const [k, list] of selectionsByScope(lookup)) {
      const idx: ScopeIndex = { general: [], byArn: new Map(), byTag: new Map() };
      list.forEach((s, i) => {
        if (s.onlyArns === undefined) idx.general.push([i, s]);
        else
          for (const arn of new Set(s.onlyArns)) {
            const at = idx.byArn.get(arn);
            if (at) at.push([i, s]);
            else idx.byArn.set(arn, [[i, s]]);
          }
        for (const pair of new Set(s.tagEquals.map(([tk, tv]) => `${tk}\u0000${tv}`))) {
          const at = idx.byTag.get(pair);
          if (at) at.push(s);
          else idx.byTag.set(pair, [s]);
        }
      });
      m.set(k, idx);
    }
    return m;
  });

/**
 * The selections of `account/region` that select `tagKey=value` by equality (ListOfTags or
 * Conditions.StringEquals), in the order of the scope's list; they still have to `matches()` a resource.
 */
export const selectionsByTag = (lookup: ResourceLookup, scope: string, tagKey: string, value: string): readonly CompiledSelection[] =>
  scopeIndexes(lookup).get(scope)?.byTag.get(`${tagKey}\u0000${value}`) ?? [];

/** The selections that pick a resource (empty when it is in no backup plan). */
export const coveringSelections = (r: Resource, lookup: ResourceLookup): CompiledSelection[] => {
  // Four backup policies ask this of every database resource: answer each resource once per scan.
  const cache = lookup.memo('backup:covering-selections', () => new WeakMap<Resource, CompiledSelection[]>());
  let found = cache.get(r);
  if (!found) {
    found = [];
    const idx = scopeIndexes(lookup).get(`${r.accountId}/${r.region}`);
    if (idx) {
      // A scope holds a hundred or more selections, most listing a few table ARNs: test only those
      // naming this ARN and the general ones, merged back into list order.
      const named = idx.byArn.get(r.arn) ?? [];
      let g = 0;
      let n = 0;
      while (g < idx.general.length || n < named.length) {
        const next = n >= named.length || (g < idx.general.length && (idx.general[g] as [number, CompiledSelection])[0] < (named[n] as [number, CompiledSelection])[0]) ? idx.general[g++] : named[n++];
        const s = (next as [number, CompiledSelection])[1];
        if (s.matches(r)) found.push(s);
      }
    }
    cache.set(r, found);
  }
  return found;
};

/** Backup plans keyed by `account/region/BackupPlanId`, so a selection finds its plan. */
export const plansById = (lookup: ResourceLookup): Map<string, Resource> =>
  lookup.memo('backup:plans-by-id', () => {
    const m = new Map<string, Resource>();
    for (const p of lookup.byType('aws.backup.plan')) m.set(`${p.accountId}/${p.region}/${str(p.config.BackupPlanId) ?? p.id}`, p);
    return m;
  });

/** Recovery points grouped by the ARN of the resource they protect. */
export const recoveryPointsByResource = (lookup: ResourceLookup): Map<string, Resource[]> =>
  lookup.memo('backup:recovery-points-by-resource', () => {
    const m = new Map<string, Resource[]>();
    for (const rp of lookup.byType('aws.backup.recovery-point')) {
      const src = str(rp.config.ResourceArn);
      if (!src) continue;
      const list = m.get(src);
      if (list) list.push(rp);
      else m.set(src, [rp]);
    }
    return m;
  });

/** Epoch ms of an ISO timestamp field, or undefined when missing or unparsable. */
export const timeOf = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const fast = v.length === 24 ? utcMillis(v) : Number.NaN;
  const t = Number.isNaN(fast) ? Date.parse(v) : fast;
  return Number.isNaN(t) ? undefined : t;
};

/** One decimal digit at i, or NaN. */
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};

/**
 * `Date.parse` of `YYYY-MM-DDTHH:MM:SS.sssZ` (what AWS APIs and the demo write) without the general
 * date parser, which recovery-point and legal-hold checks call a few hundred thousand times per scan;
 * NaN for anything else, including days past the 28th and years before 1970, which go to `Date.parse`.
 */
const utcMillis = (s: string): number => {
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== '.' || s[23] !== 'Z') return Number.NaN;
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const month = digit(s, 5) * 10 + digit(s, 6);
  const day = digit(s, 8) * 10 + digit(s, 9);
  const hour = digit(s, 11) * 10 + digit(s, 12);
  const minute = digit(s, 14) * 10 + digit(s, 15);
  const second = digit(s, 17) * 10 + digit(s, 18);
  const ms = digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22);
  // NaN fails every comparison, so a non-digit anywhere falls through to NaN as well.
  if (!(year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
};
