import type { Severity } from '../common/severity.js';

/** The condition language (see docs/policy-language.md); compiled once, never interpreted per resource. */
export type ConditionSpec =
  | { all: ConditionSpec[] }
  | { any: ConditionSpec[] }
  | { none: ConditionSpec[] }
  | { not: ConditionSpec }
  | ({ filter: string } & Record<string, unknown>)
  | { [path: string]: FieldTestSpec };

/** A scalar (shorthand for `eq`) or a map of operators, all of which must hold. */
export type FieldTestSpec = string | number | boolean | null | { [operator: string]: unknown };

/** A reference to a policy parameter, usable wherever an operand is expected: `{ param: maxAgeDays }`. */
export interface ParamRef {
  param: string;
}

export interface ParameterDefinition {
  type: 'number' | 'integer' | 'string' | 'boolean' | 'string-list';
  default: unknown;
  description: string;
}

/**
 * How bad and how reversible the enforcement action is:
 * safe (no service impact), disruptive (may break a workload), irreversible (cannot be undone),
 * manual (a person must act; Vigil only notifies).
 */
export type RiskClass = 'safe' | 'disruptive' | 'irreversible' | 'manual';

export interface Remediation {
  /** What the owner should do, in plain words. */
  guidance: string;
  console?: string;
  cli?: string;
  /** Reminder ladder before enforcement: `{ times: 3, every: 2d }`. */
  remind?: { times: number; every: string };
  /** Enforcement action id, e.g. `s3.block-public-access`. */
  enforce?: string;
  /** Parameters of the `enforce` action (`tag.set`: `{ tags: { owner: unknown } }`), checked against its schema at load. */
  params?: Record<string, unknown>;
  /** Instead of enforcing: the team the violation is handed to when the reminders run out. */
  escalate?: string;
  risk?: RiskClass;
  reversible?: boolean;
  /** Whether a person must approve before the action runs (always true for irreversible). */
  approval?: boolean;
}

/**
 * A policy as written in YAML. `where` describes the *violation*: a resource that matches it is
 * out of policy.
 *
 * @example
 * const p: PolicyDefinition = {
 *   id: 's3-versioning', title: 'S3 buckets keep object versions', resource: 'aws.s3.bucket', severity: 'low',
 *   frameworks: { 'cis-aws@4.0': '2.1.2' }, where: { 'Versioning.Status': { ne: 'Enabled' } },
 *   remediation: { guidance: 'Enable versioning.' },
 * };
 */
export interface PolicyDefinition {
  id: string;
  title: string;
  description?: string;
  /** One registered resource type, or several when the same rule applies to each (e.g. data stores). */
  resource: string | string[];
  severity: Severity;
  /** Framework id (versioned where numbering moves, e.g. `cis-aws@4.0`) → requirement reference(s). */
  frameworks: Record<string, string | string[]>;
  parameters?: Record<string, ParameterDefinition>;
  /**
   * Which resources of the type the policy is about (e.g. running instances, buckets not on an exempt
   * list). Out-of-scope resources are not judged: no evidence, no score, and a stored violation resolves.
   */
  scope?: ConditionSpec;
  where: ConditionSpec;
  remediation: Remediation;
  enabled?: boolean;
  labels?: string[];
}

/** A policy after loading: where it came from, for error messages and reports. */
export interface LoadedPolicy extends PolicyDefinition {
  source: { file: string; line: number; col: number };
  builtin: boolean;
}
