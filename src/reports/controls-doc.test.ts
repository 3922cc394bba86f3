import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { builtinFrameworks } from '../frameworks/catalogue/builtin-frameworks.js';
import { FrameworkRegistry } from '../frameworks/framework-registry.js';
import type { LoadedPolicy } from '../policies/policy.js';
import { createRegistries } from '../policies/registries.js';
import { runVigil } from '../testing/cli-harness.js';
import { builtinControlsDoc } from '../composition-root.js';
import { CONTROLS_DOC_FILE, renderControlsDoc } from './controls-doc.js';

const root = new URL('../../', import.meta.url).pathname;
const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name) ? [p] : [];
  });

const policy = (over: Partial<LoadedPolicy> & { id: string; file: string }): LoadedPolicy => ({
  title: `Title of ${over.id}`,
  resource: 'aws.s3.bucket',
  severity: 'medium',
  frameworks: { dora: 'Art. 12(1)', 'cis-aws@4.0': '2.1.2' },
  where: { 'Versioning.Status': { ne: 'Enabled' } },
  remediation: { guidance: 'Fix it.' },
  builtin: true,
  source: { file: over.file, line: 1, col: 1 },
  ...over,
});

const render = (policies: LoadedPolicy[]) =>
  renderControlsDoc({ policies, resourceTypes: createRegistries().resourceTypes, frameworks: new FrameworkRegistry(builtinFrameworks()) });

/** The lines of one control's section. */
const sectionOf = (md: string, id: string): string => md.split(/^### /m).find((s) => s.startsWith(`${id}\n`)) ?? '';

describe('renderControlsDoc', () => {
  const vaultLock = policy({
    id: 'vault-lock',
    file: 'policies/aws/backup/vault-lock.yaml',
    severity: 'high',
    resource: ['aws.backup.vault'],
    description: 'Vaults are\nlocked per <svc>, see `<keep>`.',
    parameters: { minDays: { type: 'integer', default: 7, description: 'Shortest lock | days' } },
    remediation: {
      guidance: 'Lock the vault.',
      console: 'AWS Backup → vault → Vault Lock',
      cli: 'aws backup put-backup-vault-lock-configuration --backup-vault-name NAME',
      remind: { times: 3, every: '2d' },
      enforce: 'backup.put-vault-lock',
      risk: 'irreversible',
      reversible: false,
      approval: false,
    },
  });
  const mfa = policy({ id: 'root-mfa', file: 'policies/aws/identity/root-mfa.yaml', severity: 'critical' });
  const weird = policy({ id: 'odd', file: 'policies/aws/zeta/odd.yaml' });
  const md = render([weird, mfa, vaultLock]);

  it('groups controls by the directory they live in, in catalogue order, unknown areas last', () => {
    const headings = md.match(/^## .*/gm);
    assert.deepEqual(headings, ['## Backup and recovery', '## Identity and access', '## zeta']);
    assert.ok(md.indexOf('### vault-lock') < md.indexOf('### root-mfa'));
  });

  it('says what it checks, why (versioned references with titles), parameters and how to fix', () => {
    const s = sectionOf(md, 'vault-lock');
    assert.match(s, /\| high \| `aws\.backup\.vault` \(AWS Backup vault\) \| `policies\/aws\/backup\/vault-lock\.yaml` \|/);
    assert.match(s, /\*\*What it checks\.\*\* Vaults are locked per &lt;svc>, see `<keep>`\./, 'one paragraph; a tag-like word outside code stays visible');
    assert.match(s, /`dora`, version 2022\/2554\): Art\. 12\(1\) \(/);
    assert.match(s, /`cis-aws@4\.0`, version 4\.0\.0\): 2\.1\.2 \(/);
    assert.match(s, /\| `minDays` \| integer \| `7` \| Shortest lock \\\| days \|/, 'a | in a cell must not break the table');
    assert.match(s, /\*\*How to fix\.\*\* Lock the vault\./);
    assert.match(s, /- Console: AWS Backup → vault → Vault Lock/);
    assert.match(s, /```sh\n\s+aws backup put-backup-vault-lock-configuration/);
  });

  it('states the enforcement action, risk, reversibility, and approval for irreversible actions even when the file says none', () => {
    const s = sectionOf(md, 'vault-lock');
    assert.match(s, /after 3 reminders, 2d apart: action `backup\.put-vault-lock`/);
    assert.match(s, /risk: \*\*irreversible\*\*; \*\*not reversible\*\*/);
    assert.match(s, /\*\*a person must approve\*\*/);
    assert.match(sectionOf(md, 'root-mfa'), /no automatic action/);
  });

  it('is deterministic whatever order the policies come in', () => {
    assert.equal(render([vaultLock, mfa, weird]), md);
  });
});

describe(CONTROLS_DOC_FILE, () => {
  it('is up to date with the built-in policies (regenerate with `npx vigil docs controls`)', async () => {
    const onDisk = readFileSync(join(root, CONTROLS_DOC_FILE), 'utf8');
    const fresh = await builtinControlsDoc();
    // Compare whole bytes, but report the first differing line: that is what a reviewer needs.
    if (onDisk !== fresh) {
      const a = onDisk.split('\n');
      const b = fresh.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      assert.fail(`${CONTROLS_DOC_FILE} is stale at line ${i + 1}: run \`npx tsx src/cli/main.ts docs controls\` and commit it\n  file:      ${a[i]}\n  generated: ${b[i]}`);
    }
  });

  it('has a section for every built-in control', async () => {
    const fresh = await builtinControlsDoc();
    // The ids come from the policy files themselves (plain YAML, not the loader the document is built with).
    const ids = yamlFiles(join(root, 'policies')).flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => String((d.toJS() as { id?: unknown }).id)));
    assert.ok(ids.length >= 60, `only ${ids.length} built-in policy files found`);
    const missing = ids.filter((id) => sectionOf(fresh, id).length === 0);
    assert.deepEqual(missing, [], `controls with no section in ${CONTROLS_DOC_FILE}`);
    assert.equal(fresh.match(/^### /gm)?.length, ids.length, 'one section per control, no extra');
  });
});

describe('vigil docs controls', () => {
  it('writes the document relative to the working directory, then --check passes; a stale file exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-docs-'));
    try {
      const write = await runVigil(['docs', 'controls'], { cwd: dir });
      assert.equal(write.code, 0, write.stderr);
      assert.equal(await readFile(join(dir, CONTROLS_DOC_FILE), 'utf8'), await builtinControlsDoc());
      assert.equal((await runVigil(['docs', 'controls', '--check'], { cwd: dir })).code, 0);
      await writeFile(join(dir, CONTROLS_DOC_FILE), 'hand-edited\n');
      const stale = await runVigil(['docs', 'controls', '--check'], { cwd: dir });
      assert.equal(stale.code, 1);
      assert.match(stale.stderr, /stale: run `npx vigil docs controls`/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
