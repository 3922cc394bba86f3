import type { ResourceTypeDefinition } from '../../resource-type.js';
import { cloudtrailTrailType } from './cloudtrail-trail-type.js';
import { configRecorderType } from './config-recorder-type.js';
import { ec2RegionSettingsType } from './ec2-region-settings-type.js';
import { ec2SnapshotType } from './ec2-snapshot-type.js';
import { ec2VolumeType } from './ec2-volume-type.js';
import { ec2VpcType } from './ec2-vpc-type.js';
import { elbv2ListenerType } from './elbv2-listener-type.js';
import { kmsKeyType } from './kms-key-type.js';
import { logsLogGroupType } from './logs-log-group-type.js';
import { rdsDbClusterType } from './rds-db-cluster-type.js';
import { rdsDbInstanceType } from './rds-db-instance-type.js';
import { rdsDbSnapshotType } from './rds-db-snapshot-type.js';
import { redshiftClusterType } from './redshift-cluster-type.js';
import { s3AccountSettingsType } from './s3-account-settings-type.js';
import { s3BucketType } from './s3-bucket-type.js';

/** Resource types of the data area; one line per type. */
export const dataResourceTypes: ResourceTypeDefinition[] = [
  s3BucketType,
  s3AccountSettingsType,
  kmsKeyType,
  ec2RegionSettingsType,
  ec2VolumeType,
  ec2SnapshotType,
  rdsDbInstanceType,
  rdsDbClusterType,
  rdsDbSnapshotType,
  elbv2ListenerType,
  cloudtrailTrailType,
  configRecorderType,
  ec2VpcType,
  logsLogGroupType,
  redshiftClusterType,
];
