import { setMaxListeners } from 'node:events';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { iso, type Clock } from '../../common/clock.js';
import type { QuarantinedRecord, Resource } from '../../inventory/resource.js';
import type { CollectedBatch, Provider } from '../provider.js';
import type { CollectRequest } from '../../inventory/collect-request.js';
import type { CoveredScope } from '../../inventory/covered-scope.js';
import type { Account, Organization } from '../../inventory/organization.js';
import { AwsAccountDirectory } from './aws-account-directory.js';
import type { AwsSettings } from './aws-settings.js';
import { partitionOf } from './aws-settings.js';
import { Channel, Limiter } from './bounded-pool.js';
import { codeOf, errorCaptureLogger, failureLogLine, failureRecord, operationOf, type CollectionFailure } from './collection-failure.js';
import { CountingHttpHandler } from './counting-http-handler.js';
import type { CollectContext, ServiceCollector } from './service-collector.js';

/** Where a scan stands: the progress bar's numbers. */
export interface CollectionProgress {
  accounts: { done: number; total: number };
  /** Account × region × service listings. */
  scopes: { done: number; total: number };
  /** HTTP calls sent so far, retries included. */
  calls: number;
  resources: number;
  failures: number;
}

export interface AwsProviderDeps {
  settings: AwsSettings;
  collectors: readonly ServiceCollector[];
  clock: Clock;
  /** Resources per collected batch. */
  batchSize: number;
  /** Base credentials; absent, the SDK's standard chain (env, profile, SSO, instance/container role). */
  credentials?: AwsCredentialIdentityProvider;
  /** An explicit endpoint for every client (tests); absent, the SDK's own settings (`AWS_ENDPOINT_URL`…). */
  endpoint?: string;
  /** One structured line per failure (default: none; the CLI writes them to stderr). */
  log?: (line: string) => void;
  progress?: (p: CollectionProgress) => void;
}

interface ScopeTask {
  account: Account;
  region: string;
  regions: readonly string[];
  collector: ServiceCollector;
  credentials: AwsCredentialIdentityProvider | undefined;
}

type Item = { resources: Resource[]; quarantined: QuarantinedRecord[]; covered: CoveredScope[] };

/**
 * Live AWS inventory: every selected account (AWS Organizations, the named role assumed in each) ×
 * region × service collector, read concurrently by a bounded pool and streamed out in batches, so
 * memory stays flat however large the organisation. A listing that fails (AccessDenied, throttling
 * past the retries) is reported with its reason and leaves its scope uncovered — its stored
 * resources are not taken for deleted — while every other scope goes on.
 *
 * @example
 * const aws = new AwsProvider({ settings, collectors: allAwsCollectors(), clock, batchSize: 1_000 });
 * for await (const b of aws.collect({ types: ['aws.kms.key'] })) store(b.resources, b.covered);
 */
export class AwsProvider implements Provider {
  readonly name = 'aws';
  readonly http: CountingHttpHandler;
  readonly #directory: AwsAccountDirectory;
  readonly #regions = new Map<string, Promise<string[]>>();
  /** Failures already reported: a scan collects in several passes and must not report one twice. */
  readonly #reported = new Set<string>();
  #observedAt: string | undefined;
  /**
   * A scan collects in passes (some of them at once: see evaluate-stream.ts), so the numbers add up
   * across them: listings planned and done, accounts whose listings are all done.
   */
  readonly #progress: CollectionProgress = { accounts: { done: 0, total: 0 }, scopes: { done: 0, total: 0 }, calls: 0, resources: 0, failures: 0 };
  readonly #accountsLeft = new Map<string, number>();

