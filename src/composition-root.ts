/**
 * The composition root: the one module that builds Vigil's object graphs from validated, frozen
 * config. Nothing else `new`s a store, a registry or a provider (src/architecture/composition-root.test.ts
 * fails if something does).
 *
 * A graph is made of parts, each built by one private function below (`storeFor`, `providerFor`,
 * `ownersFor`, `scanPartsFor`). A role — what one process or thread does — is one exported function
 * that picks the parts it needs:
 *
 * | role | function | used by |
 * |---|---|---|
 * | policy tools | `loadPolicySet`, `buildRegistries` | `vigil validate/test/policies/schema` |
 * | CLI / library | `createVigil` | `vigil scan`, `vigil start`, `import { createVigil } from 'vigil'` |
 * | API server | `createApi` | `vigil start` |
 * | scan producer | `createScanProducer` | the scan worker thread (src/workers/scan-worker.ts) |
 * | reports | `openScannedStore`, `buildFrameworks`, `builtinControlsDoc` | `vigil frameworks`, `vigil docs` |
 *
 * A new role (manager, `enforcer:<family>`, collector) is one more function here plus its entry
 * file in src/workers/: see docs/architecture.md.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiServer } from './api/api-server.js';
import { signingKeyFromPem, type SigningKey } from './audit/checkpoint-signature.js';
import { Worker } from 'node:worker_threads';
import { AuditCheckpointer } from './audit-trail/audit-checkpointer.js';
import { VERIFY_PAGE_SIZE, type ChainRange, type ChainRangeResult, type ChainRangeWorkerInput } from './audit-trail/chain-range.js';
import { verifyStoredChain, verifyStoredChainInRanges, type AuditVerifyReport, type VerifyOptions } from './audit-trail/stored-chain-verifier.js';
import { policySetFingerprint, recordConfiguration, recordPolicySet } from './audit-trail/run-recorder.js';
import { Pseudonymiser } from './reports/pseudonymiser.js';
import { ManualClock, systemClock, type Clock } from './common/clock.js';
import { Registry } from './common/registry.js';
import { DiagnosticsError, UsageError } from './common/vigil-error.js';
import type { VigilConfig } from './config/vigil-config.js';
import type { Bus } from './bus/bus.js';
import { actionFamily } from './violations/enforcement-message.js';
import type { EnforcementAction } from './enforcers/enforcement-action.js';
import { DEFAULT_ENFORCEMENT_SETTINGS, type EnforcementSettings } from './enforcers/enforcement-settings.js';
import type { BusWorker } from './enforcers/enforcement-worker.js';
import type { EnforcementActionRecord } from './store/ports/enforcement-action-store.js';
import { evaluateStream } from './evaluation/evaluate-stream.js';
import type { EvaluatedStream } from './evaluation/evaluated-batch.js';
import { Evaluator } from './evaluation/evaluator.js';
import { ownerAccounts } from './evaluation/owner-accounts.js';
import { ScanService, type ScanOptions, type ScanReport } from './evaluation/scan-service.js';
import type { ScanWorkerInput } from './evaluation/scan-worker-protocol.js';
import { workerEvaluateStream } from './evaluation/worker-evaluate-stream.js';
import { splitByType } from './evaluation/producer-split.js';
import { builtinFrameworks } from './frameworks/catalogue/builtin-frameworks.js';
import { FrameworkRegistry } from './frameworks/framework-registry.js';
import type { Notifier } from './notifications/notifier.js';
import type { Organization } from './inventory/organization.js';
import { OwnerResolver } from './inventory/owner-resolver.js';
import type { CompiledPolicy } from './policies/compiled-policy.js';
import { applyControlSettings, type EffectivePolicy } from './policies/control-settings.js';
import type { PolicyDirectory } from './policies/policy-loader.js';
import { compilePolicySet } from './policies/policy-set.js';
import { BUILTIN_POLICY_DIR, createRegistries, type Registries } from './policies/registries.js';
import { createProvider } from './providers/provider-factory.js';
import type { Provider } from './providers/provider.js';
import { hashString } from './providers/demo/rng.js';
import { FileDemoOverlay, MemoryDemoOverlay, type DemoOverlay } from './providers/demo/demo-overlay.js';
import type { Store } from './store/store.js';
import type { ScanRecord } from './store/ports/scan-store.js';

/** The object graph of one Vigil process (or one worker inside it). */
export interface Vigil {
  readonly config: VigilConfig;
  readonly clock: Clock;
  readonly registries: Registries;
  readonly store: Store;
  /** Policies after the organisation's settings (disabled ones included, with their reason). */
  readonly policies: readonly EffectivePolicy[];
  readonly compiled: readonly CompiledPolicy[];
  readonly evaluator: Evaluator;
  readonly scans: ScanService;
  /** Signs checkpoints of the audit chain (a no-op without audit.signingKeyFile). */
  readonly checkpointer: AuditCheckpointer;
  /** What the enforcers changed on the demo estate (the demo provider lays it over what it generates). */
  readonly demoOverlay: DemoOverlay;
  /** The provider a source names: `demo`, `file:<path>`. */
  provider(source?: string): Provider;
  /** Scans a source (default: the configured one), on a worker thread when `scan.worker` is on. */
  scan(source?: string, opts?: ScanOptions): Promise<ScanReport>;
  close(): Promise<void>;
}

