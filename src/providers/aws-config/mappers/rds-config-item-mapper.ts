import { pascalDeep, tagList, type ConfigItemMapper } from '../config-item-mapper.js';

const dbInstance: ConfigItemMapper = {
  configType: 'AWS::RDS::DBInstance',
  type: 'aws.rds.db-instance',
  // Config's keys are DescribeDBInstances' with the first letter lowered (dBInstanceIdentifier, multiAZ):
  // raising it gives the API's names back.
  toConfig: (item) => {
    const out = pascalDeep(item.configuration, new Set(['tagList'])) as Record<string, unknown>;
    out.DBInstanceIdentifier ??= item.resourceName;
    out.TagList = tagList(item.tags);
    return out;
  },
};

const dbSnapshot: ConfigItemMapper = {
  configType: 'AWS::RDS::DBSnapshot',
  type: 'aws.rds.db-snapshot',
  toConfig: (item) => {
    const out = pascalDeep(item.configuration, new Set(['tagList'])) as Record<string, unknown>;
    out.DBSnapshotIdentifier ??= item.resourceName ?? item.resourceId;
    out.TagList = tagList(item.tags);
    return out;
  },
};

const dbCluster: ConfigItemMapper = {
  configType: 'AWS::RDS::DBCluster',
  type: 'aws.rds.db-cluster',
  toConfig: (item) => {
    const out = pascalDeep(item.configuration, new Set(['tagList'])) as Record<string, unknown>;
    out.DBClusterIdentifier ??= item.resourceName ?? item.resourceId;
    out.TagList = tagList(item.tags);
    return out;
  },
};

/** RDS: database instances, clusters (Aurora) and snapshots. */
export const rdsConfigItemMappers: ConfigItemMapper[] = [dbInstance, dbCluster, dbSnapshot];
