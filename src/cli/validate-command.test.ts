import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runVigil, tempDir } from '../testing/cli-harness.js';

const policy = (id: string, extra = ''): string =>
  `id: ${id}\ntitle: Buckets keep versions\nresource: aws.s3.bucket\nseverity: low\nwhere: { Versioning.Status: { ne: Enabled } }\nremediation: { guidance: Turn versioning on. }\n${extra}`;

/** Each broken file, and the exact diagnostic line `vigil validate` must print for it. */
const BROKEN: Record<string, { text: string; expect: string }> = {
  'syntax.yaml': {
    text: 'id: syntax\ntitle: y\n  resource: aws.s3.bucket\n',
    expect: 'broken/syntax.yaml:2:8  Nested mappings are not allowed in compact mappings',
  },
  'unknown-field.yaml': {
    text: 'id: unknown-field\ntitle: A typo\nresource: aws.s3.bucket\nseverity: high\nwhere: { Versioning.Status: { ne: Enabled } }\nremediaton: { guidance: x }\nremediation: { guidance: Fix it. }\n',
    expect: 'broken/unknown-field.yaml:6:1  policy: unknown field "remediaton"',
  },
  'bad-severity.yaml': {
    text: 'id: bad-severity\ntitle: Bad severity\nresource: aws.s3.bucket\nseverity: urgent\nwhere: { Versioning.Status: { ne: Enabled } }\nremediation: { guidance: Fix it. }\n',
    expect: 'broken/bad-severity.yaml:4:1  severity: "urgent" is not one of critical, high, medium, low, info',
  },
  'deep-operator.yaml': {
    text: [
      'id: deep-operator',
      'title: Unknown operator deep in where',
      'resource: aws.s3.bucket',
      'severity: low',
      'where:',
      '  all:',
      '    - Versioning.Status: { ne: Enabled }',
      '    - any:',
      '        - Logging.TargetBucket: { exists: true }',
      '        - Name: { startswith: tmp- }',
      'remediation: { guidance: Fix it. }',
      '',
    ].join('\n'),
    expect: 'broken/deep-operator.yaml:10:19  where.all.1.any.1.Name.startswith: unknown operator "startswith"',
  },
  'unknown-type.yaml': {
    text: 'id: unknown-type\ntitle: Unknown type\nresource: aws.s3.buckets\nseverity: low\nwhere: { Versioning.Status: { ne: Enabled } }\nremediation: { guidance: Fix it. }\n',
    expect: 'broken/unknown-type.yaml:3:1  resource: "aws.s3.buckets" is not one of aws.',
  },
  'unknown-type-in-list.yaml': {
    text: 'id: unknown-type-in-list\ntitle: Unknown type\nresource: [aws.s3.bucket, aws.s3.nope]\nseverity: low\nwhere: { Versioning.Status: { ne: Enabled } }\nremediation: { guidance: Fix it. }\n',
    expect: 'broken/unknown-type-in-list.yaml:3:27  resource.1: "aws.s3.nope" is not one of aws.',
  },
  'unknown-param.yaml': {
    text: [
      'id: unknown-param',
      'title: Unknown parameter reference',
      'resource: aws.s3.bucket',
      'severity: low',
      'parameters:',
      '  exempt: { type: string-list, default: [], description: Exempt buckets }',
      'where:',
      '  $id: { not-in: { param: exemptBuckets } }',
      'remediation: { guidance: Fix it. }',
      '',
    ].join('\n'),
    expect: 'broken/unknown-param.yaml:8:10  where.$id.not-in: unknown parameter "exemptBuckets"; declared: exempt',
  },
  'framework-typo.yaml': {
    text: policy('framework-typo', 'frameworks: { dorra: "Art. 9" }\n'),
    expect: 'broken/framework-typo.yaml:7:15  frameworks.dorra: unknown framework "dorra" (did you mean "dora"?)',
  },
  'framework-ref.yaml': {
    text: policy('framework-ref', 'frameworks: { dora: "Art. 9", iso27001@2022: "A.99.1" }\n'),
    expect: 'broken/framework-ref.yaml:7:31  frameworks.iso27001@2022: iso27001@2022 has no requirement "A.99.1"',
  },
  // A schema error and a condition error in one file: both are reported in one run.
  'schema-and-condition.yaml': {
    text: 'id: schema-and-condition\ntitle: Two problems\nresource: aws.s3.bucket\nseverity: hgh\nwhere: { Versioning.Status: { eqq: Enabled } }\nremediation: { guidance: Fix it. }\n',
    expect: 'broken/schema-and-condition.yaml:4:1  severity: "hgh" is not one of',
  },
  'schema-and-condition.yml': {
    text: 'id: schema-and-condition-2\ntitle: Two problems\nresource: aws.s3.bucket\nseverity: hgh\nwhere: { Versioning.Status: { eqq: Enabled } }\nremediation: { guidance: Fix it. }\n',
    expect: 'broken/schema-and-condition.yml:5:31  where.Versioning.Status.eqq: unknown operator "eqq"',
  },
  'dup-a.yaml': { text: `- ${policy('dup-one').replace(/\n(?=.)/g, '\n  ')}`, expect: '' },
  'dup-b.yaml': {
    text: `- ${policy('fine-one').replace(/\n(?=.)/g, '\n  ')}- ${policy('dup-one').replace(/\n(?=.)/g, '\n  ')}`,
    expect: 'broken/dup-b.yaml:7:3  id: "dup-one" is already defined at broken/dup-a.yaml:1',
  },
};

