import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SEVERITIES } from '../common/severity.js';
import { openStore } from '../store/open-store.js';
import { runVigil, tempDir, type CliRun } from '../testing/cli-harness.js';
import { LIVE_STATES, type Violation } from '../violations/violation.js';

let dir: string;
let cleanup: () => Promise<void>;
before(async () => {
  ({ path: dir, cleanup } = await tempDir('vigil-scan-'));
});
after(() => cleanup());

/** Every live violation the store at `db` holds, read through the real store. */
const liveViolations = async (db: string): Promise<Violation[]> => {
  const store = await openStore({ url: db });
  try {
    return await store.violations.list({ states: [...LIVE_STATES], limit: 100_000 });
  } finally {
    await store.close();
  }
};

/** RFC 4180 rows (quoted fields may hold commas, quotes and newlines). */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
};

describe('vigil scan (demo estate)', () => {
  let db: string;
  let json: CliRun;
  before(async () => {
    db = join(dir, 'json', 'vigil.db');
    await mkdir(join(dir, 'json'));
    json = await runVigil(['scan', '--source', 'demo', '--size', '300', '--format', 'json', '--output', 'out.json', '--db', db], { cwd: join(dir, 'json') });
  });

  it('writes every live violation of the scan as a JSON array to --output, relative to the working directory', async () => {
    assert.equal(json.code, 0, json.stderr);
    const out = JSON.parse(await readFile(join(dir, 'json', 'out.json'), 'utf8')) as Violation[];
    assert.ok(Array.isArray(out));
    const stored = await liveViolations(db);
    assert.ok(stored.length > 20, `the demo estate fails some policies (found ${stored.length})`);
    assert.deepEqual(out.map((v) => v.id).sort(), stored.map((v) => v.id).sort(), 'the file holds exactly the live violations in the store');
    assert.equal(new Set(out.map((v) => v.id)).size, out.length);
    for (const v of out) {
      assert.match(v.id, /^[0-9a-f]{16,}$/);
      assert.ok(v.policyId && v.resourceArn.startsWith('arn:'), JSON.stringify(v));
      assert.ok(SEVERITIES.includes(v.severity));
      assert.ok(LIVE_STATES.includes(v.state));
      assert.ok(v.evidence.length > 0, `${v.id} carries evidence`);
      for (const e of v.evidence) {
        assert.equal(typeof e.path, 'string');
        assert.equal(typeof e.expected, 'string');
        assert.ok('actual' in e, `${v.policyId} evidence names the actual value`);
      }
    }
    const order = out.map((v) => SEVERITIES.indexOf(v.severity));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'most severe first');
  });

  it('prints a summary with resources, policies, violations by severity and framework, and top failing policies', async () => {
    const stored = await liveViolations(db);
    const s = json.stdout;
    assert.match(s, /^Scanned \d[\d,]* resources from demo against \d+ policies in [\d.]+ s/m);
    const bySeverity = Object.fromEntries(SEVERITIES.map((sev) => [sev, stored.filter((v) => v.severity === sev).length]));
    assert.ok(s.includes(`Violations: ${stored.length} live (${SEVERITIES.map((sev) => `${sev} ${bySeverity[sev]}`).join(' · ')})`), s);
    assert.ok(s.includes(`this scan: ${stored.length} new · 0 reopened · 0 resolved`), s);
    assert.match(s, /By framework:\n\s+\S+\s+\d+ violations · \d+\/\d+ policies failing/);
    const top = s.split('Top failing policies:\n')[1]?.split('\n')[0] ?? '';
    const [count, , policyId] = top.trim().split(/\s+/);
    assert.ok(policyId, s);
    const perPolicy = new Map<string, number>();
    for (const v of stored) perPolicy.set(v.policyId, (perPolicy.get(v.policyId) ?? 0) + 1);
    const most = Math.max(...perPolicy.values());
    assert.equal(Number(count), most, 'the first top failing policy is the one with most violations');
    assert.equal(stored.filter((v) => v.policyId === policyId).length, most);
  });

  it('writes CSV with a header and one row per violation', async () => {
    const cwd = join(dir, 'csv');
    await mkdir(cwd);
    const r = await runVigil(['scan', '--size', '300', '--format', 'csv', '--db', join(cwd, 'v.db')], { cwd });
    assert.equal(r.code, 0, r.stderr);
    const rows = parseCsv(r.stdout);
    assert.deepEqual(rows[0], ['id', 'policyId', 'severity', 'state', 'accountId', 'region', 'resourceType', 'resourceArn', 'owner', 'firstSeenAt', 'lastSeenAt', 'evidence']);
    const stored = await liveViolations(join(cwd, 'v.db'));
    assert.equal(rows.length - 1, stored.length);
    assert.deepEqual(rows.slice(1).map((row) => row[0]).sort(), stored.map((v) => v.id).sort());
    assert.ok(rows.slice(1).every((row) => row.length === 12 && /: expected /.test(row[11]!)), 'every row has every column and readable evidence');
    assert.match(r.stderr, /^Scanned /m, 'the summary goes to stderr so stdout stays machine-readable');
  });

  it('prints a table when stdout is a terminal and no format is given', async () => {
    const r = await runVigil(['scan', '--size', '60', '--db', ':memory:'], { tty: true });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /┌/);
    assert.match(r.stdout, /│ severity\s+│ policy\s+│ account/);
    assert.match(r.stdout, /│ (critical|high)\s+│/);
    assert.match(r.stdout, /^Scanned /m);
    assert.doesNotMatch(r.stdout, /^\[/m, 'not JSON');
  });

  it('exits 3 with --fail-on high when high or critical violations exist; 0 with never, JSON on stdout without a terminal', async () => {
    const high = await runVigil(['scan', '--size', '300', '--db', ':memory:', '--fail-on', 'high', '--format', 'json']);
    assert.equal(high.code, 3);
    assert.ok(JSON.parse(high.stdout).some((v: Violation) => v.severity === 'high' || v.severity === 'critical'));
    const never = await runVigil(['scan', '--size', '300', '--db', ':memory:', '--fail-on', 'never']);
    assert.equal(never.code, 0);
    assert.deepEqual(JSON.parse(never.stdout).length, JSON.parse(high.stdout).length, 'no --format and no terminal: JSON');
  });

  for (const [argv, reason] of [
    [['--bogus'], /unknown option '--bogus'/],
    [['--format', 'xml'], /argument 'xml' is invalid\. Allowed choices are table, json, csv/],
    [['--size', 'abc'], /--size must be a whole number, found "abc"/],
    [['--source', 'nope'], /scan\.source: must be demo or file:<path> or aws-config:.* found "nope"/],
    // No provider implements aws here yet: the config refuses it before anything runs.
    [['--source', 'aws'], /scan\.source: must be demo or file:<path> or aws-config:.* found "aws"/],
    [['--fail-on', 'extreme'], /argument 'extreme' is invalid/],
    [['--output', '/nonexistent-dir/vigil/out.json'], /^vigil: --output: directory \/nonexistent-dir\/vigil does not exist$/],
  ] as const) {
    it(`exits 2 naming the problem on bad usage: ${argv.join(' ')}`, async () => {
      const r = await runVigil(['scan', '--db', ':memory:', '--size', '20', ...argv]);
      assert.equal(r.code, 2);
      assert.match(r.stderr.split('\n')[0]!, reason);
      assert.equal(r.stdout, '', 'nothing was scanned');
    });
  }
});