// ── parts ────────────────────────────────────────────────────────────────────────────────────────
// Every role imports this module, the scan worker thread too: the store drivers, fastify and the
// policy loader (ajv, yaml) and report renderers load (dynamic import) only in roles that use them:
// 40–50 MiB less per scan worker.

const storeFor = async (config: VigilConfig): Promise<Store> => {
  const { openStore } = await import('./store/open-store.js');
  return openStore({ url: config.store.url });
};

/** Who owns a resource: the owner tag, else the account's owner (config beats the organisation), else the fallback team. */
const ownersFor =
  (config: VigilConfig) =>
  (org: Organization): OwnerResolver =>
    new OwnerResolver(config.owners, ownerAccounts(org.accounts, config.owners.accounts));

/** Providers take every setting (batch size, demo size and seed) from config, here and nowhere else. */
const providerFor =
  (config: VigilConfig, registries: Registries, clock: Clock, overlay: DemoOverlay) =>
  (source: string = config.scan.source, demoEpoch?: number): Provider =>
    createProvider(source, { batchSize: config.scan.batchSize, demo: { ...config.demo, overlay, ...(demoEpoch !== undefined ? { epoch: demoEpoch } : {}) }, aws: config.aws }, registries.resourceTypes, clock);

/** The checkpoint signing key the config names (a file path; the key never enters config or the store). */
const signingKeyFor = async (config: VigilConfig): Promise<SigningKey | undefined> => {
  const file = config.audit.signingKeyFile;
  if (!file) return undefined;
  const pem = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`audit.signingKeyFile: cannot read ${file} (${e.code ?? e.message}); create one with \`vigil audit keygen\``, { field: 'audit.signingKeyFile' });
  });
  return signingKeyFromPem(pem, file);
};

const checkpointerFor = async (config: VigilConfig, clock: Clock): Promise<AuditCheckpointer> =>
  new AuditCheckpointer(await signingKeyFor(config), config.audit.checkpointEvery, clock);

/** What judging an estate needs, with or without a store. */
export interface ScanParts {
  readonly registries: Registries;
  readonly evaluator: Evaluator;
  readonly owners: (org: Organization) => OwnerResolver;
  /** `demoEpoch`: see DemoOptions.epoch (a scan passes the store's, see `demoEpochOf`). */
  provider(source?: string, demoEpoch?: number): Provider;
}

const scanPartsFor = (config: VigilConfig, registries: Registries, compiled: readonly CompiledPolicy[], clock: Clock, overlay: DemoOverlay = demoOverlayFor(config)): ScanParts => ({
  registries,
  evaluator: new Evaluator(compiled),
  owners: ownersFor(config),
  provider: providerFor(config, registries, clock, overlay),
});

/**
 * Where the enforcers' changes to the demo estate are kept: a file beside a SQLite database (seen by
 * the scan worker thread and other processes), in memory with an in-memory store, and for PostgreSQL a
 * file under .vigil/ named after the database.
 */
