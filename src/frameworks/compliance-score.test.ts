import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyResultRow } from '../store/ports/scan-store.js';
import { complianceScore, type ScoredPolicy } from './compliance-score.js';
import type { Framework } from './framework.js';
import { FrameworkRegistry } from './framework-registry.js';

const fw: Framework = {
  id: 'fw', title: 'FW', version: '1', publisher: 'us', url: 'https://example.org', refExample: 'Art. 1', source: 'test',
  requirements: [
    { ref: 'Art. 1', title: 'Backups', summary: 's', automatable: true },
    { ref: 'Art. 1(1)', title: 'Backup scope', summary: 's', automatable: true },
    { ref: 'Art. 2', title: 'Encryption', summary: 's', automatable: true },
    { ref: 'Art. 3', title: 'Governance', summary: 's', automatable: false },
    { ref: 'Art. 4', title: 'Switched off', summary: 's', automatable: true },
    { ref: 'Art. 5', title: 'Nothing to judge', summary: 's', automatable: true },
  ],
};
const frameworks = new FrameworkRegistry([fw]);
const row = (policyId: string, evaluated: number, failed: number, region = 'eu-west-1'): PolicyResultRow => ({
  scanId: 's1', policyId, accountId: '111111111111', region, evaluated, failed,
});
const policies: ScoredPolicy[] = [
  { id: 'backup', frameworks: { fw: 'Art. 1(1)' } },
  { id: 'encrypt', frameworks: { fw: ['Art. 1', 'Art. 2'] } },
  { id: 'board', frameworks: { fw: 'Art. 3' } },
  { id: 'off', frameworks: { fw: 'Art. 4' }, enabled: false, disabledReason: 'replaced by SCP, ticket SEC-12' },
  { id: 'off-silent', frameworks: { fw: 'Art. 2' }, enabled: false },
  { id: 'empty', frameworks: { fw: 'Art. 5' } },
];
const results = [row('backup', 6, 1), row('backup', 4, 1, 'eu-central-1'), row('encrypt', 10, 5), row('board', 2, 0), row('off', 50, 50)];
const [score] = complianceScore({ frameworks, policies, results });
const req = (ref: string) => score!.requirements.find((r) => r.ref === ref)!;

describe('complianceScore', () => {
  it('scores a framework as passing over all evaluations, each policy counted once', () => {
    // backup 10 evaluated / 8 pass, encrypt 10 / 5, board 2 / 2; the disabled policy's 50 failures do not count.
    assert.equal(score!.evaluated, 22);
    assert.equal(score!.passed, 15);
    assert.equal(score!.score, 15 / 22);
  });

  it('scores a requirement from the policies covering it, sums over accounts and regions', () => {
    assert.equal(req('Art. 1(1)').score, 8 / 10);
    assert.equal(req('Art. 1').evaluated, 20, 'a paragraph reference counts for its article');
    assert.equal(req('Art. 1').score, 13 / 20);
    assert.deepEqual(req('Art. 1').policies.map((p) => p.policyId), ['backup', 'encrypt']);
  });

  it('reports uncovered requirements as manual, with no score', () => {
    const none = complianceScore({ frameworks, policies: [], results: [] })[0]!;
    assert.ok(none.requirements.every((r) => r.status === 'manual' && r.score === null && r.manualEvidenceNeeded));
    assert.equal(none.score, null);
  });

  it('flags organisational requirements as needing manual evidence even when scored', () => {
    assert.equal(req('Art. 3').status, 'scored');
    assert.equal(req('Art. 3').manualEvidenceNeeded, true);
    assert.equal(req('Art. 2').manualEvidenceNeeded, false);
  });

  it('reports disabled controls with their recorded reason instead of a score', () => {
    assert.equal(req('Art. 4').status, 'disabled');
    assert.equal(req('Art. 4').score, null);
    assert.deepEqual(req('Art. 4').disabled, [{ policyId: 'off', reason: 'replaced by SCP, ticket SEC-12' }]);
    assert.deepEqual(score!.disabled.map((d) => d.policyId), ['off', 'off-silent']);
    assert.equal(req('Art. 2').disabled[0]?.reason, 'disabled without a recorded reason');
    assert.equal(req('Art. 2').status, 'scored', 'an enabled policy still scores it');
  });

  it('separates "covered but nothing to judge" from a score of 100%', () => {
    assert.equal(req('Art. 5').status, 'not-evaluated');
    assert.equal(req('Art. 5').score, null);
  });

  it('ignores results of policies it was not given', () => {
    const [again] = complianceScore({ frameworks, policies, results: [...results, row('stranger', 100, 0)] });
    assert.equal(again!.evaluated, 22);
  });
});
