/**
 * What the management app (escalation manager) publishes when a violation's reminder ladder runs
 * out, and what an enforcer consumes: the contract between `escalation/` and `bus/` + `enforcers/`.
 * One topic (subject) per action family: the family is the part of `action` before the first dot
 * (`s3.block-public-access` → `s3`; `notify-only` → `notify-only`).
 *
 * @example
 * const msg: EnforcementMessage = {
 *   idempotencyKey: enforcementKey('v-3f2a', 4),
 *   action: 's3.block-public-access', params: {},
 *   violationId: 'v-3f2a', ladderStep: 4,
 *   resource: { arn: 'arn:aws:s3:::payments-raw-7', type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' },
 *   policy: { id: 's3-bucket-public-access-block', version: 'sha256:…' },
 *   approval: null, traceId: '0af7651916cd43dd8448eb211c80319c', requestedAt: '2026-12-09T10:00:00.000Z',
 * };
 * actionFamily(msg.action); // 's3'
 */
export interface EnforcementMessage {
  /** violation id + ladder step: a redelivered or re-published message never acts twice. */
  idempotencyKey: string;
  /** The registered action, e.g. `s3.block-public-access`, `iam.deactivate-access-key`, `notify-only`. */
  action: string;
  /** The action's parameters (validated against the action's JSON Schema by the enforcer). */
  params: Record<string, unknown>;
  violationId: string;
  /** The ladder step that asked for enforcement (reminders sent + 1). */
  ladderStep: number;
  resource: { arn: string; type: string; accountId: string; region: string };
  /** The policy and its version (content hash of the policy as loaded). */
  policy: { id: string; version: string };
  /** Present when the action's risk class needed an approval. */
  approval: { by: string; at: string; reason?: string } | null;
  /** Correlates the manager's step, the bus message, the enforcer's outcome and the audit events. */
  traceId: string;
  requestedAt: string;
}

/** The idempotency key of a violation's enforcement step. */
export const enforcementKey = (violationId: string, ladderStep: number): string => `${violationId}:${ladderStep}`;

/** The topic family of an action: the part before the first dot. */
export const actionFamily = (action: string): string => {
  const dot = action.indexOf('.');
  return dot < 0 ? action : action.slice(0, dot);
};