export const demoOverlayFor = (config: VigilConfig, storeKind?: Store['kind']): DemoOverlay => {
  const url = config.store.url.trim();
  if (storeKind === 'memory') return new MemoryDemoOverlay();
  if (/^postgres(ql)?:\/\//i.test(url)) return new FileDemoOverlay(resolvePath('.vigil', `demo-overlay-${hashString(url).toString(16)}.json`));
  const file = url.replace(/^sqlite:/, '');
  return file === ':memory:' ? new MemoryDemoOverlay() : new FileDemoOverlay(`${resolvePath(file)}.demo-overlay.json`);
};

// ── roles ────────────────────────────────────────────────────────────────────────────────────────

/**
 * The built-in registries (resource types, operators, named filters), fresh per call.
 * @example buildRegistries().resourceTypes.has('aws.s3.bucket'); // true
 */
export const buildRegistries = (): Registries => createRegistries();

/**
 * The compliance frameworks Vigil ships (DORA, ISO 27001, CIS AWS, FSBP, GDPR, Backup Audit Manager).
 * @example buildFrameworks().has('dora'); // true
 */
export const buildFrameworks = (): FrameworkRegistry => new FrameworkRegistry(builtinFrameworks());

/**
 * The notifier registry (one entry per channel: email, slack, teams, webhook, file), secrets read from `env`
 * by the variable names config gives.
 * @example (await buildNotifiers(config, process.env)).keys(); // ['email', 'slack', 'teams', 'webhook', 'file']
 */
export const buildNotifiers = async (config: VigilConfig, env: Readonly<Record<string, string | undefined>>, cwd?: string): Promise<Registry<Notifier>> => {
  const { allNotifiers, notifierDeps } = await import('./notifications/all-notifiers.js');
  return new Registry<Notifier>('notifier', allNotifiers(notifierDeps(config, env, cwd)));
};

/** The policy directories the configuration names. */
export const policyDirectories = (config: VigilConfig): PolicyDirectory[] => [
  ...(config.policies.builtin ? [{ path: BUILTIN_POLICY_DIR, builtin: true }] : []),
  ...config.policies.dirs.map((path) => ({ path, builtin: false })),
];

/**
 * Loads and compiles policies (no store, no provider): what `validate`, `test` and `policies list` need.
 * @throws DiagnosticsError listing every problem as file:line:col.
 */
export const loadPolicySet = async (config: VigilConfig, registries: Registries = createRegistries()) => {
  const { PolicyLoader } = await import('./policies/policy-loader.js');
  const loaded = await new PolicyLoader(registries, process.cwd(), buildFrameworks()).load(policyDirectories(config));
  // Params of enforce actions against the actions' schemas (the registry loads only when a policy has params).
  if (loaded.policies.some((p) => p.remediation.params !== undefined)) {
    const { checkRemediationParams } = await import('./policies/remediation-params.js');
    const actions = await buildActions();
    loaded.diagnostics.push(...checkRemediationParams(loaded.policies, (name) => (actions.has(name) ? actions.get(name).schema : undefined)));
  }
  if (loaded.diagnostics.length) throw new DiagnosticsError('policy.invalid', loaded.diagnostics);
  const settings = applyControlSettings(loaded.policies, config.controls);
  if (settings.diagnostics.length) throw new DiagnosticsError('config.invalid', settings.diagnostics);
  const compiled = compilePolicySet(settings, registries);
  return { registries, policies: settings.policies, scopes: settings.scopes, compiled };
};

/**
 * What a scan needs without a store (registries, evaluator, owners, providers), for a caller that
 * judges an estate itself: the bench, a future collector.
 * @example const { evaluator, provider } = createScanParts(config, await loadPolicySet(config), clock);
 */
export const createScanParts = (config: VigilConfig, set: { registries: Registries; compiled: readonly CompiledPolicy[] }, clock: Clock = systemClock): ScanParts =>
  scanPartsFor(config, set.registries, set.compiled, clock);

/** The scan worker thread's entry: .ts under tsx (tests, development), .js when compiled. */
const SCAN_WORKER_ENTRY = new URL(`./workers/scan-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * The CLI's and the library's graph: store, policies, scan service, providers.
 *
 * @example
 * const vigil = await createVigil(await loadConfig({ env: process.env }));
 * const report = await vigil.scan();
 * await vigil.close();
 */
export const createVigil = async (config: VigilConfig, opts: { clock?: Clock; store?: Store } = {}): Promise<Vigil> => {
  const clock = opts.clock ?? systemClock;
  const { registries, policies, scopes, compiled } = await loadPolicySet(config);
  const checkpointer = await checkpointerFor(config, clock);
  const store = opts.store ?? (await storeFor(config));
  // The trail records the configuration each process starts with (when it changed since the last start).
  await recordConfiguration(store.audit, config, clock, 'vigil');
  const demoOverlay = demoOverlayFor(config, store.kind);
  const parts = scanPartsFor(config, registries, compiled, clock, demoOverlay);
  const scans = new ScanService({ store, evaluator: parts.evaluator, clock, owners: parts.owners, snapshots: config.inventory.snapshots });
  const runScan = (source: string, opts: ScanOptions, demoEpoch?: number, rescan = false): Promise<ScanReport> => {
    // The worker thread would not see an in-memory demo overlay: such a demo scan runs here.
    if (!config.scan.worker || (source === 'demo' && demoOverlay instanceof MemoryDemoOverlay)) return scans.run(parts.provider(source, demoEpoch), opts);
    const policySet = { policies, scopes };
    const request = opts.request ?? {};
    const provider = parts.provider(source);
    // Rescanning an estate the store holds (the demo estate: its types' sizes are known), a source
    // is split over `scan.producers` threads: the writer rewrites little and waits for the producer.
    // A first scan keeps one: its writer is the critical path, and another thread only adds CPU.
    const together = [...parts.evaluator.needs(), ...parts.evaluator.dependentTypes()];
    const shares = splitByType(request, rescan ? provider.resourcesPerType?.() : undefined, together, config.scan.producers);
    return scans.consume(provider.name, (now) => workerEvaluateStream({ entry: SCAN_WORKER_ENTRY, config, policySet, source, request, shares, now, ...(demoEpoch !== undefined ? { demoEpoch } : {}) }), opts);
  };
  const recorded = async (report: ScanReport): Promise<ScanReport> => {
    // Which policy set judged this scan, then a signed checkpoint of the head (when a key is configured).
    await recordPolicySet(store.audit, report.scanId, await policySetFingerprint(policies, policyDirectories(config)), clock);
    await checkpointer.checkpoint(store);
    return report;
  };
  const scan = async (source = config.scan.source, given: ScanOptions = {}): Promise<ScanReport> => {
    if (source !== 'demo') return recorded(await runScan(source, given));
    // A demo scan records which estate it was, so a later scan of another seed or size can be refused
    // (src/cli/demo-estate-guard.ts), and since when it is anchored, so a rescan generates it unchanged.
    const labels = demoEstateLabels(config);
    const now = clock.now().getTime();
    const demoEpoch = await demoEpochOf(store, labels, now);
    return recorded(await runScan(source, { ...given, labels: { ...given.labels, ...labels, demoEpoch } }, demoEpoch, demoEpoch < now));
  };
  return {
    config,
    clock,
    registries,
    store,
    policies,
    compiled,
    evaluator: parts.evaluator,
    scans,
    checkpointer,
    demoOverlay,
    provider: parts.provider,
    scan,
    close: () => store.close(),
  };
};

/** Which demo estate a configuration generates, as numbers a scan record keeps. */
export const demoEstateLabels = (config: VigilConfig): { demoSeed: number; demoSize: number } => ({
  demoSeed: typeof config.demo.seed === 'number' ? config.demo.seed : hashString(String(config.demo.seed)),
  demoSize: config.demo.size,
});

/** The last finished scan of a demo estate in this store (the estate it holds), if any. */
export const lastDemoScan = async (store: Store): Promise<ScanRecord | undefined> => {
  const recent = await store.scans.list({ limit: 20 });
  return recent.find((s) => s.status === 'finished' && s.source === 'demo' && s.stats['demoSize'] !== undefined);
};

/**
 * The epoch of the demo estate this store holds (see DemoOptions.epoch): the `demoEpoch` the last
 * finished scan of the same seed and size recorded, else `now` (a first scan, or another estate).
 * @example await demoEpochOf(store, demoEstateLabels(config), Date.now()); // 1795514400000
 */
const demoEpochOf = async (store: Store, labels: { demoSeed: number; demoSize: number }, now: number): Promise<number> => {
  const last = await lastDemoScan(store);
  const epoch = last?.stats['demoEpoch'];
  return last && last.stats['demoSeed'] === labels.demoSeed && last.stats['demoSize'] === labels.demoSize && typeof epoch === 'number' ? epoch : now;
};

/**
 * Who may call the API (config `server.auth`): API tokens from the store, OIDC JWTs checked against the
 * issuer's keys, a trusted proxy's header; none configured: anonymous, read-only.
 * @example (await createAuthenticator(vigil)).required; // true when server.auth sets tokens, oidc or proxy
 */
export const createAuthenticator = async (vigil: Vigil): Promise<import('./api/request-authenticator.js').RequestAuthenticator> => {
  const { RequestAuthenticator } = await import('./api/request-authenticator.js');
  const config = vigil.config.server.auth;
  const oidc = config?.oidc ? new (await import('./auth/oidc-verifier.js')).OidcVerifier(config.oidc) : undefined;
  return new RequestAuthenticator({ config, store: vigil.store, clock: vigil.clock, ...(oidc ? { oidc } : {}) });
};

/**
 * Approvals and rejections of disruptive enforcement (`vigil approve`, `POST /api/violations/:id/approve`):
 * only members of the security team (config `owners.securityTeam`, members with `security: true`).
 * @example await (await createApprovals(vigil)).decide('v-3f2a', 'approved', 'alice@example.com', 'CHG-42');
 */
export const createApprovals = async (vigil: Vigil): Promise<import('./escalation/approval-service.js').ApprovalService> => {
  const { ApprovalService, securityApprovers } = await import('./escalation/approval-service.js');
  return new ApprovalService({ store: vigil.store, clock: vigil.clock, approvers: securityApprovers(vigil.config) });
};

/**
 * The API server over a graph's store and policies (nothing listens until `listen()`).
 * @example const server = await createApi(vigil); const url = await server.listen({ port: 8080 });
 */
export const createApi = async (vigil: Vigil): Promise<ApiServer> => {
  const { createApiServer } = await import('./api/api-server.js');
  const org = await vigil
    .provider()
    .organization()
    .catch(() => ({ accounts: [] as Organization['accounts'] }));
  const accountOus = new Map(org.accounts.filter((a) => a.ou).map((a) => [a.id, a.ou as string]));
  return createApiServer({ store: vigil.store, policies: [...vigil.policies], clock: vigil.clock, owners: vigil.config.owners, teams: vigil.config.teams ?? {}, escalation: vigil.config.escalation, accountOus,
    auth: await createAuthenticator(vigil),
    // The service `vigil approve` uses: the same security-team check, transaction and audit event.
    approvals: await createApprovals(vigil),
    // Every N audited API writes, a signed checkpoint (audit.checkpointEvery).
    afterAudit: () => vigil.checkpointer.maybeCheckpoint(vigil.store),
  });
};

/**
 * The scan worker thread's graph: the same parts as `createVigil` (no store; the calling thread
 * writes), built from the config and policy set the caller posted, streaming evaluated batches.
 *
 * @example
 * const stream = createScanProducer(workerData);
 * for await (const batch of stream.batches) port.postMessage(batch);
 */
export const createScanProducer = (input: Omit<ScanWorkerInput, 'credits'>): EvaluatedStream => {
  const registries = createRegistries();
  const parts = scanPartsFor(input.config, registries, compilePolicySet(input.policySet, registries), new ManualClock(input.now));
  return evaluateStream({
    provider: parts.provider(input.source, input.demoEpoch),
    evaluator: parts.evaluator,
    owners: parts.owners,
    request: input.request,
    now: input.now,
    snapshots: input.config.inventory.snapshots,
  });
};

/** What `vigil audit` works with: the store, the checkpointer, and the signing key's public half. */
export interface AuditTrail {
  readonly store: Store;
  readonly checkpointer: AuditCheckpointer;
  readonly key: SigningKey | undefined;
  /**
   * Verifies the stored chain (`vigil audit verify`): with `workers` > 1, a chain longer than
   * `parallelFrom` events (default 1,000,000: a worker takes seconds to start) on a database file or server is cut into that many ranges, each verified by a
   * worker thread on its own connection; otherwise streamed in order on this thread. Same verdict.
   */
  verify(opts: VerifyOptions & { workers?: number; parallelFrom?: number }): Promise<AuditVerifyReport>;
  close(): Promise<void>;
}

/** The chain range worker's entry: .ts under tsx (tests, development), .js when compiled. */
const CHAIN_RANGE_WORKER_ENTRY = new URL(`./workers/chain-range-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** Verifies one range of the chain on a worker thread with its own store connection. */
const chainRangeOnWorker = (storeUrl: string, pageSize: number) => (range: ChainRange, wantAt: readonly number[]): Promise<ChainRangeResult> =>
  new Promise((resolve, reject) => {
    const workerData: ChainRangeWorkerInput = { storeUrl, range, wantAt: [...wantAt], pageSize };
    const entry = CHAIN_RANGE_WORKER_ENTRY;
    // Node 20 does not pass tsx's loader to worker threads, so the TypeScript worker registers it itself.
    const worker = entry.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, workerData })
      : new Worker(entry, { workerData });
    let result: ChainRangeResult | undefined;
    worker.once('message', (m: ChainRangeResult) => (result = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`audit verify: the worker for seq ${range.after + 1}… exited (${code}) without a result`))));
  });

