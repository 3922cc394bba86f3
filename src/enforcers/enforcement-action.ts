import type { TSchema } from '@sinclair/typebox';
import type { EnforcementMessage } from '../violations/enforcement-message.js';
import type { RiskClass } from '../policies/policy.js';
import type { AwsApi } from './aws-api.js';

/** Where an action's change lands: real AWS through the SDK, or the demo estate's overlay. */
export interface ActionContext<P = Record<string, unknown>> {
  readonly message: EnforcementMessage;
  /** The message's params, validated against the action's schema (defaults applied). */
  readonly params: P;
  readonly resource: EnforcementMessage['resource'];
  /** The resource's name or id as its service's API expects it (bucket name, key id, instance id…), from the ARN. */
  readonly resourceId: string;
  /** The worker's clock at execution (age checks such as "keys older than 90 days"). */
  readonly now: Date;
  /** SDK v3 calls, limited to the commands the action declares (an undeclared one throws). */
  readonly aws: AwsApi;
}

/**
 * One enforcement action: one file per action in `actions/<family>/`, one line in `all-actions.ts`.
 * `read` returns the part of the resource the action changes (what it checks, what it records as the
 * before/after state, what `undo` restores). The worker calls: read → compliant? (skip) → apply →
 * read again until compliant (verify) → record.
 *
 * @example
 * export const kmsEnableKeyRotation: EnforcementAction<{}, { enabled: boolean }> = {
 *   name: 'kms.enable-key-rotation', description: 'Turns on yearly rotation of a customer managed KMS key.',
 *   schema: Type.Object({}), resourceTypes: ['aws.kms.key'], risk: 'safe', reversible: true,
 *   permissions: ['kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation'],
 *   commands: ['kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation'],
 *   read: async (ctx) => ({ enabled: (await ctx.aws.kms().send(new GetKeyRotationStatusCommand({ KeyId: ctx.resourceId }))).KeyRotationEnabled === true }),
 *   compliant: (s) => s.enabled,
 *   apply: async (ctx) => { await ctx.aws.kms().send(new EnableKeyRotationCommand({ KeyId: ctx.resourceId })); },
 *   undo: async (ctx, before) => { if (!before.enabled) await ctx.aws.kms().send(new DisableKeyRotationCommand({ KeyId: ctx.resourceId })); },
 * };
 */
export interface EnforcementAction<P = any, S = any> {
  /** `<family>.<verb>`: the family is the bus topic (`s3`, `iam`…). */
  readonly name: string;
  readonly description: string;
  /** JSON Schema (TypeBox) of `params`; checked before anything runs. */
  readonly schema: TSchema;
  /** Resource types the action applies to (a message for another type is refused). */
  readonly resourceTypes: readonly string[];
  readonly risk: RiskClass;
  /** Whether `undo` can restore the before-state. */
  readonly reversible: boolean;
  /** The exact IAM actions it needs (read, apply, undo): `vigil iam-policy` is generated from these. */
  readonly permissions: readonly string[];
  /** The SDK commands it may send, as `<service>:<Operation>`; any other is refused at run time. */
  readonly commands: readonly string[];
  /** The relevant part of the resource, read fresh. */
  read(ctx: ActionContext<P>): Promise<S>;
  /** Whether that state satisfies the policy (skip before acting; verify after). */
  compliant(state: S, params: P, now: Date): boolean;
  /**
   * Why the action must not run on this resource now (legal hold, vault lock, the resource is the
   * account's last admin…), or null. Checked after `read`, before `apply`.
   */
  guard?(state: S, ctx: ActionContext<P>): string | null;
  apply(ctx: ActionContext<P>, before: S): Promise<void>;
  /** Restores `before` (present when `reversible`). */
  undo?(ctx: ActionContext<P>, before: S): Promise<void>;
  /** False for actions that change nothing (notify-only): the worker records them without verifying. */
  readonly changes?: false;
  /**
   * By resource type, why applying the action to such a resource on the demo estate does not resolve
   * its violation: the change lands on other resources (plans, recovery points) that the demo
   * generates independently of the enforced one. A type not listed resolves there, and
   * demo-remediation.e2e.test.ts holds it to that (and each listed type to not resolving).
   */
  readonly demoUnresolved?: Readonly<Record<string, string>>;
}

/** The family (bus topic) of an action. */
export const familyOf = (a: Pick<EnforcementAction, 'name'>): string => a.name.split('.')[0] ?? a.name;
