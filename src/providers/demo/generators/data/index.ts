import type { DemoGenerator } from '../../demo-generator.js';
import { cloudtrailTrailDemoGenerator } from './cloudtrail-trail-demo-generator.js';
import { configRecorderDemoGenerator } from './config-recorder-demo-generator.js';
import { ec2RegionSettingsDemoGenerator } from './ec2-region-settings-demo-generator.js';
import { ec2SnapshotDemoGenerator } from './ec2-snapshot-demo-generator.js';
import { ec2VolumeDemoGenerator } from './ec2-volume-demo-generator.js';
import { ec2VpcDemoGenerator } from './ec2-vpc-demo-generator.js';
import { elbv2ListenerDemoGenerator } from './elbv2-listener-demo-generator.js';
import { kmsKeyDemoGenerator } from './kms-key-demo-generator.js';
import { logsLogGroupDemoGenerator } from './logs-log-group-demo-generator.js';
import { rdsDbClusterDemoGenerator } from './rds-db-cluster-demo-generator.js';
import { rdsDbInstanceDemoGenerator } from './rds-db-instance-demo-generator.js';
import { rdsDbSnapshotDemoGenerator } from './rds-db-snapshot-demo-generator.js';
import { redshiftClusterDemoGenerator } from './redshift-cluster-demo-generator.js';
import { s3AccountSettingsDemoGenerator } from './s3-account-settings-demo-generator.js';
import { s3BucketDemoGenerator } from './s3-bucket-demo-generator.js';

/** Demo generators of the data area; one line per generator. */
export const dataGenerators: DemoGenerator[] = [
  s3BucketDemoGenerator,
  s3AccountSettingsDemoGenerator,
  kmsKeyDemoGenerator,
  ec2RegionSettingsDemoGenerator,
  ec2VolumeDemoGenerator,
  ec2SnapshotDemoGenerator,
  rdsDbInstanceDemoGenerator,
  rdsDbClusterDemoGenerator,
  rdsDbSnapshotDemoGenerator,
  elbv2ListenerDemoGenerator,
  cloudtrailTrailDemoGenerator,
  configRecorderDemoGenerator,
  ec2VpcDemoGenerator,
  logsLogGroupDemoGenerator,
  redshiftClusterDemoGenerator,
];
