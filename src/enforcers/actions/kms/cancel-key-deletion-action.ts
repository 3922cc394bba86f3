import { CancelKeyDeletionCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type State = { keyState: string; deletionDate: string | null };

/**
 * Cancels a scheduled key deletion (the key comes back disabled). Not reversible by Vigil: scheduling
 * a deletion again is for a person to decide.
 */
export const kmsCancelKeyDeletion: EnforcementAction<Record<string, never>, State> = {
  name: 'kms.cancel-key-deletion',
  description: 'Cancels the scheduled deletion of the KMS key; the key is left disabled for its owner to re-enable.',
  schema: NoParams,
  resourceTypes: ['aws.kms.key'],
  risk: 'safe',
  reversible: false,
  permissions: ['kms:DescribeKey', 'kms:CancelKeyDeletion'],
  commands: ['kms:DescribeKey', 'kms:CancelKeyDeletion'],
  async read(ctx) {
    const md = (await ctx.aws.kms().send(new DescribeKeyCommand({ KeyId: ctx.resourceId }))).KeyMetadata;
    return { keyState: md?.KeyState ?? 'Unknown', deletionDate: md?.DeletionDate ? new Date(md.DeletionDate).toISOString() : null };
  },
  compliant: (s) => s.keyState !== 'PendingDeletion' && s.keyState !== 'PendingReplicaDeletion',
  async apply(ctx) {
    await ctx.aws.kms().send(new CancelKeyDeletionCommand({ KeyId: ctx.resourceId }));
  },
};
