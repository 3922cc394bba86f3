import { DAY_MS, iso, type Clock } from '../../common/clock.js';
import type { Resource } from '../../inventory/resource.js';
import type { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import type { CollectedBatch, Provider } from '../provider.js';
import type { Account, Organization } from '../../inventory/organization.js';
import type { CollectRequest } from '../../inventory/collect-request.js';
import type { CoveredScope } from '../../inventory/covered-scope.js';
import type { DemoGenerator } from './demo-generator.js';
import { DEMO_REGIONS, demoOrganization } from './demo-organization.js';
import { Rng, hashString } from './rng.js';
import { TypicalRng } from './typical-rng.js';
import type { DemoOverlay, DemoOverlayEntry } from './demo-overlay.js';

type Identity = ReturnType<ReturnType<ResourceTypeRegistry['get']>['identity']>;

export interface DemoOptions {
  /** Same seed, same estate (relative to the clock's now, or to `epoch`). */
  seed: string | number;
  /** Approximate number of resources (`demo.size`). */
  size: number;
  /** Resources per batch (`scan.batchSize`). */
  batchSize: number;
  /**
   * Owners fixing things over time (the demo's two-week story): from `from` (epoch ms) on, each day a
   * further `fractionPerDay` of the resources still unfixed comes out compliant (`TypicalRng`),
   * chosen by a seeded draw per resource, so the same day gives the same estate. Absent: nothing is fixed.
   */
  fixes?: { from: number; fractionPerDay: number };
  /** What the enforcers changed (read at the start of each collection): those resources come out fixed. */
  overlay?: DemoOverlay;
  /**
   * When this estate was first scanned into the store (epoch ms): its timestamps (creation dates,
   * last logins…) are generated relative to `demoAnchor(epoch, now)`, which moves in whole days, so
   * an estate rescanned the same day comes out unchanged (and writes nothing), while `vigil demo
   * --days N` still ages it day by day. Absent: relative to the clock's now.
   */
  epoch?: number;
}

/**
 * The instant a demo estate's timestamps are relative to: `epoch` plus the whole days since it (the
 * clock's `now` before the epoch, or without one).
 * @example demoAnchor(Date.parse('2026-11-22T10:00:00Z'), Date.parse('2026-11-24T09:00:00Z')); // 2026-11-23T10:00:00Z
 */
export const demoAnchor = (epoch: number | undefined, now: number): number =>
  epoch === undefined || now < epoch ? now : epoch + Math.floor((now - epoch) / DAY_MS) * DAY_MS;

/**
 * The built-in demo estate: a deterministic, AWS-shaped multi-account organisation where a few
 * percent of each kind of resource break some control. Streams batches, so `--size 1000000` runs
 * in flat memory.
 *
 * @example
 * const demo = new DemoProvider({ seed: 42, size: 2000, batchSize: 1000 }, generators, types, clock);
 * for await (const b of demo.collect({})) console.log(b.resources.length);
 */
export class DemoProvider implements Provider {
  readonly name = 'demo';
  readonly #org: Organization;
  readonly #totalWeight: number;

  constructor(
    private readonly opts: DemoOptions,
    private readonly generators: readonly DemoGenerator[],
    private readonly types: ResourceTypeRegistry,
    private readonly clock: Clock,
  ) {
    this.#org = demoOrganization(opts.size);
    this.#totalWeight = generators.reduce((n, g) => n + g.weight, 0) || 1;
  }

  async organization(): Promise<Organization> {
    return this.#org;
  }

  /** How many resources of a generator each account (and region) gets. */
  countPer(g: DemoGenerator): number {
    const cells = this.#cells(g);
    const share = g.weight > 0 ? Math.round((this.opts.size * g.weight) / this.#totalWeight / cells) : 0;
    return Math.max(g.min ?? 1, share);
  }

  /** The account × region cells a generator fills. */
  #cells(g: DemoGenerator): number {
    return this.#org.accounts.length * (g.scope === 'regional' ? DEMO_REGIONS.length : 1);
  }

  /** Resources per type of the whole estate (see Provider.resourcesPerType). */
  resourcesPerType(): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const g of this.generators) {
      out.set(g.type, (out.get(g.type) ?? 0) + this.countPer(g) * this.#cells(g));
    }
    return out;
  }

  async *collect(request: CollectRequest): AsyncIterable<CollectedBatch> {
    const now = this.clock.now().getTime();
    const observedAt = iso(new Date(now));
    const anchor = demoAnchor(this.opts.epoch, now);
    const batchSize = this.opts.batchSize;
    // After d days, 1 - (1 - f)^d of the estate is fixed; a resource fixed once stays fixed (its draw is fixed).
    const fixes = this.opts.fixes;
    const days = fixes ? Math.floor((now - fixes.from) / DAY_MS) : 0;
    const fixedShare = fixes && days > 0 ? 1 - (1 - fixes.fractionPerDay) ** days : 0;
    const enforced = this.opts.overlay ? await this.opts.overlay.entries() : new Map<string, DemoOverlayEntry[]>();
    const accounts = this.#org.accounts.filter((a) => !request.accountIds || request.accountIds.includes(a.id));
    let batch: Resource[] = [];
    let covered: CoveredScope[] = [];
    for (const g of this.generators) {
      if (request.types && !request.types.includes(g.type)) continue;
      if (request.excludeTypes?.includes(g.type)) continue;
      const def = this.types.get(g.type);
      const count = this.countPer(g);
      for (const account of accounts) {
        const regions = g.scope === 'global' ? ['global'] : g.scope === 'home' ? [DEMO_REGIONS[0]] : [...DEMO_REGIONS];
        for (const region of regions) {
          if (request.regions && region !== 'global' && !request.regions.includes(region)) continue;
          // The same generator as new Rng(`${seed}/${type}/${account}/${region}/${index}`), without a string per resource.
          const keyHash = hashString(`${this.opts.seed}/${g.type}/${account.id}/${region}/`);
          const fixHash = fixedShare > 0 ? hashString(`${this.opts.seed}/fix/${g.type}/${account.id}/${region}/`) : 0;
          for (let index = 0; index < count; index++) {
            const drawn = Rng.keyed(keyHash, index);
            const rng = fixedShare > 0 && Rng.keyed(fixHash, index).next() < fixedShare ? new TypicalRng(drawn) : drawn;
            const ctx = { seed: this.opts.seed, account, region, regions: DEMO_REGIONS, accounts: this.#org.accounts, index, count, now: anchor };
            let resource = this.#resource(def.type, account, region, g.generate({ ...ctx, rng }), def, observedAt);
            const actions = enforced.size > 0 ? enforced.get(resource.arn) : undefined;
            if (actions) resource = this.#enforced(this.#resource(def.type, account, region, g.generate({ ...ctx, rng: new TypicalRng(Rng.keyed(keyHash, index)), fixed: true }), def, observedAt), actions);
            batch.push(resource);
            if (batch.length >= batchSize) {
              yield { resources: batch, quarantined: [], covered };
              batch = [];
              covered = [];
            }
          }
          covered.push({ accountId: account.id, region, type: g.type });
        }
      }
    }
    if (batch.length || covered.length) yield { resources: batch, quarantined: [], covered };
  }

  /**
   * A resource an enforcer acted on: its typical (compliant) draw — the same identity and names, the
   * rare violating branches not taken — with the tags the actions set.
   */
  #enforced(resource: Resource, actions: readonly DemoOverlayEntry[]): Resource {
    const tags = actions.reduce<Record<string, string>>((t, a) => (isTagMap(a.params['tags']) ? { ...t, ...a.params['tags'] } : t), {});
    return Object.keys(tags).length ? { ...resource, tags: { ...resource.tags, ...tags } } : resource;
  }

  #resource(
    type: string,
    account: Account,
    region: string,
    made: ReturnType<DemoGenerator['generate']>,
    def: ReturnType<ResourceTypeRegistry['get']>,
    observedAt: string,
  ): Resource {
    // Most generators name their resources: derive an identity only for those that do not (no object per resource).
    const ident = made.id && made.arn && made.name ? undefined : def.identity(made.config, { accountId: account.id, region });
    return {
      provider: 'aws',
      accountId: account.id,
      region,
      type,
      id: made.id ?? (ident as Identity).id,
      arn: made.arn ?? (ident as Identity).arn,
      name: made.name ?? (ident as Identity).name,
      tags: made.tags ?? def.tags(made.config),
      config: made.config,
      observedAt,
    };
  }
}

const isTagMap = (v: unknown): v is Record<string, string> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
