import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import { ladderFor, type LadderPolicy, type LadderSettings } from './ladder.js';
import { parseDuration } from './duration.js';

const policy: LadderPolicy = { id: 's3-public', severity: 'high', remediation: { remind: { times: 3, every: '2d' }, enforce: 's3.block-public-access', risk: 'safe' } };
const settings: LadderSettings = {
  defaults: DEFAULT_CONFIG.escalation.defaults,
  controls: { 's3-public': { remind: { times: 2, every: '12h' } } },
  ous: {
    'root/prod': { remind: { times: 1, every: '30m' } },
    'root/prod/payments': { controls: { 's3-public': { escalate: 'payments-leads' } } },
  },
};

test('ladder layers: severity default < policy < config per control < config per OU (most specific last)', () => {
  assert.deepEqual(ladderFor({ id: 'x', severity: 'medium', remediation: {} }, { defaults: DEFAULT_CONFIG.escalation.defaults }), { times: 3, everyMs: parseDuration('7d'), end: { kind: 'none' } });
  assert.deepEqual(ladderFor(policy, { defaults: DEFAULT_CONFIG.escalation.defaults }), { times: 3, everyMs: parseDuration('2d'), end: { kind: 'enforce', action: 's3.block-public-access', risk: 'safe', needsApproval: false } });
  assert.equal(ladderFor(policy, settings).everyMs, 12 * 3_600_000);
  assert.deepEqual([ladderFor(policy, settings, 'root/prod/data').times, ladderFor(policy, settings, 'root/prod/data').everyMs], [1, 30 * 60_000], 'minutes work, nested OUs inherit');
  assert.deepEqual(ladderFor(policy, settings, '/root/prod/payments/').end, { kind: 'escalate', team: 'payments-leads' });
  assert.equal(ladderFor(policy, settings, 'root/production').times, 2, 'a sibling OU sharing a prefix is not covered');
});

test('disruptive and irreversible actions need an approval; manual ones are never published', () => {
  const disruptive = ladderFor({ ...policy, remediation: { ...policy.remediation, risk: 'disruptive' } }, settings).end;
  assert.ok(disruptive.kind === 'enforce' && disruptive.needsApproval);
  const irreversible = ladderFor({ ...policy, remediation: { ...policy.remediation, risk: 'irreversible' } }, settings).end;
  assert.ok(irreversible.kind === 'enforce' && irreversible.needsApproval);
  assert.deepEqual(ladderFor({ ...policy, remediation: { ...policy.remediation, risk: 'manual' } }, settings).end, { kind: 'none' });
});
