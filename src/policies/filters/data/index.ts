import type { NamedFilterDefinition } from '../named-filter.js';
import { cloudtrailManagementEventsIncompleteFilter } from './cloudtrail-management-events-incomplete-filter.js';
import { resourcePolicyExternalPrincipalFilter } from './resource-policy-external-principal-filter.js';
import { s3EncryptionKeyNotAllowedFilter } from './s3-encryption-key-not-allowed-filter.js';
import { s3PolicyAllowsPublicFilter } from './s3-policy-allows-public-filter.js';
import { s3TlsNotEnforcedFilter } from './s3-tls-not-enforced-filter.js';

/** Named filters of the data area; one line per filter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const dataFilters: NamedFilterDefinition<any>[] = [
  s3PolicyAllowsPublicFilter,
  s3TlsNotEnforcedFilter,
  resourcePolicyExternalPrincipalFilter,
  s3EncryptionKeyNotAllowedFilter,
  cloudtrailManagementEventsIncompleteFilter,
];
