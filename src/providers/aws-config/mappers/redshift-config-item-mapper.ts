import { pascalDeep, tagList, type ConfigItemMapper } from '../config-item-mapper.js';

const cluster: ConfigItemMapper = {
  configType: 'AWS::Redshift::Cluster',
  type: 'aws.redshift.cluster',
  // DescribeClusters' fields with the first letter lowered (clusterIdentifier, dBName): raised back.
  toConfig: (item) => {
    const out = pascalDeep(item.configuration, new Set(['tags'])) as Record<string, unknown>;
    out.ClusterIdentifier ??= item.resourceId;
    out.Tags = tagList(item.tags);
    return out;
  },
};

/** Redshift: clusters. */
export const redshiftConfigItemMappers: ConfigItemMapper[] = [cluster];
