import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, forcedExample } from './data-demo-vocabulary.js';

/** Current policies (TLS 1.2+, several with TLS 1.3: seed 004). */
const GOOD_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
] as const;
/** Policies that still accept TLS 1.0/1.1 (the CLI default is the first). */
const OLD_POLICIES = ['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-TLS13-1-0-2021-06'] as const;

/**
 * Load balancer listeners: HTTPS on 443 (ALB), TLS on 443 (NLB), and HTTP on 80 redirecting to HTTPS.
 * A few TLS listeners keep a policy that still accepts TLS 1.0/1.1.
 *
 * @example
 * elbv2ListenerDemoGenerator.generate(ctx).config.Protocol; // 'HTTPS'
 */
export const elbv2ListenerDemoGenerator: DemoGenerator = {
  type: 'aws.elbv2.listener',
  scope: 'regional',
  weight: 1.5,
  min: 2,
  generate: (ctx) => {
    const { rng, account, region, index } = ctx;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const kind = index % 4 === 3 ? 'http' : rng.chance(0.1) ? 'tls' : 'https';
    const lbType = kind === 'tls' ? 'net' : 'app';
    const lbId = rng.hex(16);
    const lbArn = `arn:aws:elasticloadbalancing:${region}:${account.id}:loadbalancer/${lbType}/${team}-${index}/${lbId}`;
    const arn = `arn:aws:elasticloadbalancing:${region}:${account.id}:listener/${lbType}/${team}-${index}/${lbId}/${rng.hex(16)}`;
    const tg = `arn:aws:elasticloadbalancing:${region}:${account.id}:targetgroup/${team}-${index}/${rng.hex(16)}`;
    if (kind === 'http') {
      return {
        config: {
          ListenerArn: arn,
          LoadBalancerArn: lbArn,
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
        },
        arn,
      };
    }
    const old = forcedExample(ctx, 41) || rng.chance(0.05);
    return {
      config: {
        ListenerArn: arn,
        LoadBalancerArn: lbArn,
        Port: 443,
        Protocol: kind === 'tls' ? 'TLS' : 'HTTPS',
        SslPolicy: old ? rng.pick(OLD_POLICIES) : rng.pick(GOOD_POLICIES),
        Certificates: [{ CertificateArn: `arn:aws:acm:${region}:${account.id}:certificate/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}` }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
      },
      arn,
    };
  },
};
