import { DescribeListenersCommand, ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';

/** Security policies that allow only TLS 1.2 and newer (the policy elb-tls-policy's list). */
export const TLS12_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09', 'ELBSecurityPolicy-TLS13-1-3-2021-06', 'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS-1-2-2017-01', 'ELBSecurityPolicy-TLS-1-2-Ext-2018-06', 'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08', 'ELBSecurityPolicy-FS-1-2-Res-2020-10',
];

const Params = Type.Object(
  {
    sslPolicy: Type.String({ pattern: '^ELBSecurityPolicy-', default: 'ELBSecurityPolicy-TLS13-1-2-2021-06', description: 'The security policy to set.' }),
    allowedPolicies: Type.Array(Type.String(), { default: TLS12_POLICIES, description: 'A listener already on one of these is left alone.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { protocol: string; sslPolicy: string | null };

/**
 * Sets a TLS 1.2+ security policy on an HTTPS or TLS listener. Clients that only speak TLS 1.0/1.1
 * can no longer connect: risk disruptive. Undo sets the previous policy back.
 */
export const elbv2SetTlsPolicy: EnforcementAction<P, State> = {
  name: 'elbv2.set-tls-policy',
  description: 'Sets a TLS 1.2+ security policy (default ELBSecurityPolicy-TLS13-1-2-2021-06) on the HTTPS/TLS listener.',
  schema: Params,
  resourceTypes: ['aws.elbv2.listener'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:ModifyListener'],
  commands: ['elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:ModifyListener'],
  async read(ctx) {
    const l = (await ctx.aws.elbv2().send(new DescribeListenersCommand({ ListenerArns: [ctx.resource.arn] }))).Listeners?.[0];
    if (!l) throw Object.assign(new Error(`listener ${ctx.resource.arn} not found`), { name: 'ListenerNotFound' });
    return { protocol: l.Protocol ?? '', sslPolicy: l.SslPolicy ?? null };
  },
  compliant: (s, p) => !['HTTPS', 'TLS'].includes(s.protocol) || (s.sslPolicy !== null && p.allowedPolicies.includes(s.sslPolicy)),
  async apply(ctx) {
    await ctx.aws.elbv2().send(new ModifyListenerCommand({ ListenerArn: ctx.resource.arn, SslPolicy: ctx.params.sslPolicy }));
  },
  async undo(ctx, before) {
    if (before.sslPolicy) await ctx.aws.elbv2().send(new ModifyListenerCommand({ ListenerArn: ctx.resource.arn, SslPolicy: before.sslPolicy }));
  },
};
