import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VigilError } from '../common/vigil-error.js';
import { builtinFrameworks } from './catalogue/builtin-frameworks.js';
import type { Framework } from './framework.js';
import { FrameworkRegistry } from './framework-registry.js';

const registry = () => new FrameworkRegistry(builtinFrameworks());
const tiny: Framework = {
  id: 'tiny', title: 'Tiny', version: '1', publisher: 'us', url: 'https://example.org', refExample: 'Art. 1', source: 'test',
  requirements: [
    { ref: 'Art. 1', title: 'One', summary: 's', automatable: true },
    { ref: 'Art. 1(2)', title: 'One two', summary: 's', automatable: true },
    { ref: 'Art. 2', title: 'Two', summary: 's', automatable: false },
    { ref: 'Art. 3', title: 'Three', summary: 's', automatable: true },
  ],
};

describe('FrameworkRegistry', () => {
  it('ships the ten frameworks, CIS kept per version', () => {
    assert.deepEqual(registry().ids().sort(), [
      'aws-backup-audit-manager', 'aws-fsbp', 'cis-aws@3.0', 'cis-aws@4.0', 'cis-aws@5.0', 'cis-aws@6.0',
      'dora', 'dora-rts-2024-1774', 'gdpr', 'iso27001@2022',
    ]);
  });

  it('get() names the known ids when the framework is unknown', () => {
    assert.throws(() => registry().get('sox'), (e: unknown) => e instanceof VigilError && e.code === 'framework.unknown' && e.status === 404 && e.message.includes('dora'));
  });

  it('refuses duplicate frameworks and duplicate references', () => {
    assert.throws(() => new FrameworkRegistry([tiny, tiny]), /registered twice/);
    const dup = { ...tiny, id: 'dup', requirements: [...tiny.requirements, tiny.requirements[0]!] };
    assert.throws(() => new FrameworkRegistry([dup]), /Art\. 1 twice/);
  });

  it('resolves a point to its paragraph and article, most specific first', () => {
    const r = registry().resolve('dora', 'Art. 12(1)(a)');
    assert.ok(r);
    assert.equal(r.exact, true);
    assert.deepEqual(r.countsFor.map((x) => x.ref), ['Art. 12(1)(a)', 'Art. 12(1)', 'Art. 12']);
  });

  it('resolves a paragraph the catalogue does not list to its article (Art. 12(1) under Art. 12)', () => {
    const r = new FrameworkRegistry([tiny]).resolve('tiny', 'Art. 3(1)');
    assert.ok(r);
    assert.equal(r.exact, false);
    assert.equal(r.requirement.ref, 'Art. 3');
  });

  it('accepts a bare article', () => {
    assert.equal(registry().resolve('dora', 'Art. 9')?.requirement.title, 'Protection and prevention');
  });

  it('keeps DORA final-text numbering: Art. 11 is response and recovery, Art. 12 backup', () => {
    assert.equal(registry().resolve('dora', 'Art. 11')?.requirement.title, 'Response and recovery');
    assert.match(registry().resolve('dora', 'Art. 12')?.requirement.title ?? '', /^Backup policies/);
  });

  it('keeps CIS numbering per version (access key rotation moves)', () => {
    const title = (fw: string, ref: string) => registry().resolve(fw, ref)?.requirement.title;
    assert.equal(title('cis-aws@3.0', '1.14'), 'Ensure access keys are rotated every 90 days or less');
    assert.equal(title('cis-aws@4.0', '1.14'), 'Ensure access keys are rotated every 90 days or less');
    assert.equal(title('cis-aws@5.0', '1.13'), 'Ensure access keys are rotated every 90 days or less');
    assert.equal(title('cis-aws@6.0', '2.13'), 'Ensure access keys are rotated every 90 days or less');
    assert.equal(registry().resolve('cis-aws@6.0', '1.14'), undefined);
  });

  it('does not resolve CIS sub-numbers to a section', () => {
    assert.equal(registry().resolve('cis-aws@4.0', '2.1'), undefined);
  });

  it('explains a near miss with the right spelling, and an unversioned CIS id with the versions', () => {
    const reg = registry();
    assert.equal(reg.explain('dora', 'Art. 12(1)'), undefined);
    assert.match(reg.explain('dora', 'Art.12(1)') ?? '', /write it as "Art\. 12\(1\)"/);
    assert.match(reg.explain('iso27001@2022', 'a.8.13') ?? '', /write it as "A\.8\.13"/);
    assert.match(reg.explain('cis-aws', '1.14') ?? '', /cis-aws@6\.0/);
    assert.match(reg.explain('dora', 'Art. 99') ?? '', /no requirement "Art\. 99"/);
  });

  it('coverage lists every requirement, a paragraph reference counts for its article, gaps are manual', () => {
    const report = new FrameworkRegistry([tiny]).coverage([
      { id: 'p-para', frameworks: { tiny: 'Art. 1(2)' } },
      { id: 'p-two', frameworks: { tiny: ['Art. 2'] } },
      { id: 'p-bad', frameworks: { tiny: 'Art. 9', nope: 'x' } },
    ]);
    const rows = Object.fromEntries(report.frameworks[0]!.requirements.map((r) => [r.requirement.ref, r]));
    assert.deepEqual(rows['Art. 1']!.policyIds, ['p-para']);
    assert.deepEqual(rows['Art. 1(2)']!.policyIds, ['p-para']);
    assert.equal(rows['Art. 1']!.manual, false);
    assert.equal(rows['Art. 2']!.manual, true, 'organisational requirement stays manual even when cited');
    assert.equal(rows['Art. 3']!.manual, true, 'uncovered requirement is manual, not hidden');
    assert.deepEqual(report.problems.map((p) => `${p.policyId}:${p.framework}:${p.ref}`), ['p-bad:tiny:Art. 9', 'p-bad:nope:x']);
  });

  it('citing a whole article does not cover its paragraphs', () => {
    const report = new FrameworkRegistry([tiny]).coverage([{ id: 'p', frameworks: { tiny: 'Art. 1' } }]);
    const para = report.frameworks[0]!.requirements.find((r) => r.requirement.ref === 'Art. 1(2)');
    assert.deepEqual(para?.policyIds, []);
  });
});
