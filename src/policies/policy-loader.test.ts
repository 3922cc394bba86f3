import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatDiagnostic } from '../common/vigil-error.js';
import { tempDir } from '../testing/cli-harness.js';
import { PolicyLoader, isPolicyFile } from './policy-loader.js';
import { BUILTIN_POLICY_DIR, createRegistries } from './registries.js';

const loader = new PolicyLoader(createRegistries(), '/work');
const base = `id: p1
title: Buckets keep versions
resource: aws.s3.bucket
severity: low
where: { Versioning.Status: { ne: Enabled } }
`;
const problems = (text: string): string[] => loader.parse('p.yaml', text).diagnostics.map(formatDiagnostic);

describe('PolicyLoader.parse', () => {
  it('accepts one policy or a list of policies, and remembers where each starts', () => {
    const one = loader.parse('p.yaml', `${base}remediation: { guidance: fix it }\n`);
    assert.deepEqual(one.diagnostics, []);
    assert.deepEqual(one.policies.map((p) => [p.id, p.source.line, p.builtin]), [['p1', 1, false]]);
    const list = loader.parse('l.yaml', `- id: aa\n  title: A title\n  resource: aws.s3.bucket\n  severity: low\n  where: { Name: x }\n  remediation: { guidance: fix it }\n- id: bb\n  title: B title\n  resource: aws.s3.bucket\n  severity: high\n  where: { Name: y }\n  remediation: { guidance: fix it }\n`, true);
    assert.deepEqual(list.diagnostics, []);
    assert.deepEqual(list.policies.map((p) => [p.id, p.source.line, p.source.col, p.builtin]), [['aa', 1, 3, true], ['bb', 7, 3, true]]);
  });

  it('says an empty file is empty', () => {
    assert.deepEqual(problems('# nothing here\n'), ['p.yaml:1:1  empty policy file']);
  });

  it('names a missing required field at the policy', () => {
    assert.deepEqual(problems(base), ['p.yaml:1:1  policy: missing required field "remediation"']);
  });

  it('requires approval for an irreversible action, at the risk field', () => {
    assert.deepEqual(problems(`${base}remediation:\n  guidance: fix it\n  enforce: s3.delete-bucket\n  risk: irreversible\n`), ['p.yaml:9:3  remediation: an irreversible action needs approval: true']);
    assert.deepEqual(problems(`${base}remediation:\n  guidance: fix it\n  enforce: s3.delete-bucket\n  risk: irreversible\n  approval: true\n`), []);
  });

  it('checks a parameter default against its declared type', () => {
    const text = `${base.replace('where: { Versioning.Status: { ne: Enabled } }\n', '')}parameters:\n  maxDays: { type: integer, default: "ninety", description: Days }\nwhere: { Versioning.Status: { ne: Enabled } }\nremediation: { guidance: fix it }\n`;
    assert.deepEqual(problems(text), ['p.yaml:6:29  parameters.maxDays.default: must be a integer, found "ninety"']);
  });

  it('reports every problem of a list, not only the first', () => {
    const text = `- id: aa\n  title: A title\n  resource: aws.s3.bucket\n  severity: severe\n  where: { Name: x }\n  remediation: { guidance: fix it }\n- id: bb\n  title: B title\n  resource: aws.s3.bucket\n  severity: low\n  where: { Name: { eqq: x } }\n  remediation: { guidance: fix it }\n`;
    const ds = problems(text);
    assert.equal(ds.length, 2, ds.join('\n'));
    assert.match(ds[0]!, /^p\.yaml:4:3  severity: "severe" is not one of /);
    assert.match(ds[1]!, /^p\.yaml:11:20  where\.Name\.eqq: unknown operator "eqq"/);
  });
});

describe('PolicyLoader.load', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ path: dir, cleanup } = await tempDir('vigil-loader-'));
  });
  after(() => cleanup());

  it('skips test files and only reads *.yaml / *.yml', () => {
    assert.equal(isPolicyFile('a.yaml'), true);
    assert.equal(isPolicyFile('a.yml'), true);
    assert.equal(isPolicyFile('a.test.yaml'), false);
    assert.equal(isPolicyFile('a.test.yml'), false);
    assert.equal(isPolicyFile('a.json'), false);
  });

  it('lets an organisation replace a built-in policy by id, but not define one id twice itself', async () => {
    await mkdir(join(dir, 'org'));
    await writeFile(join(dir, 'org', 'versioning.yaml'), base.replace('id: p1', 'id: s3-versioning').replace('severity: low', 'severity: critical') + 'remediation: { guidance: ours }\n');
    const l = new PolicyLoader(createRegistries(), dir);
    const replaced = await l.load([{ path: BUILTIN_POLICY_DIR, builtin: true }, { path: join(dir, 'org'), builtin: false }]);
    assert.deepEqual(replaced.diagnostics, []);
    const ours = replaced.policies.filter((p) => p.id === 's3-versioning');
    assert.equal(ours.length, 1);
    assert.equal(ours[0]!.severity, 'critical');
    assert.equal(ours[0]!.builtin, false);
    assert.equal(ours[0]!.source.file, 'org/versioning.yaml');

    await writeFile(join(dir, 'org', 'again.yaml'), base.replace('id: p1', 'id: s3-versioning') + 'remediation: { guidance: ours }\n');
    const twice = await l.load([{ path: BUILTIN_POLICY_DIR, builtin: true }, { path: join(dir, 'org'), builtin: false }]);
    assert.deepEqual(twice.diagnostics.map(formatDiagnostic), ['org/versioning.yaml:1:1  id: "s3-versioning" is already defined at org/again.yaml:1']);
  });

  it('loads every built-in policy without a problem', async () => {
    const r = await new PolicyLoader(createRegistries()).load([{ path: BUILTIN_POLICY_DIR, builtin: true }]);
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), []);
    assert.ok(r.policies.length >= r.files.length && r.files.length > 0);
    assert.ok(r.policies.every((p) => p.builtin));
  });
});
