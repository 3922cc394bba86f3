/**
 * Vigil as a library: load and compile policies, evaluate resources, scan providers, and read the
 * results from a store — the same engine the CLI runs.
 *
 * @example
 * import { loadConfig, loadPolicySet, Evaluator, PreloadedLookup } from 'vigil';
 * const config = await loadConfig({ env: {} });
 * const { compiled } = await loadPolicySet(config);
 * const evaluator = new Evaluator(compiled);
 * const { findings } = evaluator.evaluate([bucket], { now: Date.now(), lookup: new PreloadedLookup(), organization: { accounts: [] } });
 */
export { loadConfig, ENVIRONMENT } from './config/config-loader.js';
export { DEFAULT_CONFIG, type VigilConfig } from './config/vigil-config.js';
export { createVigil, loadPolicySet, policyDirectories, type Vigil } from './composition-root.js';

export type { Resource, QuarantinedRecord } from './inventory/resource.js';
export type { ResourceTypeDefinition } from './inventory/resource-type.js';
export { ResourceTypeRegistry } from './inventory/resource-type-registry.js';
export { parseResourceRecord } from './inventory/resource-record.js';
export { OwnerResolver, DEFAULT_OWNER_RULES } from './inventory/owner-resolver.js';

export type { PolicyDefinition, LoadedPolicy, ConditionSpec, Remediation } from './policies/policy.js';
export { PolicyLoader, type PolicyDirectory } from './policies/policy-loader.js';
export { ConditionCompiler } from './policies/condition/condition-compiler.js';
export { compilePolicy, type CompiledPolicy } from './policies/compiled-policy.js';
export { buildPolicySchema } from './policies/policy-schema.js';
export { createRegistries, BUILTIN_POLICY_DIR, type Registries } from './policies/registries.js';
export { OperatorRegistry } from './policies/operators/operator-registry.js';
export type { OperatorDefinition } from './policies/operators/operator.js';
export { FilterRegistry } from './policies/filters/filter-registry.js';
export type { NamedFilterDefinition, FilterContext, ResourceLookup } from './policies/filters/named-filter.js';
export { runPolicyTests } from './policies/policy-test-runner.js';

export { Evaluator } from './evaluation/evaluator.js';
export { PreloadedLookup } from './policies/filters/preloaded-lookup.js';
export { ScanService, type ScanReport, type ScanOptions } from './evaluation/scan-service.js';

export type { Provider, CollectedBatch } from './providers/provider.js';
export type { CollectRequest } from './inventory/collect-request.js';
export type { Organization, Account } from './inventory/organization.js';
export { DemoProvider } from './providers/demo/demo-provider.js';
export { FileProvider } from './providers/file/file-provider.js';

export { openStore, type OpenStoreOptions } from './store/open-store.js';
export type { Store, StorePorts } from './store/store.js';
export type { InventoryStore, StoredResource, ResourceQuery } from './store/ports/inventory-store.js';
export type { ViolationStore, ViolationQuery } from './store/ports/violation-store.js';
export type { AuditLog, EventQuery } from './store/ports/audit-log.js';
export type { ScanStore, ScanRecord, PolicyResultRow } from './store/ports/scan-store.js';
export type { QuarantineStore, StoredQuarantine } from './store/ports/quarantine-store.js';
export type { Violation, ViolationState, Finding } from './violations/violation.js';
export type { Evidence } from './violations/evidence.js';
export { violationId } from './violations/violation-id.js';
export { reconcile } from './violations/violation-reconciler.js';
export type { AuditEvent } from './audit/audit-event.js';

export { buildPostureSummary } from './reports/posture-summary.js';
export { ManualClock, systemClock, type Clock } from './common/clock.js';
export { VigilError, UsageError, DiagnosticsError } from './common/vigil-error.js';
export { Registry, type RegistryTraits, type RegistryEntryInfo } from './common/registry.js';
export { runCli } from './cli/main.js';
