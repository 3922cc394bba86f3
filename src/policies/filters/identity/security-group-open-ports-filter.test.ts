import { test } from 'node:test';
import assert from 'node:assert/strict';
import { securityGroupOpenPortsFilter } from './security-group-open-ports-filter.js';
import { testFilterContext, testResource } from '../../../testing/filter-test-context.js';

const ctx = testFilterContext(0);
const sg = (IpPermissions: unknown) => testResource('aws.ec2.security-group', { GroupId: 'sg-1', IpPermissions });
const run = (perms: unknown, ports?: number[]) => securityGroupOpenPortsFilter.compile(ports ? { ports } : {})(sg(perms), ctx);
const rule = (p: Record<string, unknown>) => ({ IpProtocol: 'tcp', IpRanges: [], Ipv6Ranges: [], ...p });

test('SSH from 0.0.0.0/0 fails; from a private range passes', () => {
  assert.equal(run([rule({ FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })])?.[0]?.path, 'IpPermissions[0].IpRanges[0].CidrIp');
  assert.equal(run([rule({ FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] })]), null);
});

test('RDP from ::/0 fails (IPv6)', () => {
  assert.equal(run([rule({ FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: '::/0' }] })])?.[0]?.path, 'IpPermissions[0].Ipv6Ranges[0].CidrIpv6');
});

test('a port range covering 22 fails; HTTPS alone passes', () => {
  assert.notEqual(run([rule({ FromPort: 0, ToPort: 1024, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })]), null);
  assert.equal(run([rule({ FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })]), null);
});

test('all traffic (-1) open to the world fails; ICMP does not', () => {
  assert.notEqual(run([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]), null);
  assert.equal(run([{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]), null);
});

test('no rules, or missing IpPermissions, pass', () => {
  assert.equal(run([]), null);
  assert.equal(run(undefined), null);
});

test('the ports parameter decides which ports count', () => {
  const perms = [rule({ FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })];
  assert.equal(run(perms), null);
  assert.notEqual(run(perms, [5432]), null);
  assert.notEqual(securityGroupOpenPortsFilter.compile({ ports: ['5432'] })(sg(perms), ctx), null);
});
