import type { ActionContext, EnforcementAction } from '../enforcement-action.js';
import { mergeStatement, NoParams, parsePolicy } from './action-helpers.js';

/**
 * One resource policy document (a bucket policy, a vault access policy): how to read it (null when
 * there is none), write it whole and delete it, and what that needs.
 */
export interface PolicyDocument {
  readonly permissions: readonly string[];
  readonly commands: readonly string[];
  get(ctx: ActionContext<any>): Promise<string | null>;
  put(ctx: ActionContext<any>, policy: string): Promise<void>;
  remove(ctx: ActionContext<any>): Promise<void>;
}

export type PolicyState = { policy: string | null };

/** Puts the document back as it was: the recorded text, or no policy at all. */
export const restorePolicy = (doc: PolicyDocument, ctx: ActionContext<any>, before: PolicyState): Promise<void> =>
  before.policy ? doc.put(ctx, before.policy) : doc.remove(ctx);

/**
 * An action that merges one statement (found by its Sid, replaced if present) into a resource
 * policy and touches no other statement; undo writes back the recorded document.
 *
 * @example
 * export const s3DenyInsecureTransport = statementAction({ name: 's3.deny-insecure-transport', doc: bucketPolicy, statement: (ctx) => ({ Sid: …, Effect: 'Deny', … }), satisfied: denies, … });
 */
export const statementAction = (spec: {
  name: string;
  description: string;
  resourceTypes: readonly string[];
  doc: PolicyDocument;
  statement(ctx: ActionContext<Record<string, never>>): Record<string, unknown>;
  /** Whether an existing statement already does what the merged one would. */
  satisfied(statement: Record<string, unknown>): boolean;
}): EnforcementAction<Record<string, never>, PolicyState> => ({
  name: spec.name,
  description: spec.description,
  schema: NoParams,
  resourceTypes: spec.resourceTypes,
  risk: 'safe',
  reversible: true,
  permissions: spec.doc.permissions,
  commands: spec.doc.commands,
  read: async (ctx) => ({ policy: await spec.doc.get(ctx) }),
  compliant: (s) => !!parsePolicy(s.policy)?.Statement.some(spec.satisfied),
  apply: (ctx, before) => spec.doc.put(ctx, mergeStatement(before.policy, spec.statement(ctx))),
  undo: (ctx, before) => restorePolicy(spec.doc, ctx, before),
});
