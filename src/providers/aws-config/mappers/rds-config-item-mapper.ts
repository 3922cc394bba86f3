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

/** RDS: database instances. */
export const rdsConfigItemMappers: ConfigItemMapper[] = [dbInstance];
