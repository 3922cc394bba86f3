import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { getTrail, updateTrail } from './trail.js';

const Params = Type.Object(
  {
    kmsKeyId: Type.String({
      pattern: '^(arn:aws[a-z-]*:kms:|alias/)',
      description: 'The customer managed key (ARN or alias) whose key policy lets cloudtrail.amazonaws.com encrypt. No default: the key is the estate\'s own.',
    }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { kmsKeyId: string | null };

/**
 * Encrypts a trail's log files with the given KMS key (SSE-KMS). Readers without kms:Decrypt on the
 * key lose access to the logs: risk disruptive. CloudTrail refuses a key whose policy does not let it
 * encrypt (InsufficientEncryptionPolicyException), so a wrong key fails without changing the trail.
 * Undo puts the previous key back, or removes encryption if there was none.
 */
export const cloudtrailSetKmsKey: EnforcementAction<P, State> = {
  name: 'cloudtrail.set-kms-key',
  description: 'Sets SSE-KMS encryption of the trail\'s log files with the given key.',
  schema: Params,
  resourceTypes: ['aws.cloudtrail.trail'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['cloudtrail:GetTrail', 'cloudtrail:UpdateTrail'],
  commands: ['cloudtrail:GetTrail', 'cloudtrail:UpdateTrail'],
  read: async (ctx) => ({ kmsKeyId: (await getTrail(ctx)).KmsKeyId ?? null }),
  compliant: (s) => !!s.kmsKeyId,
  apply: (ctx) => updateTrail(ctx, { KmsKeyId: ctx.params.kmsKeyId }),
  // An empty KmsKeyId is how UpdateTrail removes encryption.
  undo: (ctx, before) => updateTrail(ctx, { KmsKeyId: before.kmsKeyId ?? '' }),
};
