import type { Resource } from '../inventory/resource.js';
import type { FilterContext } from '../policies/filters/named-filter.js';
import type { Organization } from '../inventory/organization.js';

/** A resource for tests: only what the test cares about needs saying. */
export const aResource = (config: Record<string, unknown>, over: Partial<Resource> = {}): Resource => ({
  provider: 'aws',
  accountId: '111122223333',
  region: 'eu-west-1',
  type: 'aws.s3.bucket',
  id: 'r-1',
  arn: 'arn:aws:s3:::r-1',
  name: 'r-1',
  tags: {},
  config,
  observedAt: '2026-06-01T00:00:00.000Z',
  ...over,
});

/**
 * A filter context for tests: a real in-memory lookup over the given resources whose memo really
 * memoises and counts its builds (so a test also catches a filter that rebuilds its index per resource).
 */
export const testFilterContext = (
  now: number,
  resources: Resource[] = [],
  organization: Organization = { accounts: [] },
): FilterContext & { builds: Map<string, number> } => {
  const memo = new Map<string, unknown>();
  const builds = new Map<string, number>();
  return {
    now,
    organization,
    builds,
    lookup: {
      byType: (t) => resources.filter((r) => r.type === t),
      byArn: (a) => resources.find((r) => r.arn === a),
      memo: <T>(k: string, build: () => T): T => {
        if (!memo.has(k)) {
          builds.set(k, (builds.get(k) ?? 0) + 1);
          memo.set(k, build());
        }
        return memo.get(k) as T;
      },
    },
  };
};

/** A filter context at a fixed instant, in a one-account organisation. */
export const aContext = (now = Date.parse('2026-06-01T00:00:00Z'), resources: Resource[] = []): FilterContext =>
  testFilterContext(now, resources, { accounts: [{ id: '111122223333', name: 'prod' }] });
