import type { S3ReportTarget } from './report-scheduler.js';

/**
 * A plan's `to.s3` resolved: bucket, and a prefix that is empty or ends in `/`.
 * @example s3ReportTarget({ uri: 's3://audit-reports/vigil' }); // { bucket: 'audit-reports', prefix: 'vigil/' }
 */
export const s3ReportTarget = (s: { uri: string; kmsKeyId?: string | undefined }): S3ReportTarget => {
  const rest = s.uri.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  return { bucket, prefix: path === '' || path.endsWith('/') ? path : `${path}/`, ...(s.kmsKeyId ? { kmsKeyId: s.kmsKeyId } : {}) };
};

/** What putting a report needs: the one action the S3 delivery calls (PutObject), nothing to read or list. */
export const REPORT_DELIVERY_ACTIONS = ['s3:PutObject'] as const;

/**
 * The IAM policy the manager (which runs the report plans) needs for their S3 destinations:
 * `s3:PutObject` on each prefix, and `kms:GenerateDataKey` on a KMS key given by ARN (SSE-KMS).
 * @example reporterIamPolicy([{ bucket: 'audit-reports', prefix: 'vigil/' }]).Statement[0].Resource; // ['arn:aws:s3:::audit-reports/vigil/*']
 */
export const reporterIamPolicy = (targets: readonly S3ReportTarget[]) => {
  const keys = [...new Set(targets.map((t) => t.kmsKeyId).filter((k): k is string => !!k && k.startsWith('arn:')))].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      ...(targets.length ? [{ Sid: 'VigilReportDelivery', Effect: 'Allow', Action: [...REPORT_DELIVERY_ACTIONS], Resource: [...new Set(targets.map((t) => `arn:aws:s3:::${t.bucket}/${t.prefix}*`))].sort() }] : []),
      ...(keys.length ? [{ Sid: 'VigilReportEncryption', Effect: 'Allow', Action: ['kms:GenerateDataKey'], Resource: keys }] : []),
    ],
  };
};
