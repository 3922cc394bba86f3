import { DescribeAutoScalingGroupsCommand, DescribeAutoScalingInstancesCommand, TerminateInstanceInAutoScalingGroupCommand, type Instance } from '@aws-sdk/client-auto-scaling';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { arnSegment, NoParams } from '../action-helpers.js';

/** group null: the instance is in no Auto Scaling group (or gone). inService: the group's healthy in-service instances. */
type State = { instanceId: string; instanceState: string; group: string | null; lifecycle: string | null; inService: number; desired: number };

const GONE = /^(Terminat|Detach|Standby)/;
const instanceOf = (ctx: ActionContext<any>): string => arnSegment(ctx.resource.arn, 'instance');

/**
 * Replaces a node whose CIS report shows a tampered image (no dm-verity, SELinux not enforcing) by
 * terminating its instance through its Auto Scaling group without decrementing the desired capacity,
 * so the group launches a fresh node from its launch template.
 *
 * Deliberately narrow, because Vigil cannot do what a person would do first: it has no Kubernetes
 * credentials, so it does not cordon or drain the node — its pods are killed with the instance and
 * rescheduled by Kubernetes. Therefore it (1) always needs an approval, whatever the approval
 * settings say, (2) acts only on an instance that is InService in an Auto Scaling group (an EKS
 * managed or self-managed node group), never on a standalone instance, (3) refuses when the group
 * has fewer than two healthy in-service instances (the node would be the group's last), and (4)
 * cannot be undone (a terminated instance does not come back; the group's new node is the repair).
 */
export const eksReplaceNode: EnforcementAction<Record<string, never>, State> = {
  name: 'eks.replace-node',
  description: 'Terminates the node\'s instance in its Auto Scaling group (desired capacity kept, so a fresh node replaces it); no cordon/drain; always needs an approval.',
  schema: NoParams,
  resourceTypes: ['aws.bottlerocket.node-report'],
  risk: 'disruptive',
  reversible: false,
  permissions: ['ec2:DescribeInstances', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeAutoScalingGroups', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
  commands: ['ec2:DescribeInstances', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeAutoScalingGroups', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
  async read(ctx) {
    const instanceId = instanceOf(ctx);
    const asg = ctx.aws.autoscaling();
    // A filter, unlike InstanceIds, does not fail for an instance that no longer exists.
    const described = await ctx.aws.ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: [instanceId] }] }));
    const instanceState = described.Reservations?.[0]?.Instances?.[0]?.State?.Name ?? 'terminated';
    const mine = (await asg.send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [instanceId] }))).AutoScalingInstances?.[0];
    if (!mine?.AutoScalingGroupName) return { instanceId, instanceState, group: null, lifecycle: null, inService: 0, desired: 0 };
    const group = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [mine.AutoScalingGroupName] }))).AutoScalingGroups?.[0];
    const inService = (group?.Instances ?? []).filter((i: Instance) => i.LifecycleState === 'InService' && (i.HealthStatus ?? '').toLowerCase() === 'healthy').length;
    return { instanceId, instanceState, group: mine.AutoScalingGroupName, lifecycle: mine.LifecycleState ?? null, inService, desired: group?.DesiredCapacity ?? 0 };
  },
  // Terminated, or on its way out of its group: the group is replacing it.
  compliant: (s) => ['shutting-down', 'terminated'].includes(s.instanceState) || GONE.test(s.lifecycle ?? ''),
  guard(s, ctx) {
    if (!ctx.message.approval) return 'replacing a node always needs an approval: Vigil does not cordon or drain it, its pods are killed with the instance';
    if (!s.group) return `instance ${s.instanceId} is in no Auto Scaling group: nothing would replace it; a person must`;
    if (s.lifecycle !== 'InService') return `instance ${s.instanceId} is ${s.lifecycle ?? 'in no known state'} in ${s.group}, not InService`;
    if (s.inService < 2) return `${s.group} has ${s.inService} healthy in-service instance(s): terminating this one would leave none while the replacement starts`;
    return null;
  },
  async apply(ctx, before) {
    await ctx.aws.autoscaling().send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: before.instanceId, ShouldDecrementDesiredCapacity: false }));
  },
};
