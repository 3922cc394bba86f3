import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { describeCluster, EKS_UPDATE, pendingUpdates, updateCluster } from './cluster.js';

type State = { audit: boolean; pending: boolean };

/**
 * Turns on the `audit` control-plane log type of the cluster (the other types stay as they are). It
 * only adds logs; nothing running changes. An update in progress counts as done. Undo turns audit off
 * if it was off.
 */
export const eksEnableAuditLogging: EnforcementAction<Record<string, never>, State> = {
  name: 'eks.enable-audit-logging',
  description: 'Turns on the audit control-plane log type of the cluster (other log types unchanged).',
  schema: NoParams,
  resourceTypes: ['aws.eks.cluster'],
  risk: 'safe',
  reversible: true,
  permissions: EKS_UPDATE,
  commands: EKS_UPDATE,
  async read(ctx) {
    const logging = (await describeCluster(ctx)).logging?.clusterLogging ?? [];
    const pending = await pendingUpdates(ctx, 'LoggingUpdate');
    return {
      audit: logging.some((l) => l.enabled === true && (l.types ?? []).includes('audit')),
      pending: pending.some((p) => (p['ClusterLogging'] ?? '').includes('audit') && /"enabled"\s*:\s*true/.test(p['ClusterLogging'] ?? '')),
    };
  },
  compliant: (s) => s.audit || s.pending,
  apply: (ctx) => updateCluster(ctx, { logging: { clusterLogging: [{ types: ['audit'], enabled: true }] } }),
  async undo(ctx, before) {
    if (!before.audit) await updateCluster(ctx, { logging: { clusterLogging: [{ types: ['audit'], enabled: false }] } });
  },
};