  constructor(private readonly deps: AwsProviderDeps) {
    const { settings } = deps;
    this.http = new CountingHttpHandler(Math.max(64, settings.concurrency * settings.serviceConcurrency));
    const sessionName = `vigil-${iso(deps.clock.now()).replace(/[-:]|\.\d+/g, '')}`;
    this.#directory = new AwsAccountDirectory(settings, { ...this.#base(), ...(deps.credentials ? { credentials: deps.credentials } : {}) }, sessionName, (message, e) =>
      deps.log?.(JSON.stringify({ level: 'warn', event: 'aws.organization.unreadable', message, code: codeOf(e), reason: (e as Error)?.message?.slice(0, 300) })),
    );
  }

  #base() {
    const { settings, endpoint } = this.deps;
    // cacheMiddleware: a client builds its middleware chain once per command type instead of once per
    // call (a tenth of the collector's CPU in the 50-account bench). It holds only for calls sent without
    // per-call options, so a cancelled scan is stopped by `limit` (no call starts after it) rather than
    // by an abort signal on each request.
    return { retryMode: 'adaptive' as const, maxAttempts: settings.maxAttempts, requestHandler: this.http, logger: errorCaptureLogger, cacheMiddleware: true, ...(endpoint ? { endpoint } : {}) };
  }

  async organization(): Promise<Organization> {
    return { accounts: await this.#directory.accounts() };
  }

  /** Closes the shared connections (the process would otherwise keep idle sockets until they time out). */
  close(): void {
    this.http.close();
  }

  async *collect(request: CollectRequest): AsyncIterable<CollectedBatch> {
    const { settings, batchSize } = this.deps;
    const wantedType = (t: string) => (!request.types || request.types.includes(t)) && !request.excludeTypes?.includes(t);
    const collectors = this.deps.collectors.filter((c) => c.types.some(wantedType));
    if (!collectors.length) return;
    // One reading of the clock for every pass of a scan: the resources of one scan share their time.
    const observedAt = (this.#observedAt ??= iso(this.deps.clock.now()));
    const accounts = (await this.#directory.accounts()).filter((a) => !request.accountIds || request.accountIds.includes(a.id));
    const channel = new Channel<Item>(Math.max(4, settings.concurrency * 2));
    const abort = new AbortController();
    // Every request of the scan listens to this one signal.
    setMaxListeners(0, abort.signal);
    const progress = this.#progress;
    progress.accounts.total = Math.max(progress.accounts.total, accounts.length);
    const tell = () => this.deps.progress?.({ ...progress, calls: this.http.calls, accounts: { ...progress.accounts }, scopes: { ...progress.scopes } });
    const fail = async (f: CollectionFailure) => {
      const record = failureRecord(f);
      const key = `${record.source}|${record.reason}`;
      if (this.#reported.has(key)) return;
      this.#reported.add(key);
      progress.failures++;
      this.deps.log?.(failureLogLine(f));
      await channel.push({ resources: [], quarantined: [record], covered: [] });
    };

    const runScope = async (t: ScopeTask): Promise<void> => {
      const { account, region, collector } = t;
      // AWS throttles most APIs per account and region: one limiter per scope (account, region,
      // service) bounds what this listing sends at once; a global service has one per account.
      const limiter = new Limiter(settings.serviceConcurrency);
      const ctx: CollectContext = {
        accountId: account.id,
        region,
        partition: partitionOf(region),
        clientConfig: { ...this.#base(), region, ...(t.credentials ? { credentials: t.credentials } : {}) },
        observedAt,
        // No call starts once the scan is cancelled (the calls in flight finish within their timeout).
        limit: (fn) => limiter.run(() => (abort.signal.throwIfAborted(), fn())),
        signal: abort.signal,
        wants: wantedType,
      };
      const regionWanted = (r: string) => !request.regions || request.regions.includes(r);
      const seenRegions = new Set<string>();
      const problems = new Map<string, CollectionFailure>();
      const leftOut = new Set<string>();
      let read = 0;
      try {
        for await (const page of collector.collect(ctx)) {
          if (abort.signal.aborted) return;
          const resources = page.resources.filter((r) => wantedType(r.type) && regionWanted(r.region));
          for (const r of resources) seenRegions.add(r.region);
          read += resources.length;
          progress.resources += resources.length;
          // A detail call denied for one resource is usually denied for all of them: one report per
          // scope, action and error, naming the first resource and how many more.
          for (const p of page.problems ?? []) {
            if (p.leftOut) leftOut.add(p.leftOut);
            const code = p.reason.split(':')[0] || 'Error';
            const key = `${p.operation}|${code}`;
            const seen = problems.get(key);
            if (seen) seen.resourceCount = (seen.resourceCount ?? 1) + 1;
            else problems.set(key, { accountId: account.id, region: collector.global ? undefined : region, service: collector.service, operation: p.operation, code, message: p.reason, ...(p.resourceArn ? { resourceArn: p.resourceArn, resourceCount: 1 } : {}) });
          }
          if (resources.length) await channel.push({ resources, quarantined: [], covered: [] });
        }
        // A global listing (IAM, the S3 bucket list) is complete for every region at once.
        const regions = collector.global ? new Set(['global', ...t.regions, ...seenRegions]) : new Set([region]);
        const covered = collector.types.filter((type) => wantedType(type) && !leftOut.has(type)).flatMap((type) => [...regions].filter(regionWanted).map((r) => ({ accountId: account.id, region: r, type })));
        for (const p of problems.values()) await fail(p);
        await channel.push({ resources: [], quarantined: [], covered });
      } catch (e) {
        if (abort.signal.aborted) return;
        for (const p of problems.values()) await fail(p);
        await fail({
          accountId: account.id, region: collector.global ? undefined : region, service: collector.service, operation: operationOf(e, collector.service, collector.permissions),
          code: codeOf(e), message: (e as Error)?.message ?? String(e), ...(read ? { partialResources: read } : {}),
        });
      }
    };

    const pool = this.#runPool(accounts, collectors, request, progress, runScope, fail, abort.signal, tell)
      .then(() => channel.close(), (e: unknown) => channel.fail(e));

    let batch: Resource[] = [];
    let quarantined: QuarantinedRecord[] = [];
    let covered: CoveredScope[] = [];
    try {
      for await (const item of channel) {
        for (const r of item.resources) batch.push(r);
        for (const q of item.quarantined) quarantined.push(q);
        for (const c of item.covered) covered.push(c);
        if (batch.length >= batchSize || quarantined.length >= batchSize) {
          yield { resources: batch, quarantined, covered };
          batch = [];
          quarantined = [];
          covered = [];
        }
      }
      if (batch.length || quarantined.length || covered.length) yield { resources: batch, quarantined, covered };
    } finally {
      abort.abort();
      channel.close();
      await pool;
      tell();
    }
  }

  /**
   * Accounts × regions × collectors through `concurrency` workers. A worker prepares the next
   * account (role, regions) only while few listings are queued, so a 500-account organisation
   * never has all its listings planned, let alone running, at once.
   */
  async #runPool(
    accounts: readonly Account[],
    collectors: readonly ServiceCollector[],
    request: CollectRequest,
    progress: CollectionProgress,
    runScope: (t: ScopeTask) => Promise<void>,
    fail: (f: CollectionFailure) => Promise<void>,
    signal: AbortSignal,
    tell: () => void,
  ): Promise<void> {
    const { settings } = this.deps;
    const pendingAccounts = [...accounts];
    const scopes: ScopeTask[] = [];
    const left = this.#accountsLeft;
    let preparing = 0;
    let wake: (() => void)[] = [];
    const notify = () => {
      for (const w of wake.splice(0)) w();
    };
    const recount = () => (progress.accounts.done = [...left.values()].filter((n) => n <= 0).length);
    const accountDone = (id: string) => {
      const n = (left.get(id) ?? 1) - 1;
      left.set(id, n);
      if (n <= 0) recount();
    };
    /** An account with nothing (more) to list in this pass: failed, or no scope selected. */
    const settled = (id: string) => {
      left.set(id, Math.max(0, left.get(id) ?? 0));
      recount();
    };
    const prepare = async (account: Account) => {
      let credentials: AwsCredentialIdentityProvider | undefined;
      try {
        credentials = await this.#directory.credentialsFor(account.id);
      } catch (e) {
        await fail({ accountId: account.id, service: 'sts', operation: operationOf(e, 'sts', ['sts:AssumeRole']), code: codeOf(e), message: (e as Error)?.message ?? String(e) });
        settled(account.id);
        return;
      }
      let regions: string[];
      try {
        regions = await this.#regionsOf(account.id);
      } catch (e) {
        await fail({ accountId: account.id, service: 'ec2', operation: 'ec2:DescribeRegions', code: codeOf(e), message: (e as Error)?.message ?? String(e) });
        settled(account.id);
        return;
      }
      const scanned = request.regions ? regions.filter((r) => request.regions!.includes(r)) : regions;
      const tasks: ScopeTask[] = [];
      for (const collector of collectors) {
        if (collector.global) tasks.push({ account, region: settings.homeRegion, regions: scanned, collector, credentials });
        else for (const region of scanned) tasks.push({ account, region, regions: scanned, collector, credentials });
      }
      if (!tasks.length) {
        settled(account.id);
        return;
      }
      left.set(account.id, Math.max(0, left.get(account.id) ?? 0) + tasks.length);
      progress.scopes.total += tasks.length;
      scopes.push(...tasks);
    };
    const worker = async () => {
      while (!signal.aborted) {
        if (scopes.length < settings.concurrency && pendingAccounts.length) {
          const account = pendingAccounts.shift() as Account;
          preparing++;
          try {
            await prepare(account);
          } finally {
            preparing--;
            notify();
            tell();
          }
          continue;
        }
        const task = scopes.shift();
        if (task) {
          await runScope(task);
          progress.scopes.done++;
          accountDone(task.account.id);
          tell();
          continue;
        }
        if (!preparing) return;
        await new Promise<void>((r) => wake.push(r));
      }
    };
    await Promise.all(Array.from({ length: settings.concurrency }, worker));
    wake = [];
  }

  #regionsOf(accountId: string): Promise<string[]> {
    let r = this.#regions.get(accountId);
    if (!r) this.#regions.set(accountId, (r = this.#directory.regionsOf(accountId)));
    return r;
  }
}
