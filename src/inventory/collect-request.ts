/**
 * What part of the estate a scan asks for; every field narrows, absent means all.
 *
 * @example
 * const request: CollectRequest = { accountIds: ['123456789012'], types: ['aws.s3.bucket'] };
 */
export interface CollectRequest {
  accountIds?: string[];
  regions?: string[];
  types?: string[];
  /** Types to leave out (already collected in an earlier pass). */
  excludeTypes?: string[];
  /** Whether to return bad records as quarantined in this pass (a scan asks in exactly one pass). */
  reportQuarantine?: boolean;
}
