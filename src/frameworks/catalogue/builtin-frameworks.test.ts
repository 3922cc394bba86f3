import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinFrameworks } from './builtin-frameworks.js';

const byId = new Map(builtinFrameworks().map((f) => [f.id, f]));
const refs = (id: string) => byId.get(id)!.requirements.map((r) => r.ref);

describe('built-in frameworks catalogue', () => {
  it('every requirement has a title, a one-line summary and a unique reference', () => {
    for (const f of byId.values()) {
      assert.equal(new Set(refs(f.id)).size, f.requirements.length, `${f.id} has duplicate refs`);
      for (const r of f.requirements) {
        assert.ok(r.title.trim().length > 0, `${f.id} ${r.ref} has no title`);
        assert.ok(r.summary.trim().length > 0 && !r.summary.includes('\n'), `${f.id} ${r.ref} summary must be one line`);
        assert.ok(r.summary.length <= 160, `${f.id} ${r.ref} summary is too long for one line`);
      }
    }
  });

  it('writes references in each framework\'s own form', () => {
    const forms: Record<string, RegExp> = {
      dora: /^Art\. \d+(\(\d+\))?(\([a-z]\))?$/,
      'dora-rts-2024-1774': /^Art\. \d+(\(\d+\))?(\([a-z]\))?(\([ivx]+\))?$/,
      gdpr: /^Art\. \d+(\(\d+\))?(\([a-z]\))?$/,
      'iso27001@2022': /^A\.[5-8]\.\d+$/,
      'aws-fsbp': /^[A-Za-z0-9]+\.\d+$/,
      'aws-backup-audit-manager': /^[A-Z_]+$/,
    };
    for (const id of ['cis-aws@3.0', 'cis-aws@4.0', 'cis-aws@5.0', 'cis-aws@6.0']) forms[id] = /^\d+\.\d+(\.\d+)?$/;
    for (const [id, form] of Object.entries(forms)) for (const ref of refs(id)) assert.match(ref, form, `${id} ${ref}`);
  });

  it('CIS versions have the published recommendation counts', () => {
    assert.deepEqual(
      ['cis-aws@3.0', 'cis-aws@4.0', 'cis-aws@5.0', 'cis-aws@6.0'].map((id) => refs(id).length),
      [62, 64, 63, 63],
    );
    assert.ok(refs('cis-aws@6.0').every((r) => !r.startsWith('1.')), 'v6 starts at section 2');
  });

  it('Backup Audit Manager has its 11 controls with parameters and defaults', () => {
    const bam = byId.get('aws-backup-audit-manager')!;
    assert.equal(bam.requirements.length, 11);
    const freq = bam.requirements.find((r) => r.ref === 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK');
    assert.deepEqual(
      freq?.parameters?.map((p) => [p.name, p.default]),
      [['requiredFrequencyUnit', 'days'], ['requiredFrequencyValue', 1], ['requiredRetentionDays', 35]],
    );
  });

  it('DORA marks organisational articles as not automatable', () => {
    const dora = byId.get('dora')!;
    const auto = (ref: string) => dora.requirements.find((r) => r.ref === ref)?.automatable;
    assert.equal(auto('Art. 5'), false);
    assert.equal(auto('Art. 6'), false);
    assert.equal(auto('Art. 12(3)'), true);
  });
});
