import type { RiskClass } from '../policies/policy.js';

export type EnforcementMode = 'dry-run' | 'enforce';

/**
 * The safety switches of enforcement, validated config handed to the enforcers (defaults live in
 * config, not here). Dry-run is the default for any live AWS source until the config says otherwise.
 *
 * @example
 * const settings: EnforcementSettings = { mode: 'dry-run', actions: { 'ec2.stop-instance': { mode: 'dry-run' } }, … };
 */
export interface EnforcementSettings {
  /** Global mode; an action's own mode can only make it stricter (dry-run), unless the global is enforce. */
  readonly mode: EnforcementMode;
  readonly actions: Readonly<Record<string, { readonly mode?: EnforcementMode; readonly enabled?: boolean; readonly maxPerHour?: number }>>;
  /** Most actions (not dry-run) per account per hour, all actions together. */
  readonly maxPerAccountPerHour: number;
  /** Refuse an action that would take the share of an account's resources of one type acted on in the window above this. */
  readonly circuitBreaker: { readonly maxPercent: number; readonly minResources: number; readonly windowHours: number };
  /** Risk classes whose actions run only with an approval in the message. */
  readonly approvalFor: readonly RiskClass[];
  /** Re-reads after acting until the change shows (eventual consistency), with this delay doubling. */
  readonly verify: { readonly attempts: number; readonly delayMs: number };
  /** Redelivery delay after a transient error: base × 2^(attempt-1), capped. */
  readonly retry: { readonly baseMs: number; readonly maxMs: number };
}

/** Whether an action runs for real. */
export const isDryRun = (s: EnforcementSettings, action: string): boolean => s.mode === 'dry-run' || s.actions[action]?.mode === 'dry-run';

export const DEFAULT_ENFORCEMENT_SETTINGS: EnforcementSettings = Object.freeze<EnforcementSettings>({
  mode: 'enforce',
  actions: {},
  maxPerAccountPerHour: 1_000,
  circuitBreaker: { maxPercent: 20, minResources: 5, windowHours: 24 },
  approvalFor: ['irreversible'],
  verify: { attempts: 4, delayMs: 500 },
  retry: { baseMs: 1_000, maxMs: 300_000 },
});
