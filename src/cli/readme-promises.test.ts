// What the README promises a user, checked as the user would meet it: environment variables at the
// CLI, owner resolution settings, snapshot settings, `vigil schema`, `--seed`, and the default demo
// estate's shape.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createVigil, loadConfig } from '../index.js';
import { openStore } from '../store/open-store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';
import { policySchemaText } from './schema-command.js';

let dir: string;
let cleanup: () => Promise<void>;
before(async () => ({ path: dir, cleanup } = await tempDir('vigil-readme-')));
after(() => cleanup());

const ids = async (file: string): Promise<string[]> => ((JSON.parse(await readFile(join(dir, file), 'utf8')) as { id: string }[]).map((v) => v.id).sort());
const scan = (out: string, argv: string[], env: NodeJS.ProcessEnv = {}) =>
  runVigil(['scan', '--format', 'json', '--output', out, '--db', join(dir, `${out}.db`), ...argv], { cwd: dir, env });

describe('demo estate settings', () => {
  it('--seed picks the estate: the same seed finds the same violations, another seed others', async () => {
    for (const [out, seed] of [['s7a.json', '7'], ['s7b.json', '7'], ['s8.json', '8']] as const) assert.equal((await scan(out, ['--size', '300', '--seed', seed])).code, 0);
    assert.deepEqual(await ids('s7a.json'), await ids('s7b.json'));
    assert.notDeepEqual(await ids('s7a.json'), await ids('s8.json'));
  });

  it('VIGIL_DEMO_SIZE and VIGIL_DEMO_SEED do what --size and --seed do', async () => {
    const r = await scan('env.json', [], { VIGIL_DEMO_SIZE: '300', VIGIL_DEMO_SEED: '8' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await ids('env.json'), await ids('s8.json'));
  });

  it('VIGIL_SOURCE picks the source', async () => {
    await writeFile(join(dir, 'one.jsonl'), `${JSON.stringify({ type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1', config: { Name: 'only-one', Versioning: { Status: 'Suspended' } } })}\n`);
    const r = await scan('src.json', [], { VIGIL_SOURCE: `file:${join(dir, 'one.jsonl')}` });
    assert.equal(r.code, 0, r.stderr);
    const found = JSON.parse(await readFile(join(dir, 'src.json'), 'utf8')) as { resourceArn: string }[];
    assert.ok(found.length > 0 && found.every((v) => v.resourceArn === 'arn:aws:s3:::only-one'), 'only the file\'s bucket is judged');
  });

  it('the default demo estate is 3 accounts, 2 regions, ~2,000 resources of 30+ types', async () => {
    const vigil = await createVigil(await loadConfig({ env: {}, flags: { store: { url: ':memory:' } } }));
    try {
      const provider = vigil.provider('demo');
      const org = await provider.organization();
      const seen = { resources: 0, types: new Set<string>(), regions: new Set<string>(), accounts: new Set<string>() };
      for await (const b of provider.collect({})) {
        for (const r of b.resources) {
          seen.resources++;
          seen.types.add(r.type);
          seen.accounts.add(r.accountId);
          if (r.region !== 'global') seen.regions.add(r.region);
        }
      }
      assert.equal(org.accounts.length, 3);
      assert.equal(seen.accounts.size, 3);
      assert.equal(seen.regions.size, 2);
      assert.ok(seen.resources > 1_800 && seen.resources < 2_400, `${seen.resources} resources`);
      assert.ok(seen.types.size >= 30, `${seen.types.size} types`);
    } finally {
      await vigil.close();
    }
  });
});

describe('configuration the README documents', () => {
  const bucket = (name: string, accountId: string, tags: Record<string, string> = {}, versioning = 'Suspended') =>
    JSON.stringify({ type: 'aws.s3.bucket', accountId, region: 'eu-west-1', tags, config: { Name: name, Versioning: { Status: versioning } } });

  it('owners: a custom tag key, then the account map, then the fallback team', async () => {
    await writeFile(join(dir, 'owners.jsonl'), [bucket('tagged', '111122223333', { squad: 'payments' }), bucket('mapped', '111122223333'), bucket('orphan', '444455556666')].join('\n'));
    await writeFile(join(dir, 'owners.yaml'), 'owners:\n  tagKeys: [squad]\n  accounts: { "111122223333": ledger }\n  fallback: cloud-security\n');
    const r = await scan('owners.json', ['--source', `file:${join(dir, 'owners.jsonl')}`], { VIGIL_CONFIG: join(dir, 'owners.yaml') });
    assert.equal(r.code, 0, r.stderr);
    const found = JSON.parse(await readFile(join(dir, 'owners.json'), 'utf8')) as { resourceArn: string; owner: string }[];
    const owner = (name: string) => new Set(found.filter((v) => v.resourceArn === `arn:aws:s3:::${name}`).map((v) => v.owner));
    assert.deepEqual([...owner('tagged')], ['payments']);
    assert.deepEqual([...owner('mapped')], ['ledger']);
    assert.deepEqual([...owner('orphan')], ['cloud-security']);
  });

  it('inventory.snapshots: all keeps the config of passing resources too; the default only of failing ones', async () => {
    await writeFile(join(dir, 'snap.jsonl'), [bucket('failing', '111122223333'), bucket('passing', '111122223333', {}, 'Enabled')].join('\n'));
    // One policy only, so that 'passing' passes everything judged.
    await mkdir(join(dir, 'own-policies'), { recursive: true });
    await writeFile(join(dir, 'own-policies', 'versioning.yaml'), 'id: only-versioning\ntitle: Buckets keep versions\nresource: aws.s3.bucket\nseverity: low\nframeworks: { dora: "Art. 12(1)" }\nwhere: { Versioning.Status: { ne: Enabled } }\nremediation: { guidance: Turn on versioning. }\n');
    const policies = `policies: { builtin: false, dirs: [${JSON.stringify(join(dir, 'own-policies'))}] }\n`;
    await writeFile(join(dir, 'all.yaml'), `${policies}inventory: { snapshots: all }\n`);
    await writeFile(join(dir, 'default.yaml'), policies);
    const stored = async (out: string, env: NodeJS.ProcessEnv) => {
      const r = await scan(out, ['--source', `file:${join(dir, 'snap.jsonl')}`], env);
      assert.equal(r.code, 0, r.stderr);
      const store = await openStore({ url: join(dir, `${out}.db`) });
      try {
        return Object.fromEntries((await store.inventory.list()).map((r) => [r.name, [r.snapshot, (r.config as { Name?: string }).Name ?? null]]));
      } finally {
        await store.close();
      }
    };
    assert.deepEqual(await stored('snap-all.json', { VIGIL_CONFIG: join(dir, 'all.yaml') }), { failing: [true, 'failing'], passing: [true, 'passing'] });
    const byDefault = await stored('snap-default.json', { VIGIL_CONFIG: join(dir, 'default.yaml') });
    assert.deepEqual(byDefault['failing'], [true, 'failing']);
    assert.equal(byDefault['passing']?.[0], false, 'a passing resource keeps no snapshot by default');
  });
});

describe('vigil schema', () => {
  it('writes the policy JSON Schema the registries generate, and --check says when it is stale', async () => {
    const r = await runVigil(['schema', '--output', 'out/policy.schema.json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const written = await readFile(join(dir, 'out/policy.schema.json'), 'utf8');
    assert.equal(written, policySchemaText());
    assert.ok((JSON.parse(written) as { $schema?: string }).$schema, 'a JSON Schema document');
    assert.equal((await runVigil(['schema', '--check', '--output', 'out/policy.schema.json'], { cwd: dir })).code, 0);
    await writeFile(join(dir, 'out/policy.schema.json'), '{}\n');
    const stale = await runVigil(['schema', '--check', '--output', 'out/policy.schema.json'], { cwd: dir });
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /stale/);
  });
});
