import { pascalDeep, tagList, type ConfigItemMapper } from '../config-item-mapper.js';

/**
 * One RDS record type: Config's keys are the Describe call's with the first letter lowered
 * (dBInstanceIdentifier, multiAZ, dBClusterMembers): raising it gives the API's names back; the
 * identifier falls back to the item's resource name, the tags to the item's.
 */
const rdsMapper = (configType: string, type: string, idField: string): ConfigItemMapper => ({
  configType,
  type,
  toConfig: (item) => {
    const out = pascalDeep(item.configuration, new Set(['tagList'])) as Record<string, unknown>;
    out[idField] ??= item.resourceName ?? item.resourceId;
    out.TagList = tagList(item.tags);
    return out;
  },
});

/** RDS: database instances, clusters (Aurora) and snapshots. */
export const rdsConfigItemMappers: ConfigItemMapper[] = [
  rdsMapper('AWS::RDS::DBInstance', 'aws.rds.db-instance', 'DBInstanceIdentifier'),
  rdsMapper('AWS::RDS::DBCluster', 'aws.rds.db-cluster', 'DBClusterIdentifier'),
  rdsMapper('AWS::RDS::DBSnapshot', 'aws.rds.db-snapshot', 'DBSnapshotIdentifier'),
];
