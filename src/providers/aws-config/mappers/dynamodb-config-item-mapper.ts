import { defined, isRecord, pascalDeep, supplement, tagList, type ConfigItemMapper } from '../config-item-mapper.js';

const table: ConfigItemMapper = {
  configType: 'AWS::DynamoDB::Table',
  type: 'aws.dynamodb.table',
  toConfig: (item) => {
    const t = pascalDeep(item.configuration) as Record<string, unknown>;
    // Config flattens SSEDescription's acronyms: ssedescription {status, ssetype, kmsmasterKeyArn}.
    const sse = item.configuration.ssedescription ?? item.configuration.sSEDescription;
    delete t.Ssedescription;
    delete t.SSEDescription;
    if (isRecord(sse)) t.SSEDescription = defined({ Status: sse.status, SSEType: sse.ssetype ?? sse.sSEType, KMSMasterKeyArn: sse.kmsmasterKeyArn ?? sse.kMSMasterKeyArn });
    t.TableName ??= item.resourceName ?? item.resourceId;
    const backups = supplement(item, 'ContinuousBackupsDescription');
    return defined({ Table: t, ContinuousBackupsDescription: backups ? pascalDeep(backups) : undefined, Tags: tagList(item.tags) });
  },
};

/** DynamoDB: tables with point-in-time recovery. */
export const dynamodbConfigItemMappers: ConfigItemMapper[] = [table];