describe('vigil validate', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ path: dir, cleanup } = await tempDir('vigil-validate-'));
    await mkdir(join(dir, 'broken'));
    for (const [name, { text }] of Object.entries(BROKEN)) await writeFile(join(dir, 'broken', name), text);
    await mkdir(join(dir, 'good', 'nested'), { recursive: true });
    await writeFile(join(dir, 'good', 'one.yaml'), policy('good-one'));
    await writeFile(join(dir, 'good', 'nested', 'two.yml'), `- ${policy('good-two').replace(/\n(?=.)/g, '\n  ')}- ${policy('good-three').replace(/\n(?=.)/g, '\n  ')}`);
    await writeFile(join(dir, 'good', 'one.test.yaml'), 'cases: []\n');
  });
  after(() => cleanup());

  it('reports every broken policy as file:line:col  message at the offending node, and exits 2', async () => {
    const r = await runVigil(['validate', join(dir, 'broken')], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    for (const [name, { expect }] of Object.entries(BROKEN)) {
      if (!expect) continue;
      assert.ok(lines.some((l) => l.startsWith(expect)), `${name}: expected a line starting with\n  ${expect}\ngot\n  ${lines.join('\n  ')}`);
    }
    for (const l of lines.slice(0, -1)) assert.match(l, /^broken\/[\w-]+\.ya?ml:\d+:\d+  \S/, 'every problem is located');
    const problems = lines.length - 1;
    assert.equal(lines.at(-1), `13 files, 2 policies: ${problems} problems`);
    assert.equal(lines.filter((l) => l.includes('unknown-type.yaml')).length, 1, 'one message for a bad resource type, not the schema\'s anyOf noise');
  });

  it('exits 0 with "N files, M policies: ok" on a valid directory (lists in files, nested dirs, test files skipped)', async () => {
    const r = await runVigil(['validate', join(dir, 'good')], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '2 files, 3 policies: ok\n');
    assert.equal(r.stderr, '');
  });

  it('without arguments validates the built-in policies', async () => {
    const r = await runVigil(['validate'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+ files, \d+ policies: ok\n$/);
    const [files, policies] = r.stdout.match(/\d+/g)!.map(Number);
    assert.ok(files! >= 50 && policies! >= files!, r.stdout);
  });

  it('exits 2 when a directory does not exist', async () => {
    const r = await runVigil(['validate', join(dir, 'nope')], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^nope:1:1  cannot read policy directory: /m);
  });
});
