import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TeamDirectory } from './team-directory.js';

const owners = { tagKeys: ['owner'], fallback: 'security', accounts: {}, securityTeam: 'security' };
const teams = {
  security: { members: [{ name: 'Sam', email: 'sam@example.com' }], channels: {} },
  payments: { members: [{ name: 'Alice', email: 'Alice@Example.com', security: true }, { name: 'Bob', email: 'bob@example.com' }], channels: { email: ['pay@example.com'] } },
};

test('members of the security team and members flagged security may approve; others may not', () => {
  const d = new TeamDirectory({ owners, teams });
  assert.equal(d.isSecurityApprover('sam@example.com'), true);
  assert.equal(d.isSecurityApprover('Sam'), true);
  assert.equal(d.isSecurityApprover('alice@example.com'), true, 'e-mail compared case-insensitively');
  assert.equal(d.isSecurityApprover('bob@example.com'), false);
  assert.equal(d.isSecurityApprover('mallory@example.com'), false);
  assert.equal(d.isSecurityApprover(' '), false);
});

test('without a security team only flagged members approve', () => {
  const d = new TeamDirectory({ owners: { ...owners, securityTeam: undefined }, teams });
  assert.equal(d.isSecurityApprover('sam@example.com'), false);
  assert.equal(d.isSecurityApprover('Alice'), true);
  assert.deepEqual(d.names(), ['payments', 'security']);
  assert.equal(d.team('nobody'), undefined);
});
