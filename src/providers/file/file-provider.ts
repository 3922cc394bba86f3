import { INPUT_LIMITS } from '../../common/input-limits.js';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { iso, type Clock } from '../../common/clock.js';
import { UsageError } from '../../common/vigil-error.js';
import { parseResourceRecord } from '../../inventory/resource-record.js';
import type { QuarantinedRecord, Resource } from '../../inventory/resource.js';
import type { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import type { CollectedBatch, Provider } from '../provider.js';
import type { CollectRequest } from '../../inventory/collect-request.js';
import type { CoveredScope } from '../../inventory/covered-scope.js';
import type { Organization } from '../../inventory/organization.js';

const MAX_RECORD_TEXT = 4_000;

/**
 * Reads an exported inventory in Vigil's resource format: JSON Lines (one record per line) or one
 * JSON array. A bad line is quarantined with its line number and reason; the rest is scanned.
 *
 * @example
 * const file = new FileProvider('inventory.jsonl', types, clock, 1000);
 * for await (const b of file.collect({})) b.quarantined; // [{ source: 'file:inventory.jsonl:7', reason: 'field "accountId": …' }]
 */
export class FileProvider implements Provider {
  readonly name: string;

  constructor(
    private readonly path: string,
    private readonly types: ResourceTypeRegistry,
    private readonly clock: Clock,
    /** Resources per batch (`scan.batchSize`). */
    private readonly batchSize: number,
  ) {
    this.name = `file:${path}`;
  }

  async organization(): Promise<Organization> {
    return { accounts: [] };
  }

  async *collect(request: CollectRequest): AsyncIterable<CollectedBatch> {
    try {
      await stat(this.path);
    } catch {
      throw new UsageError(`cannot read inventory file ${this.path}: no such file`);
    }
    const observedAt = iso(this.clock.now());
    let resources: Resource[] = [];
    let quarantined: QuarantinedRecord[] = [];
    const keep = (r: Resource) =>
      (!request.types || request.types.includes(r.type)) &&
      !request.excludeTypes?.includes(r.type) &&
      (!request.accountIds || request.accountIds.includes(r.accountId)) &&
      (!request.regions || request.regions.includes(r.region));
    const reportBad = request.reportQuarantine !== false;
    // The file is the complete listing of every (account, region, type) it names, so a resource stored
    // from an earlier scan and now absent was deleted. A bad record may be one of those resources:
    // its scope is not claimed, and when its scope cannot be told, no scope is claimed at all.
    const seen = new Map<string, CoveredScope>();
    const unsure = new Set<string>();
    let blind = false;
    for await (const { where, text, value, error } of this.#records()) {
      const res = error ? { ok: false as const, reason: error } : parseResourceRecord(value, this.types, { observedAt });
      if (res.ok) {
        if (keep(res.resource)) {
          resources.push(res.resource);
          seen.set(scopeKey(res.resource), { accountId: res.resource.accountId, region: res.resource.region, type: res.resource.type });
        }
      } else {
        const scope = scopeOf(value, this.types);
        if (scope) unsure.add(scopeKey(scope));
        else blind = true;
        if (reportBad) quarantined.push({ source: `${this.name}:${where}`, reason: res.reason, record: text.slice(0, MAX_RECORD_TEXT) });
      }
      if (resources.length + quarantined.length >= this.batchSize) {
        yield { resources, quarantined };
        resources = [];
        quarantined = [];
      }
    }
    const covered = blind ? [] : [...seen].filter(([k]) => !unsure.has(k)).map(([, c]) => c);
    if (resources.length || quarantined.length || covered.length) yield { resources, quarantined, ...(covered.length ? { covered } : {}) };
  }

  async *#records(): AsyncIterable<{ where: string; text: string; value?: unknown; error?: string }> {
    const head = await readHead(this.path);
    if (head.trimStart().startsWith('[')) {
      let all: unknown;
      const text = await readFile(this.path, 'utf8');
      try {
        all = JSON.parse(text);
      } catch (e) {
        throw new UsageError(`${this.path}: not valid JSON: ${(e as Error).message}`);
      }
      const list = all as unknown[];
      for (let i = 0; i < list.length; i++) yield { where: `[${i}]`, text: JSON.stringify(list[i]) ?? '', value: list[i] };
      return;
    }
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      if (line.length > INPUT_LIMITS.inventoryRecordChars) {
        yield { where: String(n), text: line.slice(0, 200), error: `record is ${line.length.toLocaleString('en-US')} characters; the limit is ${INPUT_LIMITS.inventoryRecordChars.toLocaleString('en-US')} (see docs/limits.md)` };
        continue;
      }
      try {
        yield { where: String(n), text: line, value: JSON.parse(line) };
      } catch (e) {
        yield { where: String(n), text: line, error: `not valid JSON: ${(e as Error).message}` };
      }
    }
  }
}

const scopeKey = (s: CoveredScope): string => `${s.accountId}|${s.region}|${s.type}`;

/**
 * The scope a rejected record belongs to, when it can be told for sure: a mistyped account id or
 * resource type could be any stored resource's, so it leaves the scope unknown.
 */
const scopeOf = (v: unknown, types: ResourceTypeRegistry): CoveredScope | undefined => {
  const o = v as Record<string, unknown> | null | undefined;
  if (!o || typeof o !== 'object') return undefined;
  const { accountId, region, type } = o;
  return typeof accountId === 'string' && /^\d{12}$/.test(accountId) && typeof region === 'string' && region && typeof type === 'string' && types.find(type)
    ? { accountId, region, type }
    : undefined;
};

const readHead = async (path: string): Promise<string> => {
  const stream = createReadStream(path, { encoding: 'utf8', start: 0, end: 255 });
  let s = '';
  for await (const chunk of stream) s += chunk;
  return s;
};