/** A store another thread can open as well: a database file or server, not `:memory:`. */
const sharedStore = (url: string): boolean => !/^(sqlite:(\/\/)?)?:memory:$/i.test(url.trim());

/**
 * The audit trail's graph for `vigil audit verify/export/expire/checkpoint`.
 * @example const trail = await openAuditTrail(config); await trail.checkpointer.checkpoint(trail.store);
 */
export const openAuditTrail = async (config: VigilConfig, opts: { clock?: Clock; store?: Store } = {}): Promise<AuditTrail> => {
  const clock = opts.clock ?? systemClock;
  const key = await signingKeyFor(config);
  const store = opts.store ?? (await storeFor(config));
  const verify = async (opts: VerifyOptions & { workers?: number; parallelFrom?: number }): Promise<AuditVerifyReport> => {
    const workers = opts.workers ?? 1;
    const length = (await store.audit.head()).seq - (await store.audit.anchor()).seq;
    if (workers < 2 || !sharedStore(config.store.url) || length < (opts.parallelFrom ?? 1_000_000)) return verifyStoredChain(store.audit, store.checkpoints, opts);
    return verifyStoredChainInRanges(store.audit, store.checkpoints, { ranges: workers, runRange: chainRangeOnWorker(config.store.url, opts.pageSize ?? VERIFY_PAGE_SIZE), ...(opts.publicKey ? { publicKey: opts.publicKey } : {}) });
  };
  return { store, key, checkpointer: new AuditCheckpointer(key, config.audit.checkpointEvery, clock), verify, close: () => store.close() };
};

