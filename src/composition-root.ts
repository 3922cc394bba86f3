import { systemClock, type Clock } from './common/clock.js';
import { DiagnosticsError } from './common/vigil-error.js';
import type { VigilConfig } from './config/vigil-config.js';
import { Evaluator } from './evaluation/evaluator.js';
import { ownerAccounts } from './evaluation/owner-accounts.js';
import { ScanService, type ScanOptions, type ScanReport } from './evaluation/scan-service.js';
import { workerEvaluateStream } from './evaluation/worker-evaluate-stream.js';
import { OwnerResolver } from './inventory/owner-resolver.js';
import type { CompiledPolicy } from './policies/compiled-policy.js';
import { compilePolicySet } from './policies/policy-set.js';
import { applyControlSettings, type EffectivePolicy } from './policies/control-settings.js';
import { PolicyLoader, type PolicyDirectory } from './policies/policy-loader.js';
import { BUILTIN_POLICY_DIR, createRegistries, type Registries } from './policies/registries.js';
import { createProvider } from './providers/provider-factory.js';
import type { Provider } from './providers/provider.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

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
  /** The provider a source names: `demo`, `file:<path>`. */
  provider(source?: string): Provider;
  /** Scans a source (default: the configured one), on a worker thread when `scan.worker` is on. */
  scan(source?: string, opts?: ScanOptions): Promise<ScanReport>;
  close(): Promise<void>;
}

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
  const loaded = await new PolicyLoader(registries).load(policyDirectories(config));
  if (loaded.diagnostics.length) throw new DiagnosticsError('policy.invalid', loaded.diagnostics);
  const settings = applyControlSettings(loaded.policies, config.controls);
  if (settings.diagnostics.length) throw new DiagnosticsError('config.invalid', settings.diagnostics);
  const compiled = compilePolicySet(settings, registries);
  return { registries, policies: settings.policies, scopes: settings.scopes, compiled };
};

/**
 * The composition root: builds everything from validated config; nothing else in Vigil `new`s a
 * store, a provider or a service.
 *
 * @example
 * const vigil = await createVigil(await loadConfig({ env: process.env }));
 * const report = await vigil.scans.run(vigil.provider());
 * await vigil.close();
 */
export const createVigil = async (config: VigilConfig, opts: { clock?: Clock; store?: Store } = {}): Promise<Vigil> => {
  const clock = opts.clock ?? systemClock;
  const { registries, policies, scopes, compiled } = await loadPolicySet(config);
  const store = opts.store ?? (await openStore({ url: config.store.url }));
  const evaluator = new Evaluator(compiled);
  const scans = new ScanService({
    store,
    evaluator,
    clock,
    owners: (org) => new OwnerResolver(config.owners, ownerAccounts(org.accounts, config.owners.accounts)),
    snapshots: config.inventory.snapshots,
  });
  const provider = (source = config.scan.source): Provider => createProvider(source, config, registries.resourceTypes, clock);
  const scan = (source = config.scan.source, opts: ScanOptions = {}): Promise<ScanReport> => {
    const p = provider(source);
    if (!config.scan.worker) return scans.run(p, opts);
    return scans.consume(p.name, (now) => workerEvaluateStream({ config, policySet: { policies, scopes }, source, request: opts.request ?? {}, now }), opts);
  };
  return {
    config,
    clock,
    registries,
    store,
    policies,
    compiled,
    evaluator,
    scans,
    provider,
    scan,
    close: () => store.close(),
  };
};
