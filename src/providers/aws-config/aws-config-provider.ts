import { parseResourceRecord } from '../../inventory/resource-record.js';
import type { QuarantinedRecord, Resource } from '../../inventory/resource.js';
import type { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import type { CollectedBatch, Provider } from '../provider.js';
import type { CollectRequest } from '../../inventory/collect-request.js';
import type { CoveredScope } from '../../inventory/covered-scope.js';
import type { Organization } from '../../inventory/organization.js';
import { readBottlerocketReports } from '../bottlerocket/bottlerocket-report-reader.js';
import { ConfigItemError, type ConfigItemMapper } from './config-item-mapper.js';
import { readConfigDelivery } from './config-delivery-reader.js';
import { checkConfigurationItem, DELETED_STATUSES, LIVE_STATUSES, type ConfigurationItem } from './configuration-item.js';
import { isConfigDeliveryKey, selectDeliveryFiles, type DeliveryFile } from './delivery-files.js';
import type { DeliveryObjectSource } from './delivery-object-source.js';

const MAX_RECORD_TEXT = 4_000;

const NODE_REPORT = 'aws.bottlerocket.node-report';
/** Bottlerocket CIS reports published next to the Config deliveries (docs/bottlerocket.md). */
const isNodeReport = (key: string): boolean => /(^|\/)bottlerocket-reports\//.test(key);

const itemKey = (i: ConfigurationItem): string => `${i.resourceType}|${i.accountId}|${i.awsRegion}|${i.resourceId}`;
const scopeKey = (s: CoveredScope): string => `${s.accountId}|${s.region}|${s.type}`;

/** Per scan pass: what was read, to batch and to report. */
class Pass {
  resources: Resource[] = [];
  quarantined: QuarantinedRecord[] = [];
  covered: CoveredScope[] = [];
  readonly unjudged = new Map<string, number>();
  readonly lacking = new Map<string, number>();
  notRecorded = 0;
}

/**
 * Reads AWS Config snapshots and configuration-history files (the delivery channel's JSON, gzipped or
 * not) from a directory or an S3 prefix and maps each item onto Vigil's resource types with the API's
 * field names. Items stream one at a time; only history items (the small files) are held, so the newest
 * item per resource wins. A snapshot read completely covers the (account, Region, type) scopes it lists;
 * history files never cover anything. Bad files and items are quarantined, the rest goes on. Bottlerocket
 * CIS reports under a `bottlerocket-reports/` folder of the same prefix are read as node reports.
 *
 * @example
 * const p = new AwsConfigProvider(new LocalDeliverySource('config-export'), allConfigItemMappers(), LACKING, types, 1000);
 * for await (const b of p.collect({})) b.quarantined; // [{ source: 'aws-config:x.json.gz:item 17', reason: 'configuration is not an object' }]
 */
export class AwsConfigProvider implements Provider {
  readonly name: string;
  readonly #mappers: Map<string, ConfigItemMapper>;

  constructor(
    private readonly source: DeliveryObjectSource,
    mappers: readonly ConfigItemMapper[],
    private readonly lacking: Readonly<Record<string, string>>,
    private readonly types: ResourceTypeRegistry,
    private readonly batchSize = 1_000,
  ) {
    this.name = `aws-config:${source.location}`;
    this.#mappers = new Map(mappers.map((m) => [m.configType, m]));
  }

  async organization(): Promise<Organization> {
    return { accounts: [] };
  }

  async *collect(request: CollectRequest): AsyncIterable<CollectedBatch> {
    const report = request.reportQuarantine !== false;
    const keepType = (t: string) => (!request.types || request.types.includes(t)) && !request.excludeTypes?.includes(t);
    const keepScope = (accountId: string, region: string) => (!request.accountIds || request.accountIds.includes(accountId)) && (!request.regions || request.regions.includes(region));
    const keys: string[] = [];
    const reports: string[] = [];
    for await (const k of this.source.list()) {
      if (isNodeReport(k)) reports.push(k);
      else if (isConfigDeliveryKey(k)) keys.push(k);
    }
    const { history, snapshots, superseded } = selectDeliveryFiles(keys);
    const pass = new Pass();
    // Scopes complete snapshots listed, and scopes holding an item that could not be judged; what is
    // claimed is known only at the end (a newer history item may still fail to map).
    const claimed = new Map<string, CoveredScope>();
    const unsure = new Set<string>();
    // A pass that reports nothing reads only its own types (the reporting pass sees every item, to
    // quarantine and count them once per scan).
    const wanted = (t: string) => {
      const m = this.#mappers.get(t);
      return m !== undefined && keepType(m.type);
    };
    const skip = report ? undefined : (t: string) => !wanted(t);

    // 1. History: the newest item per resource (deleted ones too: a deletion hides an older snapshot item).
    const newest = new Map<string, { item: ConfigurationItem; where: string }>();
    for (const file of history) {
      for await (const e of this.#items(file, pass, report, skip)) {
        if (pass.quarantined.length >= this.batchSize) yield this.#flush(pass);
        if (!e.item) continue;
        if (!LIVE_STATUSES.has(e.item.configurationItemStatus) && !DELETED_STATUSES.has(e.item.configurationItemStatus)) {
          pass.notRecorded++;
          continue;
        }
        const k = itemKey(e.item);
        const cur = newest.get(k);
        if (!cur || cur.item.configurationItemCaptureTime < e.item.configurationItemCaptureTime) newest.set(k, { item: e.item, where: e.where });
      }
    }

    // 2. Snapshots, streamed.
    for (const file of snapshots) {
      const seen = new Map<string, CoveredScope>();
      const unsureHere = new Set<string>();
      let blind = false;
      let isSnapshot = file.kind === 'snapshot';
      let complete = false;
      for await (const e of this.#items(file, pass, report, skip)) {
        if (pass.resources.length + pass.quarantined.length >= this.batchSize) yield this.#flush(pass);
        if (e.header === 'configSnapshotId') isSnapshot = true;
        if (e.end) complete = true;
        if (e.bad !== undefined) {
          const scope = this.#scopeOf(e.bad);
          if (scope === undefined) blind = true;
          else if (scope !== 'unrelated') unsureHere.add(scopeKey(scope));
        }
        const item = e.item;
        if (!item) continue;
        const mapper = this.#mappers.get(item.resourceType);
        const scope = mapper ? this.#scope(item, mapper) : undefined;
        if (scope) seen.set(scopeKey(scope), scope);
        const k = itemKey(item);
        const later = newest.get(k);
        if (later && later.item.configurationItemCaptureTime > item.configurationItemCaptureTime) continue;
        newest.delete(k);
        if (!LIVE_STATUSES.has(item.configurationItemStatus)) {
          // Not recorded: the resource may exist, so its scope is not claimed complete.
          if (!DELETED_STATUSES.has(item.configurationItemStatus)) {
            pass.notRecorded++;
            if (scope) unsureHere.add(scopeKey(scope));
          }
          continue;
        }
        if (!this.#emit(item, e.where, pass, report, keepType, keepScope) && scope) unsureHere.add(scopeKey(scope));
      }
      if (isSnapshot && complete && !blind) {
        for (const [k, sc] of seen) if (keepType(sc.type) && keepScope(sc.accountId, sc.region)) claimed.set(k, sc);
        for (const k of unsureHere) unsure.add(k);
      }
    }

    // 3. History items newer than any snapshot.
    for (const { item, where } of newest.values()) {
      if (pass.resources.length + pass.quarantined.length >= this.batchSize) yield this.#flush(pass);
      if (!LIVE_STATUSES.has(item.configurationItemStatus)) continue;
      const mapper = this.#mappers.get(item.resourceType);
      if (!this.#emit(item, where, pass, report, keepType, keepScope) && mapper) unsure.add(scopeKey(this.#scope(item, mapper)));
    }
    // 4. Node reports under bottlerocket-reports/, so one scan of an organisation's bucket judges both.
    if (reports.length && keepType(NODE_REPORT)) {
      const only = { location: this.source.location, list: async function* () { yield* reports; }, open: (k: string) => this.source.open(k) };
      for await (const e of readBottlerocketReports(only, this.types)) {
        if (pass.resources.length + pass.quarantined.length >= this.batchSize) yield this.#flush(pass);
        if ('resource' in e) {
          if (keepScope(e.resource.accountId, e.resource.region)) pass.resources.push(e.resource);
        } else if (report) pass.quarantined.push(e.quarantined);
      }
    }
    pass.covered = [...claimed].filter(([k]) => !unsure.has(k)).map(([, sc]) => sc);
    const notices = report ? this.#notices(pass, superseded) : [];
    const last = this.#flush(pass);
    if (last.resources.length || last.quarantined.length || last.covered?.length || notices.length) yield { ...last, ...(notices.length ? { notices } : {}) };
  }

  /** Checked items of one file with where they came from; a file that fails is quarantined, items before the failure stay. */
  async *#items(file: DeliveryFile, pass: Pass, report: boolean, skip?: (resourceType: string) => boolean): AsyncIterable<{ item?: ConfigurationItem; bad?: unknown; where: string; header?: string; end?: boolean }> {
    const label = `aws-config:${file.key}`;
    try {
      const input = await this.source.open(file.key);
      for await (const e of readConfigDelivery(input, skip)) {
        if (e.kind === 'header') {
          yield { where: label, header: e.key };
          continue;
        }
        const where = `${label}:item ${e.index}`;
        const checked = checkConfigurationItem(e.value);
        if (checked.ok) yield { item: checked.item, where };
        else {
          if (report) pass.quarantined.push({ source: where, reason: checked.reason, record: JSON.stringify(e.value)?.slice(0, MAX_RECORD_TEXT) ?? '' });
          yield { bad: e.value, where };
        }
      }
      yield { where: label, end: true };
    } catch (err) {
      if (report) pass.quarantined.push({ source: label, reason: `not a readable AWS Config delivery file: ${(err as Error).message}`, record: '' });
    }
  }

  #scope(item: ConfigurationItem, mapper: ConfigItemMapper): CoveredScope {
    const global = this.types.find(mapper.type)?.scope === 'global';
    return { accountId: item.accountId, region: global ? 'global' : item.awsRegion, type: mapper.type };
  }

  /**
   * The scope a rejected item belongs to when its type, account and Region can be read; `unrelated` for
   * an item of a type Vigil does not map (it cannot hide a judged resource); undefined when unknown.
   */
  #scopeOf(raw: unknown): CoveredScope | 'unrelated' | undefined {
    const o = raw as Partial<Record<string, unknown>> | null;
    if (!o || typeof o !== 'object' || typeof o.resourceType !== 'string') return undefined;
    const mapper = this.#mappers.get(o.resourceType);
    if (!mapper) return o.resourceType.startsWith('AWS::') ? 'unrelated' : undefined;
    if (typeof o.accountId !== 'string' || !/^\d{12}$/.test(o.accountId) || typeof o.awsRegion !== 'string' || !o.awsRegion) return undefined;
    return this.#scope({ accountId: o.accountId, awsRegion: o.awsRegion } as ConfigurationItem, mapper);
  }

  /** Maps and keeps one live item; false when it is a judged type that could not be mapped (quarantined). */
  #emit(item: ConfigurationItem, where: string, pass: Pass, report: boolean, keepType: (t: string) => boolean, keepScope: (a: string, r: string) => boolean): boolean {
    const mapper = this.#mappers.get(item.resourceType);
    if (!mapper) {
      if (!report) return true;
      const counts = this.lacking[item.resourceType] ? pass.lacking : pass.unjudged;
      counts.set(item.resourceType, (counts.get(item.resourceType) ?? 0) + 1);
      return true;
    }
    const scope = this.#scope(item, mapper);
    if (!keepType(mapper.type) || !keepScope(scope.accountId, scope.region)) return true;
    let config: Record<string, unknown>;
    try {
      config = mapper.toConfig(item);
    } catch (e) {
      if (!(e instanceof ConfigItemError)) throw e;
      if (report) pass.quarantined.push({ source: where, reason: e.message, record: JSON.stringify(item).slice(0, MAX_RECORD_TEXT) });
      return false;
    }
    const res = parseResourceRecord({ type: mapper.type, accountId: item.accountId, region: scope.region, config, tags: item.tags }, this.types, { observedAt: item.configurationItemCaptureTime });
    if (res.ok) {
      pass.resources.push(res.resource);
      return true;
    }
    if (report) pass.quarantined.push({ source: where, reason: `${item.resourceType}: ${res.reason}`, record: JSON.stringify(item).slice(0, MAX_RECORD_TEXT) });
    return false;
  }

  #flush(pass: Pass): CollectedBatch {
    const b: CollectedBatch = { resources: pass.resources, quarantined: pass.quarantined, ...(pass.covered.length ? { covered: pass.covered } : {}) };
    pass.resources = [];
    pass.quarantined = [];
    pass.covered = [];
    return b;
  }

  #notices(pass: Pass, superseded: number): string[] {
    const out: string[] = [];
    const list = (m: Map<string, number>, why?: (t: string) => string) =>
      [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${t} (${n}${why ? `: ${why(t)}` : ''})`).join(', ');
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const of = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    if (pass.unjudged.size) out.push(`${of(total(pass.unjudged), 'item')} of ${of(pass.unjudged.size, 'type')} not judged: ${list(pass.unjudged)}`);
    if (pass.lacking.size) out.push(`${of(total(pass.lacking), 'item')} of ${of(pass.lacking.size, 'type')} judged only from the live aws source: ${list(pass.lacking, (t) => this.lacking[t] as string)}`);
    if (pass.notRecorded) out.push(`${of(pass.notRecorded, 'item')} Config did not record (ResourceNotRecorded): not judged, and a snapshot scope holding one is not claimed complete`);
    if (superseded) out.push(`${of(superseded, 'older delivery file')} skipped (per account and Region: the newest snapshot and the history after it are read)`);
    return out;
  }
}
