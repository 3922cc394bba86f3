import type { ResourceTypeDefinition } from '../../resource-type.js';

/**
 * IAM Access Analyzer in one account and Region: `{ Region, analyzers }` where `analyzers` is
 * ListAnalyzers' list as the API returns it (camelCase: arn, name, type, status, createdAt, tags).
 * It exists even when the list is empty, which is exactly what CIS "analyzer enabled in all Regions" needs.
 *
 * @example
 * accessAnalyzerRegionResourceType.identity({ Region: 'eu-west-1', analyzers: [] }, { accountId: '111122223333', region: 'eu-west-1' }).id; // 'eu-west-1'
 */
export const accessAnalyzerRegionResourceType: ResourceTypeDefinition = {
  type: 'aws.accessanalyzer.region',
  provider: 'aws',
  service: 'accessanalyzer',
  title: 'IAM Access Analyzer (per Region)',
  scope: 'regional',
  sources: ['ListAnalyzers'],
  identity: (c, { accountId, region }) => {
    const r = typeof c.Region === 'string' ? c.Region : region;
    return { id: r, name: `access-analyzer-${r}`, arn: `arn:aws:access-analyzer:${r}:${accountId}:analyzers` };
  },
  tags: () => ({}),
  example: {
    Region: 'eu-west-1',
    analyzers: [
      { arn: 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org', name: 'org', type: 'ORGANIZATION', status: 'ACTIVE', createdAt: '2025-01-01T00:00:00Z', tags: {} },
    ],
  },
};
