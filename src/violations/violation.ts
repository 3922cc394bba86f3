import type { Severity } from '../common/severity.js';
import type { Evidence } from './evidence.js';

/**
 * The lifecycle of a violation (brief, step 3):
 * open → reminded(k) → due → [awaiting-approval] → enforcing → enforced | failed,
 * and from any live state → resolved (the resource passes again or is gone) or excepted (an approved
 * exception covers it). Nothing is deleted: a resolved violation that fails again is reopened.
 */
export const VIOLATION_STATES = [
  'open',
  'reminded',
  'due',
  'awaiting-approval',
  'enforcing',
  'enforced',
  'failed',
  'resolved',
  'excepted',
] as const;
export type ViolationState = (typeof VIOLATION_STATES)[number];

/** States in which the resource is still out of policy and nobody has accepted it. */
export const LIVE_STATES: readonly ViolationState[] = ['open', 'reminded', 'due', 'awaiting-approval', 'enforcing', 'enforced', 'failed'];

export const isLive = (s: ViolationState): boolean => LIVE_STATES.includes(s);

/**
 * One policy failing on one resource. `id` is stable across scans: hash(policy id, resource ARN).
 * The full history is the audit events whose subject is this id.
 */
export interface Violation {
  id: string;
  policyId: string;
  resourceArn: string;
  resourceType: string;
  accountId: string;
  region: string;
  owner: string | null;
  severity: Severity;
  state: ViolationState;
  /** k in reminded(k). */
  remindersSent: number;
  evidence: Evidence[];
  firstSeenAt: string;
  lastSeenAt: string;
  stateChangedAt: string;
  /** When the escalation manager should next look at it (next reminder, enforcement); null when nothing is scheduled. */
  nextActionAt: string | null;
  resolvedAt: string | null;
  /** Why it left the live states: `passes`, `resource-deleted`, `exception:<id>`, `enforced:<action>`… */
  resolution: string | null;
  lastScanId: string;
  /** Optimistic-concurrency counter: bumped on every write, checked by transitions from several workers. */
  version: number;
}

/** A policy failing on a resource in one evaluation, before it is reconciled with the store. */
export interface Finding {
  policyId: string;
  severity: Severity;
  resourceArn: string;
  resourceType: string;
  accountId: string;
  region: string;
  owner: string | null;
  evidence: Evidence[];
}
