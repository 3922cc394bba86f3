import { sha256 } from '../common/stable-hash.js';

/**
 * The stable violation id: the same policy failing on the same resource is the same violation across
 * scans, processes and databases.
 * @example violationId('s3-versioning', 'arn:aws:s3:::logs').length === 32
 */
export const violationId = (policyId: string, resourceArn: string): string => sha256(policyId, resourceArn).slice(0, 32);
