import { systemClock, type Clock } from './common/clock.js';
import { DiagnosticsError, UsageError } from './common/vigil-error.js';
import type { VigilConfig } from './config/vigil-config.js';
import { Evaluator } from './evaluation/evaluator.js';
import { ScanService } from './evaluation/scan-service.js';
import { OwnerResolver } from './inventory/owner-resolver.js';
import { compilePolicy, type CompiledPolicy } from './policies/compiled-policy.js';
import { ConditionCompiler } from './policies/condition/condition-compiler.js';
import { applyControlSettings, type EffectivePolicy } from './policies/control-settings.js';
import { PolicyLoader, type PolicyDirectory } from './policies/policy-loader.js';
import { BUILTIN_POLICY_DIR, createRegistries, type Registries } from './policies/registries.js';
import { DemoProvider } from './providers/demo/demo-provider.js';
import { allDemoGenerators } from './providers/demo/generators/all-generators.js';
import { FileProvider } from './providers/file/file-provider.js';
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
  const compiler = new ConditionCompiler(registries.operators, registries.filters);
  const compiled = settings.policies.map((p) => compilePolicy(p, compiler, settings.scopes.get(p.id)));
  return { registries, policies: settings.policies, compiled };
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
  const { registries, policies, compiled } = await loadPolicySet(config);
  const store = opts.store ?? (await openStore({ url: config.store.url }));
  const evaluator = new Evaluator(compiled);
  const ownerAccounts = (accounts: { id: string; owner?: string }[]) =>
    accounts.map((a) => ({ ...a, name: a.id, owner: config.owners.accounts[a.id] ?? a.owner }));
  const scans = new ScanService({
    store,
    evaluator,
    clock,
    owners: (org) => new OwnerResolver(config.owners, ownerAccounts(org.accounts)),
  });
  const provider = (source = config.scan.source): Provider => {
    if (source === 'demo') return new DemoProvider({ seed: config.demo.seed, size: config.demo.size }, allDemoGenerators(), registries.resourceTypes, clock);
    if (source.startsWith('file:')) return new FileProvider(source.slice(5), registries.resourceTypes, clock);
    throw new UsageError(`unknown source "${source}": use demo or file:<path>`);
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
    close: () => store.close(),
  };
};