/**
 * The keyed pseudonymiser for reports shared outside the security team (`--pseudonymise`): its key is
 * the content of `audit.pseudonymKeyFile` / VIGIL_PSEUDONYM_KEY_FILE.
 * @throws UsageError when no key file is configured or it cannot be read.
 */
export const buildPseudonymiser = async (config: VigilConfig): Promise<Pseudonymiser> => {
  const file = config.audit.pseudonymKeyFile;
  if (!file) throw new UsageError('--pseudonymise needs a key: set audit.pseudonymKeyFile or VIGIL_PSEUDONYM_KEY_FILE (a file of at least 16 random bytes)', { field: 'audit.pseudonymKeyFile' });
  const key = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`audit.pseudonymKeyFile: cannot read ${file} (${e.code ?? e.message})`, { field: 'audit.pseudonymKeyFile' });
  });
  if (key.length < 16) throw new UsageError(`audit.pseudonymKeyFile: ${file} holds ${key.length} bytes; use at least 16 random bytes`, { field: 'audit.pseudonymKeyFile' });
  return new Pseudonymiser(key);
};

/**
 * The configured store if it already holds data, else undefined: reports read the latest scan, and a
 * SQLite file that does not exist yet means "never scanned" — opening it would create an empty
 * database as a side effect. Close it when done.
 */
