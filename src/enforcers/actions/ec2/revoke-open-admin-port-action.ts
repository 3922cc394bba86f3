import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand, type IpPermission } from '@aws-sdk/client-ec2';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { arnName } from '../action-helpers.js';

const Params = Type.Object(
  { ports: Type.Array(Type.Integer({ minimum: 0, maximum: 65535 }), { minItems: 1, default: [22, 3389], description: 'Admin ports that must not be open to the internet.' }) },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { open: IpPermission[] };

const covers = (p: IpPermission, port: number) => p.IpProtocol === '-1' || ((p.IpProtocol === 'tcp' || p.IpProtocol === '6') && (p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535));

/** The part of each ingress rule that opens an admin port to 0.0.0.0/0 or ::/0 (other sources of the rule stay). */
const openAdminRules = (perms: IpPermission[], ports: number[]): IpPermission[] =>
  perms
    .filter((p) => ports.some((port) => covers(p, port)))
    .map((p) => ({
      IpProtocol: p.IpProtocol,
      ...(p.FromPort === undefined ? {} : { FromPort: p.FromPort }),
      ...(p.ToPort === undefined ? {} : { ToPort: p.ToPort }),
      IpRanges: (p.IpRanges ?? []).filter((r) => r.CidrIp === '0.0.0.0/0'),
      Ipv6Ranges: (p.Ipv6Ranges ?? []).filter((r) => r.CidrIpv6 === '::/0'),
    }))
    .filter((p) => (p.IpRanges?.length ?? 0) + (p.Ipv6Ranges?.length ?? 0) > 0);

/** Revokes exactly the internet-open ranges of the rules that expose an admin port; undo authorizes them again. */
export const ec2RevokeOpenAdminPort: EnforcementAction<P, State> = {
  name: 'ec2.revoke-open-admin-port',
  description: 'Revokes the 0.0.0.0/0 and ::/0 ranges of security group rules that open an admin port (SSH, RDP by default).',
  schema: Params,
  resourceTypes: ['aws.ec2.security-group'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
  commands: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
  async read(ctx) {
    const out = await ctx.aws.ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: [arnName(ctx.resource.arn)] }));
    return { open: openAdminRules(out.SecurityGroups?.[0]?.IpPermissions ?? [], ctx.params.ports) };
  },
  compliant: (s) => s.open.length === 0,
  async apply(ctx, before) {
    await ctx.aws.ec2().send(new RevokeSecurityGroupIngressCommand({ GroupId: ctx.resourceId, IpPermissions: before.open }));
  },
  async undo(ctx, before) {
    await ctx.aws.ec2().send(new AuthorizeSecurityGroupIngressCommand({ GroupId: ctx.resourceId, IpPermissions: before.open }));
  },
};
