import type { Resource } from '../../../inventory/resource.js';
import type { FilterContext } from '../named-filter.js';

/** A FilterContext for unit tests: an in-memory lookup whose memo really memoises (and counts builds). */
export const testFilterContext = (now: number, resources: Resource[] = []): FilterContext & { builds: Map<string, number> } => {
  const memo = new Map<string, unknown>();
  const builds = new Map<string, number>();
  return {
    now,
    organization: { accounts: [] },
    builds,
    lookup: {
      byType: (type) => resources.filter((r) => r.type === type),
      byArn: (arn) => resources.find((r) => r.arn === arn),
      memo: <T>(key: string, build: () => T): T => {
        if (!memo.has(key)) {
          builds.set(key, (builds.get(key) ?? 0) + 1);
          memo.set(key, build());
        }
        return memo.get(key) as T;
      },
    },
  };
};

/** A resource of the given type around a config, with the identity facts filled in. */
export const testResource = (type: string, config: Record<string, unknown>, name = 'r'): Resource => ({
  provider: 'aws', accountId: '111122223333', region: 'global', type, id: name, arn: `arn:aws:test:::${type}/${name}`, name,
  tags: {}, config, observedAt: '2026-11-22T00:00:00.000Z',
});