export const openScannedStore = async (config: VigilConfig): Promise<Store | undefined> => {
  const url = config.store.url.trim();
  const file = url.replace(/^sqlite:(\/\/)?/i, '');
  if (!/^postgres(ql)?:\/\//i.test(url) && (file === ':memory:' || !existsSync(file))) return undefined;
  return storeFor(config);
};

/**
 * docs/controls.md from the built-in policies. Policy paths are relative to the repository root (not
 * the caller's cwd), so the bytes are the same wherever it runs.
 * @throws DiagnosticsError when a built-in policy does not load.
 */
export const builtinControlsDoc = async (): Promise<string> => {
  const registries = createRegistries();
  const { PolicyLoader } = await import('./policies/policy-loader.js');
  const loaded = await new PolicyLoader(registries, dirname(BUILTIN_POLICY_DIR)).load([{ path: BUILTIN_POLICY_DIR, builtin: true }]);
  if (loaded.diagnostics.length) throw new DiagnosticsError('policy.invalid', loaded.diagnostics);
  const { renderControlsDoc } = await import('./reports/controls-doc.js');
  return renderControlsDoc({ policies: loaded.policies, resourceTypes: registries.resourceTypes, frameworks: buildFrameworks() });
};

// ── the management app ──────────────────────────────────────────────────────────────────────────

/** What the manager role runs: the escalation manager, notification delivery, approvals. */
export interface ManagerRole {
  readonly manager: import('./escalation/manager-service.js').ManagerService;
  readonly delivery: import('./notifications/notification-delivery-service.js').NotificationDeliveryService;
  readonly approvals: import('./escalation/approval-service.js').ApprovalService;
  /** The report plans of config `reports.plans` (none: a scheduler with nothing to do). */
  readonly reports: import('./reports/report-scheduler.js').ReportScheduler;
  /** One manager run, then delivery of what it (and earlier runs) put in the outbox (digests to owners, enforcement requests to the bus), then the report plans that are due. */
  runOnce(): Promise<{
    manager: import('./escalation/manager-service.js').ManagerRunReport;
    delivery: import('./notifications/notification-delivery-service.js').DeliveryReport;
    relay: import('./bus/outbox-relay.js').RelayReport;
    reports: import('./reports/report-scheduler.js').ReportRunReport;
  }>;
  /** Moves the enforcement requests in the outbox onto the bus (runOnce does it after each manager run). */
  relayOnce(): Promise<import('./bus/outbox-relay.js').RelayReport>;
  /** Closes the bus connection it opened (not a bus it was given). */
  close(): Promise<void>;
}

/**
 * The report scheduler over a graph: config `reports.plans` resolved (framework names, teams' e-mail
 * addresses, schedules checked now), reports produced from the graph's store and policies, delivered
 * to a directory or over `notifications.email`.
 * @throws UsageError naming the plan when a framework, a team or the e-mail settings are missing.
 */
export const createReportScheduler = async (vigil: Vigil, opts: { env: Readonly<Record<string, string | undefined>>; cwd?: string }): Promise<import('./reports/report-scheduler.js').ReportScheduler> => {
  const { ReportScheduler } = await import('./reports/report-scheduler.js');
  const { produceReport, resolveFramework } = await import('./reports/report-producer.js');
  const { reportDeliveries } = await import('./reports/report-deliveries.js');
  const { scheduleOf } = await import('./reports/report-schedule.js');
  const { s3ReportTarget } = await import('./reports/report-s3-target.js');
  const { config } = vigil;
  const configured = config.reports?.plans ?? [];
  const frameworks = buildFrameworks();
  const plans = configured.map((p): import('./reports/report-scheduler.js').ReportPlan => {
    const where = `reports.plans.${p.name}`;
    const frameworkId = resolveFramework(frameworks.ids(), p.framework);
    if (!frameworkId) throw new UsageError(`${where}.framework: unknown "${p.framework}"; known: ${frameworks.ids().join(', ')}`, { field: `${where}.framework` });
    const email = [...(p.to.email ?? [])];
    const chat: import('./reports/report-scheduler.js').ChatTarget[] = [];
    for (const team of p.to.teams ?? []) {
      const channels = config.teams?.[team]?.channels;
      if (!channels?.email?.length && !channels?.slack && !channels?.teams) throw new UsageError(`${where}.to.teams: team "${team}" has no e-mail, Slack or Teams channel (teams.${team}.channels)`, { field: `${where}.to.teams` });
      email.push(...(channels.email ?? []));
      if (channels.slack) chat.push({ kind: 'slack', team, hook: channels.slack });
      if (channels.teams) chat.push({ kind: 'teams', team, hook: channels.teams });
    }
    if (email.length && !config.notifications?.email) throw new UsageError(`${where}.to: e-mailing reports needs notifications.email (smtpUrl, from)`, { field: 'notifications.email' });
    return {
      name: p.name, frameworkId, kind: p.kind ?? 'compliance', format: p.format, schedule: scheduleOf(p), runAtStart: p.cron === undefined,
      organisation: p.organisation ?? 'Vigil', pseudonymise: p.pseudonymise === true, email: [...new Set(email)],
      ...(p.accounts ? { accounts: p.accounts } : {}), ...(p.to.dir ? { dir: p.to.dir } : {}),
      ...(p.to.s3 ? { s3: s3ReportTarget(p.to.s3) } : {}), ...(chat.length ? { chat } : {}),
    };
  });
  const key = plans.length ? await signingKeyFor(config) : undefined;
  const pseudonymiser = plans.some((p) => p.pseudonymise) ? await buildPseudonymiser(config) : undefined;
  return new ReportScheduler({
    plans,
    store: vigil.store,
    clock: vigil.clock,
    deliveries: reportDeliveries({ email: config.notifications?.email, env: opts.env, cwd: opts.cwd ?? process.cwd(), timeoutMs: 30_000 }),
    produce: (plan, period) =>
      produceReport(
        { store: vigil.store, frameworks, policies: vigil.policies, publicKey: key?.publicKey, chromium: opts.env['VIGIL_CHROMIUM'] },
        {
          kind: plan.kind, frameworkId: plan.frameworkId, format: plan.format, organisation: plan.organisation, generatedAt: vigil.clock.now().toISOString(), to: period.to,
          ...(period.from && plan.kind === 'activity' ? { from: period.from } : {}),
          ...(plan.accounts ? { accounts: plan.accounts } : {}),
          ...(plan.pseudonymise && pseudonymiser ? { pseudonymiser } : {}),
        },
      ),
  });
};

/**
 * The manager role over a graph (`vigil manage`, `vigil worker --role manager`, `vigil start`,
 * `vigil demo`): ladders from the loaded policies and config, exceptions re-read from
 * `notifications.exceptionsDir` at each run, OUs from the provider's organisation, enforcement
 * requests into the outbox, digests delivered through the configured channels.
 *
 * @example
 * const role = await createManager(vigil, { env: process.env, worker: `manager-${process.pid}` });
 * await role.runOnce(); // { manager: { reminded: 12, … }, delivery: { sent: 3, … } }
 */
export const createManager = async (
  vigil: Vigil,
  opts: {
    env: Readonly<Record<string, string | undefined>>;
    worker: string;
    cwd?: string;
    requests?: import('./escalation/enforcement-requests.js').EnforcementRequests;
    /** Where exceptions come from instead of the exceptions directory (the demo's scripted ones). */
    exceptions?: () => Promise<readonly import('./exceptions/policy-exception.js').PolicyException[]>;
    /** The bus to relay enforcement requests to (the in-process enforcers' own); absent: the configured bus, opened here. */
    bus?: Bus;
  },
): Promise<ManagerRole> => {
  const { ManagerService } = await import('./escalation/manager-service.js');
  const { OutboxEnforcementRequests } = await import('./escalation/enforcement-requests.js');
  const { managedPolicies } = await import('./escalation/managed-policies.js');
  const { loadExceptions } = await import('./exceptions/exception-loader.js');
  const { parseDuration } = await import('./escalation/duration.js');
  const { createNotificationDelivery } = await import('./notifications/notification-delivery-factory.js');
  const { resolve } = await import('node:path');
  const config = vigil.config;
  const policies = managedPolicies(vigil.policies);
  const cwd = opts.cwd ?? process.cwd();
  const exceptionsDir = resolve(cwd, config.notifications?.exceptionsDir ?? 'exceptions');
  const org = await vigil
    .provider()
    .organization()
    .catch(() => ({ accounts: [] as Organization['accounts'] }));
  const accountOus = new Map(org.accounts.filter((a) => a.ou).map((a) => [a.id, a.ou as string]));
  const publicUrl = config.server.publicUrl;
  const manager = new ManagerService({
    store: vigil.store,
    clock: vigil.clock,
    policies,
    settings: config.escalation,
    // Valid or not (`vigil validate` reports the problems), an exception whose policy ids and selector
    // parse is honoured: the manager must not chase what the security team has excused.
    exceptions:
      opts.exceptions ??
      (async () =>
        (await loadExceptions(exceptionsDir, { policyIds: new Set(policies.keys()), now: '1970-01-01T00:00:00.000Z', maxDurationMs: Number.POSITIVE_INFINITY, approvers: new Set() }, cwd)).exceptions),
    accountOus,
    requests: opts.requests ?? new OutboxEnforcementRequests(),
    ...(config.owners.securityTeam ? { securityTeam: config.owners.securityTeam } : {}),
    exceptionHowTo: (v) =>
      `Ask the security team to add an exception under ${config.notifications?.exceptionsDir ?? 'exceptions'}/ (selector arn: ${v.resourceArn}, policies: [${v.policyId}], with a justification and an expiry; \`vigil validate\` checks it)${publicUrl ? `, or open ${publicUrl}/#violation=${v.id}` : ''}`,
    maxExceptionMs: parseDuration(config.escalation.maxExceptionDuration, 'escalation.maxExceptionDuration'),
    batchSize: config.escalation.batchSize,
  });
  const delivery = createNotificationDelivery(config, { outbox: vigil.store.outbox, audit: vigil.store.audit, notifiers: await buildNotifiers(config, opts.env, cwd), worker: opts.worker });
  const approvals = await createApprovals(vigil);
  const reports = await createReportScheduler(vigil, opts);
  const { OutboxRelay } = await import('./bus/outbox-relay.js');
  // Opened at the first run: approving or rejecting (`vigil approve`) needs no bus.
  let ownBus: Bus | null = null;
  let relay: import('./bus/outbox-relay.js').OutboxRelay | null = null;
  const relayOf = async () => {
    if (relay) return relay;
    let bus = opts.bus;
    if (!bus) {
      // The publisher makes sure the stream and the families' consumers exist (a no-op on the embedded bus).
      const opened = await openBus(vigil, 'vigil-manager');
      ownBus = opened.bus;
      await opened.ensureTopology([...new Set((await buildActions()).keys().map((k) => actionFamily(k)))].sort());
      bus = opened.bus;
    }
    return (relay = new OutboxRelay(vigil.store, bus, vigil.clock));
  };
  return {
    manager,
    delivery,
    approvals,
    reports,
    relayOnce: async () => (await relayOf()).relayOnce(),
    async runOnce() {
      const report = await manager.runOnce();
      const relayed = await (await relayOf()).relayOnce();
      return { manager: report, delivery: await delivery.deliverPending(vigil.clock.now()), relay: relayed, reports: await reports.runDue() };
    },
    close: async () => {
      await ownBus?.close();
    },
  };
};

// ── enforcement ───────────────────────────────────────────────────────────────────────────────

/** The enforcement action registry (built-in actions). */
export const buildActions = async (): Promise<Registry<EnforcementAction>> => {
  const { allActions } = await import('./enforcers/actions/all-actions.js');
  return new Registry<EnforcementAction>('action', allActions());
};

/** Enforcement settings from config: dry-run on any live source unless the config says enforce. */
export const enforcementSettingsFor = (config: VigilConfig): EnforcementSettings => ({
  ...DEFAULT_ENFORCEMENT_SETTINGS,
  mode: config.enforcement.mode ?? (config.scan.source === 'demo' ? 'enforce' : 'dry-run'),
  actions: config.enforcement.actions,
  maxPerAccountPerHour: config.enforcement.maxPerAccountPerHour,
  circuitBreaker: config.enforcement.circuitBreaker,
  approvalFor: config.enforcement.approvalFor,
});

/**
 * The configured bus: embedded (a table in the graph's store) or NATS JetStream, plus how to create
 * the NATS stream and consumers (a no-op on the embedded bus).
 */
export const openBus = async (vigil: Vigil, name: string): Promise<{ bus: Bus; ensureTopology: (families: readonly string[]) => Promise<void> }> => {
  const { config, clock, store } = vigil;
  const busOpts = { maxDeliver: config.bus.maxDeliver, ackWaitMs: config.bus.ackWaitMs };
  if (config.bus.kind === 'nats') {
    const { NatsBus } = await import('./bus/nats/nats-bus.js');
    const nats = await NatsBus.connect({ ...config.bus.nats, ...busOpts, name }, clock);
    return { bus: nats, ensureTopology: (families) => nats.ensureTopology(families) };
  }
  const { EmbeddedBus } = await import('./bus/embedded/embedded-bus.js');
  return { bus: new EmbeddedBus(store.busQueue, clock, busOpts), ensureTopology: async () => undefined };
};

/** What the enforcer and publisher roles share: the bus of the configured kind, the actions, AWS clients. */
export interface Enforcement {
  readonly bus: Bus;
  readonly actions: Registry<EnforcementAction>;
  readonly settings: EnforcementSettings;
  /** One worker for a family (`s3`), consuming its topic with the shared service. */
  worker(family: string, name?: string): BusWorker;
  /** Families of the registered actions (`enforcer:*`). */
  families(): string[];
  /**
   * Handles every message ready now on every family's topic, one at a time, and returns what became of
   * them: the demo's simulated day and tests, where no worker loop runs.
   */
  drain(): Promise<import('./enforcers/enforcement-service.js').DeliveryOutcome[]>;
  rollback(actionId: string, actor: string): Promise<EnforcementActionRecord>;
  /** Creates the NATS stream and the families' durable consumers (an operator's or publisher's job; a no-op on the embedded bus). */
  ensureTopology(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The enforcer role over a graph: the configured bus (embedded on the graph's store, or NATS), the
 * action registry, AWS clients, and a worker per family. The manager publishes with `bus.publish`.
 *
 * @example
 * const enforcement = await createEnforcement(vigil);
 * const worker = enforcement.worker('s3');
 * await worker.start();
 */
export const createEnforcement = async (vigil: Vigil): Promise<Enforcement> => {
  const { config, clock, store } = vigil;
  const builtin = await buildActions();
  // On the demo estate the actions change the demo overlay, not AWS (the next scan shows it).
  const { onDemoEstate } = await import('./enforcers/demo-estate-actions.js');
  const actions = config.scan.source === 'demo' ? new Registry<EnforcementAction>('action', builtin.keys().map((k) => onDemoEstate(builtin.get(k), vigil.demoOverlay))) : builtin;
  const settings = enforcementSettingsFor(config);
  const { awsClientFactory } = await import('./enforcers/aws-api.js');
  const aws = awsClientFactory(config.enforcement.awsEndpoint ? { endpoint: config.enforcement.awsEndpoint } : {});
  const families = () => [...new Set(actions.keys().map((k) => actionFamily(k)))].sort();
  const { bus, ensureTopology: topology } = await openBus(vigil, 'vigil-enforcer');
  const ensureTopology = () => topology(families());
  const { EnforcementService } = await import('./enforcers/enforcement-service.js');
  const { BusWorker } = await import('./enforcers/enforcement-worker.js');
  const { RollbackService } = await import('./enforcers/rollback-service.js');
  const services = new Map<string, InstanceType<typeof EnforcementService>>();
  const serviceFor = (family: string) => {
    let service = services.get(family);
    if (!service) services.set(family, (service = new EnforcementService({ store, actions, aws, settings, clock, actor: `enforcer:${family}`, maxDeliver: bus.maxDeliver })));
    return service;
  };
  return {
    bus,
    actions,
    settings,
    families,
    worker: (family, name = `enforcer:${family}`) => new BusWorker({ bus, family, name, clock, handle: (d) => serviceFor(family).handle(d) }),
    async drain() {
      const out: import('./enforcers/enforcement-service.js').DeliveryOutcome[] = [];
      for (const family of families()) {
        for (let batch = await bus.fetch(family, { max: 100, waitMs: 0 }); batch.length > 0; batch = await bus.fetch(family, { max: 100, waitMs: 0 })) {
          for (const d of batch) out.push(await serviceFor(family).handle(d));
        }
      }
      return out;
    },
    ensureTopology,
    rollback: (actionId, actor) => new RollbackService({ store, actions, aws, clock, actor }).rollback(actionId),
    close: () => bus.close(),
  };
};
