import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { describeCluster, EKS_UPDATE, pendingUpdates, updateCluster } from './cluster.js';

/** pendingPrivate: an endpoint update turning public access off is in progress. */
type State = { publicAccess: boolean; privateAccess: boolean; publicAccessCidrs: string[]; pendingPrivate: boolean };

/**
 * Turns on the cluster's private endpoint and turns off its public one. CI and operators outside the
 * VPC lose access to the API server (risk disruptive; nodes and pods keep working through the private
 * endpoint). EKS applies it over minutes: an update in progress counts as done. Undo restores public
 * access with its CIDRs, and the private setting.
 */
export const eksDisablePublicEndpoint: EnforcementAction<Record<string, never>, State> = {
  name: 'eks.disable-public-endpoint',
  description: 'Turns on private and turns off public access to the cluster\'s API server endpoint.',
  schema: NoParams,
  resourceTypes: ['aws.eks.cluster'],
  risk: 'disruptive',
  reversible: true,
  permissions: EKS_UPDATE,
  commands: EKS_UPDATE,
  async read(ctx) {
    const vpc = (await describeCluster(ctx)).resourcesVpcConfig;
    const pending = await pendingUpdates(ctx, 'EndpointAccessUpdate');
    return {
      publicAccess: vpc?.endpointPublicAccess !== false,
      privateAccess: vpc?.endpointPrivateAccess === true,
      publicAccessCidrs: vpc?.publicAccessCidrs ?? [],
      pendingPrivate: pending.some((p) => p['EndpointPublicAccess'] === 'false'),
    };
  },
  compliant: (s) => !s.publicAccess || s.pendingPrivate,
  apply: (ctx) => updateCluster(ctx, { resourcesVpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false } }),
  undo: (ctx, before) =>
    updateCluster(ctx, {
      resourcesVpcConfig: {
        endpointPrivateAccess: before.privateAccess,
        endpointPublicAccess: before.publicAccess,
        ...(before.publicAccess && before.publicAccessCidrs.length ? { publicAccessCidrs: before.publicAccessCidrs } : {}),
      },
    }),
};
