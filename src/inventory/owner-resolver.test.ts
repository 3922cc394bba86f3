import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account } from './organization.js';
import { DEFAULT_OWNER_RULES, OwnerResolver } from './owner-resolver.js';
import type { Resource } from './resource.js';

const res = (accountId: string, tags: Record<string, string> = {}): Resource =>
  ({ arn: `arn:aws:s3:::${accountId}-${Object.values(tags).join('-')}`, id: 'b', name: 'b', type: 'aws.s3.bucket', provider: 'demo', accountId, region: 'eu-west-1', tags, config: {}, observedAt: '2026-12-01T00:00:00.000Z' }) as Resource;

const accounts: Account[] = [
  { id: '111111111111', name: 'payments-prod', ou: 'root/prod/payments', owner: 'payments' },
  { id: '222222222222', name: 'data-prod', ou: 'root/prod/data' },
  { id: '333333333333', name: 'sandbox', ou: 'root/sandbox' },
  { id: '444444444444', name: 'unfiled' },
];
const owners = new OwnerResolver({ ...DEFAULT_OWNER_RULES, fallback: 'cloud-team', ous: { 'root/prod': 'platform', 'root/prod/data': 'data-eng' } }, accounts);

test('a configured owner tag wins over the account, the OU and the fallback', () => {
  assert.deepEqual(owners.resolve(res('111111111111', { team: 'checkout' })), { owner: 'checkout', source: 'tag' });
  assert.equal(owners.ownerOf(res('444444444444', { Owner: ' ml ' })), 'ml');
});

test('tag keys are tried in the configured order and "unknown" or blank values do not count', () => {
  const r = new OwnerResolver({ tagKeys: ['CostCentre', 'owner'], fallback: 'f' }, []);
  assert.equal(r.ownerOf(res('444444444444', { owner: 'a', CostCentre: 'b' })), 'b');
  assert.equal(r.ownerOf(res('444444444444', { owner: 'a', CostCentre: 'unknown' })), 'a');
  assert.deepEqual(r.resolve(res('444444444444', { owner: '  ' })), { owner: 'f', source: 'fallback' });
});

test('without a tag the account team answers, then the most specific OU, then the fallback', () => {
  assert.deepEqual(owners.resolve(res('111111111111')), { owner: 'payments', source: 'account' });
  assert.deepEqual(owners.resolve(res('222222222222')), { owner: 'data-eng', source: 'ou' });
  assert.deepEqual(owners.resolve(res('333333333333')), { owner: 'cloud-team', source: 'fallback' });
  assert.deepEqual(owners.resolve(res('444444444444')), { owner: 'cloud-team', source: 'fallback' });
});

test('the configured account map applies to accounts the source does not list, and wins over the source', () => {
  const r = new OwnerResolver({ tagKeys: [], fallback: 'f', accounts: { '777777777777': 'ml', '111111111111': 'checkout' } }, accounts);
  assert.deepEqual(r.resolve(res('777777777777')), { owner: 'ml', source: 'account' });
  assert.equal(r.ownerOf(res('111111111111')), 'checkout');
});

test('an OU mapping covers nested OUs but not a sibling sharing a name prefix', () => {
  const r = new OwnerResolver({ tagKeys: [], fallback: 'f', ous: { '/root/prod/': 'platform' } }, [
    { id: '555555555555', name: 'x', ou: 'root/prod/eu/payments' },
    { id: '666666666666', name: 'y', ou: 'root/production' },
  ]);
  assert.equal(r.ownerOf(res('555555555555')), 'platform');
  assert.equal(r.ownerOf(res('666666666666')), 'f');
});
