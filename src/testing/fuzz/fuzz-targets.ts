import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ManualClock } from '../../common/clock.js';
import { VigilError, type Diagnostic } from '../../common/vigil-error.js';
import { buildFrameworks, buildRegistries } from '../../composition-root.js';
import { loadConfig, ENVIRONMENT } from '../../config/config-loader.js';
import { PolicyLoader, isPolicyFile, listYamlFiles } from '../../policies/policy-loader.js';
import { BUILTIN_POLICY_DIR } from '../../policies/registries.js';
import { FileProvider } from '../../providers/file/file-provider.js';
import { mutatedYaml } from './yaml-mutations.js';

/**
 * One input Vigil reads, the values to throw at it, and the property every value must keep: no
 * crash, no stack trace, a located message (file:line:col, or record and reason), nothing half-written.
 */
export interface FuzzTarget<T = unknown> {
  name: string;
  /** Share of the total runs (CLI and API runs cost more than parsing). */
  weight: number;
  arbitrary: fc.Arbitrary<T>;
  check(input: T): Promise<void>;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
}

const located = (d: Diagnostic, file: string) => {
  assert.equal(d.file, file, `diagnostic names the file: ${JSON.stringify(d)}`);
  assert.ok(Number.isInteger(d.line) && d.line! >= 1 && Number.isInteger(d.col) && d.col! >= 1, `diagnostic has line and column: ${JSON.stringify(d)}`);
  assert.ok(d.message.length > 0 && d.message.length < 2_000, `a readable message: ${d.message.slice(0, 200)}`);
  assert.doesNotMatch(d.message, /\n\s+at /, 'no stack trace');
};

const policySeeds = async (): Promise<string[]> => (await listYamlFiles(BUILTIN_POLICY_DIR, isPolicyFile)).slice(0, 40).map((f) => readFileSync(f, 'utf8'));

/** Policy YAML: mutations of the built-in policies. */
export const policyYamlTarget = async (): Promise<FuzzTarget<string>> => {
  const loader = new PolicyLoader(buildRegistries(), process.cwd(), buildFrameworks());
  return {
    name: 'policy YAML',
    weight: 40,
    arbitrary: mutatedYaml(await policySeeds()),
    async check(text) {
      const r = loader.parse('policies/fuzz.yaml', text);
      for (const d of r.diagnostics) located(d, 'policies/fuzz.yaml');
      if (r.diagnostics.length === 0) assert.ok(r.policies.length > 0 || text.trim() === '', 'a file with no problem defines a policy');
    },
  };
};

const CONFIG_SEED = [
  'store: { url: ./.vigil/vigil.db }',
  'policies: { builtin: true, dirs: [./our-policies] }',
  'scan: { source: demo, worker: true, batchSize: 1000, transactionSize: 20000 }',
  'inventory: { snapshots: violating }',
  'server: { host: 127.0.0.1, port: 8080 }',
  'owners:\n  tagKeys: [owner, team]\n  accounts: { "123456789012": payments }\n  fallback: security',
  'organization: { frameworks: [dora, iso27001@2022] }',
  'controls:\n  log-group-retention:\n    parameters: { minRetentionDays: 365 }\n    overrides:\n      - ous: [root/sandbox]\n        parameters: { minRetentionDays: 30 }\n  s3-versioning: { enabled: false, reason: "Object Lock buckets" }',
].join('\n');

/** Config files: mutations of a complete configuration. */
export const configFileTarget = (): FuzzTarget<string> => {
  let dir = '';
  return {
    name: 'config file',
    weight: 15,
    arbitrary: mutatedYaml([CONFIG_SEED]),
    setup: async () => void (dir = await mkdtemp(join(tmpdir(), 'vigil-fuzz-config-'))),
    teardown: () => rm(dir, { recursive: true, force: true }),
    async check(text) {
      const file = join(dir, 'vigil.config.yaml');
      await writeFile(file, text);
      await loadConfig({ file, env: {} }).then(
        (config) => assert.throws(() => ((config as { store: unknown }).store = null), 'the loaded config is frozen'),
        (e: unknown) => {
          assert.ok(e instanceof VigilError && e.status === 400, `a config error, not a crash: ${(e as Error).stack}`);
          for (const d of (e as VigilError & { diagnostics?: Diagnostic[] }).diagnostics ?? []) if (d.file) located(d, file);
        },
      );
    },
  };
};

