import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { getTrail, updateTrail } from './trail.js';

type State = { validation: boolean };

/** Turns on log file integrity validation (digest files) for a trail. */
export const cloudtrailEnableLogFileValidation: EnforcementAction<Record<string, never>, State> = {
  name: 'cloudtrail.enable-log-file-validation',
  description: 'Turns on log file integrity validation for the trail.',
  schema: NoParams,
  resourceTypes: ['aws.cloudtrail.trail'],
  risk: 'safe',
  reversible: true,
  permissions: ['cloudtrail:GetTrail', 'cloudtrail:UpdateTrail'],
  commands: ['cloudtrail:GetTrail', 'cloudtrail:UpdateTrail'],
  read: async (ctx) => ({ validation: (await getTrail(ctx)).LogFileValidationEnabled === true }),
  compliant: (s) => s.validation,
  apply: (ctx) => updateTrail(ctx, { EnableLogFileValidation: true }),
  async undo(ctx, before) {
    if (!before.validation) await updateTrail(ctx, { EnableLogFileValidation: false });
  },
};
