import { bottlerocketReportLocation, type AwsSettings } from '../aws-settings.js';
import type { ServiceCollector } from '../service-collector.js';
import { accessAnalyzerCollector } from './accessanalyzer-collector.js';
import { backupCollector } from './backup-collector.js';
import { bottlerocketReportCollector, type BottlerocketReportLocation } from './bottlerocket-collector.js';
import { cloudtrailCollector } from './cloudtrail-collector.js';
import { configCollector } from './config-collector.js';
import { dynamodbCollector } from './dynamodb-collector.js';
import { ec2Collector } from './ec2-collector.js';
import { ecsCollector } from './ecs-collector.js';
import { eksCollector } from './eks-collector.js';
import { elbv2Collector } from './elbv2-collector.js';
import { iamCollector } from './iam-collector.js';
import { kmsCollector } from './kms-collector.js';
import { logsCollector } from './logs-collector.js';
import { rdsCollector } from './rds-collector.js';
import { redshiftCollector } from './redshift-collector.js';
import { s3Collector } from './s3-collector.js';

/**
 * Every per-service collector of the live AWS provider, one line each. The provider runs each per
 * account and Region (`global` ones once per account); `vigil iam-policy` unions their permissions.
 * The Bottlerocket CIS reports are read only when it is told where the nodes publish them.
 *
 * @example
 * const permissions = allCollectors({ bottlerocketReports: { bucket: 'org-reports', prefix: 'cis' } }).flatMap((c) => c.permissions);
 */
export const allCollectors = (options: { bottlerocketReports?: BottlerocketReportLocation } = {}): readonly ServiceCollector[] => [
  s3Collector,
  iamCollector,
  ec2Collector,
  rdsCollector,
  kmsCollector,
  cloudtrailCollector,
  logsCollector,
  configCollector,
  backupCollector,
  dynamodbCollector,
  elbv2Collector,
  eksCollector,
  accessAnalyzerCollector,
  ecsCollector,
  redshiftCollector,
  ...(options.bottlerocketReports ? [bottlerocketReportCollector(options.bottlerocketReports)] : []),
];

/**
 * The collectors a scan with these settings runs: every service, plus the Bottlerocket reports when
 * `aws.bottlerocketReports` says where the nodes publish them. `vigil iam-policy --component collector`
 * prints the permissions of the same list, so the role allows exactly what the scan reads.
 *
 * @example
 * awsCollectors({ bottlerocketReports: 's3://org-reports/cis' }).some((c) => c.service === 'bottlerocket'); // true
 */
export const awsCollectors = (settings: Pick<AwsSettings, 'bottlerocketReports'>): readonly ServiceCollector[] => {
  const bottlerocketReports = bottlerocketReportLocation(settings);
  return allCollectors(bottlerocketReports ? { bottlerocketReports } : {});
};
