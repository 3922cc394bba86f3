import type { Resource } from '../inventory/resource.js';

export { testFilterContext } from './resource-fixture.js';

/** A resource of the given type around a config, with the identity facts filled in. */
export const testResource = (type: string, config: Record<string, unknown>, name = 'r'): Resource => ({
  provider: 'aws', accountId: '111122223333', region: 'global', type, id: name, arn: `arn:aws:test:::${type}/${name}`, name,
  tags: {}, config, observedAt: '2026-11-22T00:00:00.000Z',
});
