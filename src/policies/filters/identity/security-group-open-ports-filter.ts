import { Type } from '@sinclair/typebox';
import type { Evidence } from '../../../violations/evidence.js';
import type { NamedFilterDefinition } from '../named-filter.js';

export interface SecurityGroupOpenPortsParams {
  /** Ports that must not be reachable from the whole internet (default SSH and RDP); numbers or numeric strings, since policy parameters are string lists. */
  ports?: (number | string)[];
}

const WORLD_V4 = '0.0.0.0/0';
const WORLD_V6 = '::/0';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** TCP, UDP and "all" can carry SSH/RDP; names and numbers are both legal in IpProtocol. */
const carriesPorts = (p: unknown): boolean => p === '-1' || p === -1 || p === 'tcp' || p === 'udp' || p === '6' || p === '17' || p === 'all';

/**
 * CIS 5.3/5.4 (v4): an ingress rule from `0.0.0.0/0` or `::/0` whose port range covers an admin port.
 * A rule with IpProtocol `-1` (all traffic) covers every port; a missing FromPort/ToPort or -1 means
 * all ports. Each offending rule and open range is named in the evidence.
 *
 * @example
 * { filter: security-group-admin-ports-open, ports: [22, 3389] }
 */
export const securityGroupOpenPortsFilter: NamedFilterDefinition<SecurityGroupOpenPortsParams> = {
  name: 'security-group-admin-ports-open',
  description: 'A security group allows ingress from 0.0.0.0/0 or ::/0 to a port range that includes one of `ports` (default 22, 3389).',
  params: Type.Object({ ports: Type.Optional(Type.Array(Type.Union([Type.Integer({ minimum: 0, maximum: 65535 }), Type.String({ pattern: '^[0-9]{1,5}$' })]))) }),
  appliesTo: ['aws.ec2.security-group'],
  compile: ({ ports: given = [22, 3389] }) => {
    const ports = given.map(Number);
    return (resource) => {
    const rules = resource.config.IpPermissions;
    if (!Array.isArray(rules)) return null;
    const out: Evidence[] = [];
    rules.forEach((rule, i) => {
      if (!isRecord(rule) || !carriesPorts(rule.IpProtocol)) return;
      const all = rule.IpProtocol === '-1' || rule.IpProtocol === -1 || rule.IpProtocol === 'all';
      const from = typeof rule.FromPort === 'number' && rule.FromPort >= 0 ? rule.FromPort : 0;
      const to = typeof rule.ToPort === 'number' && rule.ToPort >= 0 ? rule.ToPort : 65535;
      const hit = ports.filter((p) => all || (p >= from && p <= to));
      if (hit.length === 0) return;
      const range = all ? 'all ports' : from === to ? `port ${from}` : `ports ${from}-${to}`;
      const check = (list: unknown, key: string, field: string, world: string) => {
        if (!Array.isArray(list)) return;
        list.forEach((r, j) => {
          if (isRecord(r) && r[field] === world) {
            out.push({ path: `IpPermissions[${i}].${key}[${j}].${field}`, expected: `not ${world} for ports ${ports.join(', ')}`, actual: world, note: `${range} open to the internet (covers ${hit.join(', ')})` });
          }
        });
      };
      check(rule.IpRanges, 'IpRanges', 'CidrIp', WORLD_V4);
      check(rule.Ipv6Ranges, 'Ipv6Ranges', 'CidrIpv6', WORLD_V6);
    });
    return out.length ? out : null;
    };
  },
  example: { filter: 'security-group-admin-ports-open', ports: [22, 3389] },
};