/** Environment variables: every VIGIL_* setting with arbitrary text. */
export const environmentTarget = (): FuzzTarget<Record<string, string>> => ({
  name: 'environment',
  weight: 10,
  arbitrary: fc.dictionary(fc.constantFrom(...Object.keys(ENVIRONMENT)), fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom('', ' ', '-1', '1e9', '0x10', 'file:', 'demo', 'aws')), { maxKeys: 4 }),
  async check(env) {
    await loadConfig({ env }).then(
      () => undefined,
      (e: unknown) => {
        assert.ok(e instanceof VigilError && e.status === 400, `a config error, not a crash: ${(e as Error).stack}`);
        const names = Object.keys(env);
        assert.ok(names.some((n) => e.message.includes(n)), `the message names the variable: ${e.message}`);
      },
    );
  },
});

const record = fc.record(
  {
    type: fc.oneof(fc.constantFrom('aws.s3.bucket', 'aws.iam.user', 'aws.kms.key', 'aws.s3.nope'), fc.string({ maxLength: 12 })),
    accountId: fc.oneof(fc.constant('111122223333'), fc.string({ maxLength: 14 }), fc.integer()),
    region: fc.oneof(fc.constantFrom('eu-west-1', 'global', ''), fc.integer()),
    config: fc.oneof(fc.object({ maxDepth: 3 }), fc.jsonValue()),
    tags: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })), fc.jsonValue()),
    id: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: [] },
);
const line = fc.oneof(
  { weight: 5, arbitrary: record.map((r) => JSON.stringify(r)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 20_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => JSON.stringify({ type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1', config: { Name: 'x'.repeat(n) } })) },
);

/** Inventory files (the file source): JSON Lines of good, wrong-shaped and broken records, and raw bytes. */
export const inventoryTarget = (): FuzzTarget<{ lines: string[]; bytes: Uint8Array }> => {
  let dir = '';
  const types = buildRegistries().resourceTypes;
  return {
    name: 'inventory records',
    weight: 20,
    arbitrary: fc.record({ lines: fc.array(line, { minLength: 1, maxLength: 12 }), bytes: fc.uint8Array({ maxLength: 16 }) }),
    setup: async () => void (dir = await mkdtemp(join(tmpdir(), 'vigil-fuzz-inventory-'))),
    teardown: () => rm(dir, { recursive: true, force: true }),
    async check({ lines, bytes }) {
      const file = join(dir, 'inventory.jsonl');
      // Non-UTF-8 bytes on a line of their own after the text (which may hold CR: a line break to readline, as to editors).
      await writeFile(file, Buffer.concat([Buffer.from(lines.map((l) => l.replace(/\r|\n/g, ' ')).join('\n')), Buffer.from('\n'), Buffer.from(bytes)]));
      const provider = new FileProvider(file, types, new ManualClock('2026-01-01T00:00:00Z'), 50);
      let resources = 0;
      let quarantined = 0;
      try {
        for await (const b of provider.collect({})) {
          resources += b.resources.length;
          for (const q of b.quarantined) {
            quarantined++;
            assert.match(q.source, /^file:.*:\d+$/, 'a quarantined record names its file and line');
            assert.ok(q.reason.length > 0 && !/\n\s+at /.test(q.reason), `a reason, no stack: ${q.reason}`);
          }
        }
      } catch (e) {
        // A file that is one JSON array may be rejected whole, with its name: nothing else may escape.
        assert.ok(e instanceof VigilError && e.status === 400 && e.message.includes(file), `a crash: ${(e as Error).stack}`);
        return;
      }
      const nonEmpty = Buffer.concat([Buffer.from(lines.map((l) => l.replace(/\r|\n/g, ' ')).join('\n')), Buffer.from('\n'), Buffer.from(bytes)]).toString('utf8').split(/\r\n|\r|\n/).filter((l) => l.trim()).length;
      assert.equal(resources + quarantined, nonEmpty, 'every record is either a resource or quarantined: nothing lost');
    },
  };
};

