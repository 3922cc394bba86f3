import type { Migration } from './migration.js';
import { initialSchema } from './0001-initial-schema.js';
import { leanInventory } from './0002-lean-inventory.js';
import { fewerViolationIndexes } from './0003-fewer-violation-indexes.js';
import { escalation } from './0004-escalation.js';
import { auditTrail } from './0005-audit-trail.js';
import { enforcementBus } from './0006-enforcement-bus.js';
import { violationsDueKey } from './0008-violations-due-key.js';
import { enforcementRateIndexes } from './0009-enforcement-rate-indexes.js';
import { enforcementRateCoveringIndexes } from './0011-enforcement-rate-covering-indexes.js';
import { auditPersonKeys } from './0012-audit-person-keys.js';
import { reportClaims } from './0013-report-claims.js';
import { apiTokens } from './0014-api-tokens.js';

/** Every migration, oldest first. */
export const ALL_MIGRATIONS: readonly Migration[] = [
  initialSchema, leanInventory, fewerViolationIndexes, escalation, auditTrail, enforcementBus, violationsDueKey, enforcementRateIndexes,
  enforcementRateCoveringIndexes, auditPersonKeys, reportClaims, apiTokens,
];
