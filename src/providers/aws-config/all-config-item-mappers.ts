import type { ConfigItemMapper } from './config-item-mapper.js';
import { backupConfigItemMappers } from './mappers/backup-config-item-mapper.js';
import { cloudtrailConfigItemMappers } from './mappers/cloudtrail-config-item-mapper.js';
import { dynamodbConfigItemMappers } from './mappers/dynamodb-config-item-mapper.js';
import { ec2ConfigItemMappers } from './mappers/ec2-config-item-mapper.js';
import { ecsConfigItemMappers } from './mappers/ecs-config-item-mapper.js';
import { eksConfigItemMappers } from './mappers/eks-config-item-mapper.js';
import { elbv2ConfigItemMappers } from './mappers/elbv2-config-item-mapper.js';
import { iamConfigItemMappers } from './mappers/iam-config-item-mapper.js';
import { kmsConfigItemMappers } from './mappers/kms-config-item-mapper.js';
import { logsConfigItemMappers } from './mappers/logs-config-item-mapper.js';
import { rdsConfigItemMappers } from './mappers/rds-config-item-mapper.js';
import { redshiftConfigItemMappers } from './mappers/redshift-config-item-mapper.js';
import { s3ConfigItemMappers } from './mappers/s3-config-item-mapper.js';

/** Every AWS Config resource type Vigil judges from configuration items, one service per file. */
export const allConfigItemMappers = (): ConfigItemMapper[] => [
  ...s3ConfigItemMappers,
  ...iamConfigItemMappers,
  ...ec2ConfigItemMappers,
  ...rdsConfigItemMappers,
  ...redshiftConfigItemMappers,
  ...kmsConfigItemMappers,
  ...dynamodbConfigItemMappers,
  ...backupConfigItemMappers,
  ...ecsConfigItemMappers,
  ...eksConfigItemMappers,
  ...elbv2ConfigItemMappers,
  ...logsConfigItemMappers,
  ...cloudtrailConfigItemMappers,
];

/**
 * Types Vigil judges but not from AWS Config, because Config does not record a field a control needs
 * and a guess would raise a violation (and reminders, and enforcement) on every such resource. They are
 * counted and named in the scan summary; the live `aws` source reads them.
 */
export const CONFIG_TYPES_LACKING_FIELDS: Readonly<Record<string, string>> = {
  'AWS::IAM::User': 'Config records no credential report, access keys, MFA devices or sign-in activity',
  'AWS::Backup::BackupVault': 'Config records no vault lock or access policy',
  'AWS::Config::ConfigurationRecorder': 'Config records no recorder status',
  'AWS::AccessAnalyzer::Analyzer': 'Vigil judges the analyzers of a Region together; Config lists them one by one, and a Region without one lists nothing',
  'AWS::EC2::VPC': 'Config records flow logs as separate items (AWS::EC2::FlowLog), not on the VPC',
};
