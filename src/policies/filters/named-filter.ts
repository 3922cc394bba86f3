import type { TSchema } from '@sinclair/typebox';
import type { Resource } from '../../inventory/resource.js';
import type { Organization } from '../../inventory/organization.js';
import type { Evidence } from '../../violations/evidence.js';
import type { EvalEnv } from '../operators/operator.js';

/** Read access to the rest of the inventory during a scan, for cross-resource filters. */
export interface ResourceLookup {
  /** Every resource of a type that a filter declared in `needs` (loaded before the scan streams). */
  byType(type: string): readonly Resource[];
  byArn(arn: string): Resource | undefined;
  /** A value computed once per scan and shared by all evaluations (e.g. an index of backup selections). */
  memo<T>(key: string, build: () => T): T;
}

export interface FilterContext extends EvalEnv {
  lookup: ResourceLookup;
  organization: Organization;
}

/** A compiled filter: evidence when the resource violates, null when it passes. */
export type FilterTest = (resource: Resource, ctx: FilterContext) => Evidence[] | null;

/**
 * A condition too rich for YAML operators (policy-document analysis, cross-resource joins,
 * credential-report parsing), written in code and used in YAML as `{ filter: <name>, ...params }`.
 *
 * @example
 * export const hasTag: NamedFilterDefinition<{ key: string }> = {
 *   name: 'tag-missing', description: 'The resource lacks a tag.',
 *   params: Type.Object({ key: Type.String() }),
 *   compile: ({ key }) => (r) => (key in r.tags ? null : [{ path: `tag:${key}`, expected: 'present', actual: null }]),
 *   example: { filter: 'tag-missing', key: 'owner' },
 * };
 */
export interface NamedFilterDefinition<P = Record<string, unknown>> {
  name: string;
  description: string;
  /** Schema of the parameters (the YAML keys beside `filter:`). */
  params: TSchema;
  /** Resource types this filter reads through `lookup.byType` (collected before the scan streams). */
  needs?: string[];
  /**
   * The top-level config fields it reads (`Policy`, `tag:*` for tags); absent means any. A resource
   * whose collector could not read one of them is left undecided by the policy rather than judged.
   */
  reads?: string[];
  /** Resource types this filter can judge; absent means any. */
  appliesTo?: string[];
  compile(params: P): FilterTest;
  /** A YAML-shaped example use, validated by the meta-test. */
  example: Record<string, unknown>;
}
