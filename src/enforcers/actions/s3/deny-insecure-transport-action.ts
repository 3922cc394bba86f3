import { statementAction } from '../policy-statement-action.js';
import { bucketPolicy } from './bucket-policy.js';

export const DENY_INSECURE_SID = 'VigilDenyInsecureTransport';

const denies = (s: Record<string, unknown>): boolean => {
  const cond = s['Condition'] as Record<string, Record<string, unknown>> | undefined;
  const v = cond?.['Bool']?.['aws:SecureTransport'];
  return s['Effect'] === 'Deny' && (v === false || v === 'false');
};

/**
 * Adds a statement denying every request not sent over TLS to the bucket policy. The statement is
 * merged into the existing policy (found by its Sid, replaced if present); nothing else is touched.
 */
export const s3DenyInsecureTransport = statementAction({
  name: 's3.deny-insecure-transport',
  description: 'Merges a Deny-unless-aws:SecureTransport statement into the bucket policy, keeping every existing statement.',
  resourceTypes: ['aws.s3.bucket'],
  doc: bucketPolicy,
  satisfied: denies,
  statement: (ctx) => ({
    Sid: DENY_INSECURE_SID,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${ctx.resourceId}`, `arn:aws:s3:::${ctx.resourceId}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  }),
});