describe('vigil scan --fail-on thresholds', () => {
  it('exits 0 when the threshold is above everything found, 3 at or below it', async () => {
    const policies = join(dir, 'low-policy');
    await mkdir(policies);
    await writeFile(
      join(policies, 'low.yaml'),
      [
        'id: test-bucket-versioning',
        'title: Buckets keep versions',
        'resource: aws.s3.bucket',
        'severity: low',
        'where: { Versioning.Status: { ne: Enabled } }',
        'remediation: { guidance: Turn versioning on. }',
        '',
      ].join('\n'),
    );
    const inventory = join(dir, 'low.jsonl');
    await writeFile(inventory, `${JSON.stringify({ type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1', config: { Name: 'unversioned' } })}\n`);
    const run = (failOn: string) => runVigil(['scan', '--no-builtin', '--policies', policies, '--source', `file:${inventory}`, '--db', ':memory:', '--format', 'json', '--fail-on', failOn]);
    const medium = await run('medium');
    assert.equal(medium.code, 0, medium.stderr);
    assert.equal(JSON.parse(medium.stdout).length, 1, 'the low violation is still reported');
    assert.equal((await run('low')).code, 3);
    assert.equal((await run('critical')).code, 0);
  });
});

describe('vigil scan --source file:<path>', () => {
  const good = (name: string) => ({ type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1', config: { Name: name } });

  it('quarantines bad JSON Lines records with file:line and reason, and scans the good ones', async () => {
    const path = join(dir, 'estate.jsonl');
    await writeFile(
      path,
      [
        JSON.stringify(good('first')),
        '{"type": "aws.s3.bucket", ',
        JSON.stringify({ ...good('bad-account'), accountId: 'prod' }),
        JSON.stringify({ type: 'aws.s3.bukket', accountId: '111122223333', region: 'eu-west-1', config: { Name: 'x' } }),
        JSON.stringify(good('last')),
      ].join('\n'),
    );
    const db = join(dir, 'file-source.db');
    const r = await runVigil(['scan', '--source', `file:${path}`, '--db', db, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^Scanned 2 resources from file:${path}`, 'm'));
    assert.match(r.stderr, /^Quarantined: 3 bad records \(kept in the store; the rest was scanned\)$/m);
    assert.ok(r.stderr.includes(`  file:${path}:2  not valid JSON: `), r.stderr);
    assert.ok(r.stderr.includes(`  file:${path}:3  field "accountId": must be a 12-digit AWS account id, found "prod"`), r.stderr);
    assert.ok(r.stderr.includes(`  file:${path}:4  field "type": unknown resource type "aws.s3.bukket"`), r.stderr);
    const arns = new Set((JSON.parse(r.stdout) as Violation[]).map((v) => v.resourceArn));
    assert.deepEqual([...arns].sort(), ['arn:aws:s3:::first', 'arn:aws:s3:::last']);
    const store = await openStore({ url: db });
    try {
      const q = await store.quarantine.list({});
      assert.deepEqual(q.map((x) => x.source).sort(), [`file:${path}:2`, `file:${path}:3`, `file:${path}:4`], 'bad records are kept, not dropped');
    } finally {
      await store.close();
    }
  });

  it('reads a JSON array file too', async () => {
    const path = join(dir, 'estate.json');
    await writeFile(path, JSON.stringify([good('one'), good('two'), { nope: true }], null, 2));
    const r = await runVigil(['scan', '--source', `file:${path}`, '--db', ':memory:', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Scanned 2 resources/m);
    assert.ok(r.stderr.includes(`  file:${path}:[2]  field "type": missing`), r.stderr);
    assert.deepEqual([...new Set((JSON.parse(r.stdout) as Violation[]).map((v) => v.resourceArn))].sort(), ['arn:aws:s3:::one', 'arn:aws:s3:::two']);
  });

  it('exits 2 naming the file when it does not exist', async () => {
    const r = await runVigil(['scan', '--source', `file:${join(dir, 'missing.jsonl')}`, '--db', ':memory:']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^vigil: cannot read inventory file .*missing\.jsonl: no such file$/m);
  });
});
