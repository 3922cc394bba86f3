/**
 * A scope (type × account × Region) a provider listed completely in one batch: any stored resource in
 * it that the scan did not see no longer exists (its violations resolve as "resource deleted").
 *
 * @example
 * const listed: CoveredScope = { accountId: '123456789012', region: 'eu-west-1', type: 'aws.s3.bucket' };
 */
export interface CoveredScope {
  accountId: string;
  region: string;
  type: string;
}
