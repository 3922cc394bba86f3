import type { Resource } from '../inventory/resource.js';
import type { Organization } from '../inventory/organization.js';
import { testFilterContext } from './resource-fixture.js';
import type { FilterContext } from '../policies/filters/named-filter.js';

/**
 * A tiny in-memory estate for the backup filters' unit tests: a real ResourceLookup over a list of
 * resources, memoising like the evaluator does (so tests also catch a filter that rebuilds its index).
 *
 * @example
 * const ctx = filterContext([selection, table], '2026-11-22T12:00:00Z');
 */
export const filterContext = (resources: Resource[], now: string, organization: Organization = { accounts: [] }): FilterContext & { builds: Map<string, number> } =>
  testFilterContext(Date.parse(now), resources, organization);

/** A resource in the test account/Region with sensible identity defaults. */
export const res = (type: string, arn: string, config: Record<string, unknown>, more: Partial<Resource> = {}): Resource => ({
  provider: 'aws',
  accountId: '111122223333',
  region: 'eu-west-1',
  type,
  id: arn.slice(arn.lastIndexOf('/') + 1),
  arn,
  name: arn.slice(arn.lastIndexOf('/') + 1),
  tags: {},
  config,
  observedAt: '2026-11-22T12:00:00.000Z',
  ...more,
});
