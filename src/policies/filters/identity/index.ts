import type { NamedFilterDefinition } from '../named-filter.js';
import { credentialsUnusedFilter } from './credentials-unused-filter.js';
import { iamUserDefunctFilter } from './iam-user-defunct-filter.js';
import { policyAdminStarFilter } from './policy-admin-star-filter.js';
import { securityGroupOpenPortsFilter } from './security-group-open-ports-filter.js';

/** Named filters of the identity area; one line per filter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const identityFilters: NamedFilterDefinition<any>[] = [
  credentialsUnusedFilter,
  iamUserDefunctFilter,
  policyAdminStarFilter,
  securityGroupOpenPortsFilter,
];
