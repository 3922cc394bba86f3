import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';
import { CHROMIUM_PATH } from '../testing/browser.js';
import { skipOrFail } from '../testing/skip-or-fail.js';

const run = promisify(execFile);

describe('vigil report', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  let db: string;
  let betweenScans = '';
  before(async () => {
    dir = await tempDir('vigil-report-');
    db = join(dir.path, 'vigil.db');
    env = { VIGIL_DB: db, VIGIL_AUDIT_KEY_FILE: join(dir.path, 'k.pem'), VIGIL_DEMO_SIZE: '300', VIGIL_CHROMIUM: CHROMIUM_PATH };
    assert.equal((await runVigil(['audit', 'keygen'], { env, cwd: dir.path })).code, 0);
    assert.equal((await runVigil(['scan', '--source', 'demo', '--output', join(dir.path, 'v.json')], { env, cwd: dir.path })).code, 0);
    // What the management branch will write: an exception loaded (then expired) and activity.
    const store = openSqliteStore({ file: db });
    await store.audit.append([
      { type: 'exception.loaded', subjectKind: 'exception', subjectId: 'exc-legacy-bucket', actor: 'manager', at: '2026-01-01T00:00:00Z', data: { exception: { id: 'exc-legacy-bucket', policy: 's3-bucket-public-access-block', justification: 'Public website bucket, CISO-approved', approver: 'ciso', expires: '2099-01-01' } } },
      { type: 'exception.loaded', subjectKind: 'exception', subjectId: 'exc-old', actor: 'manager', at: '2026-01-01T00:00:00Z', data: { exception: { id: 'exc-old', policy: 'iam-user-mfa', justification: 'Migration', approver: 'ciso', expires: '2026-02-01' } } },
      { type: 'violation.reminded', subjectKind: 'violation', subjectId: 'v-77', actor: 'manager', at: '2026-01-05T00:00:00Z', data: { reminder: 1 } },
      { type: 'enforcement.succeeded', subjectKind: 'enforcement', subjectId: 'enf-9', actor: 'enforcer:s3', at: '2026-01-06T00:00:00Z', data: { action: 's3.block-public-access' } },
    ]);
    await store.close();
  });
  after(() => dir.cleanup());

  it('json: every DORA requirement with status, score, controls, failing evidence (capped with a count) and the chain proof', async () => {
    const out = join(dir.path, 'dora.json');
    const r = await runVigil(['report', '--framework', 'dora', '--output', out], { env, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(rep.framework.id, 'dora');
    assert.ok(rep.framework.requirements.length > 10);
    assert.ok(rep.framework.requirements.some((q: { manualEvidenceNeeded: boolean }) => q.manualEvidenceNeeded));
    assert.ok(rep.failing.length > 0);
    for (const c of rep.failing) {
      assert.ok(c.resources.length <= 25 && c.resources.length <= c.failing);
      assert.ok(c.resources[0].evidence.length > 0);
    }
    assert.match(rep.chain.headHash, /^[0-9a-f]{64}$/);
    assert.match(rep.chain.checkpoint.signature, /^[A-Za-z0-9+/=]{80,}$/);
    assert.match(rep.chain.publicKeyFingerprint, /^sha256:([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
    assert.deepEqual(rep.exceptions.map((x: { id: string; status: string }) => [x.id, x.status]), [['exc-legacy-bucket', 'active'], ['exc-old', 'expired']]);
  });

  it('--accounts scopes the scores as well as the failing resources: the accounts\' evaluations add up to the whole', async () => {
    const store = openSqliteStore({ file: db });
    const [scan] = await store.scans.list({ limit: 1 });
    const accounts = [...new Set((await store.scans.policyResults(scan!.id)).map((r) => r.accountId))].sort();
    await store.close();
    assert.ok(accounts.length >= 2, 'the demo estate spans accounts');
    type Rep = { framework: { evaluated: number; passed: number; score: number }; failing: { failing: number; resources: { accountId: string }[] }[] };
    const read = async (name: string, args: string[]): Promise<Rep> => {
      const out = join(dir.path, name);
      const r = await runVigil(['report', '--framework', 'dora', '--output', out, ...args], { env, cwd: dir.path });
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(readFileSync(out, 'utf8')) as Rep;
    };
    const whole = await read('all.json', []);
    const parts = [await read('one.json', ['--accounts', accounts[0]!]), await read('rest.json', ['--accounts', ...accounts.slice(1)])];
    assert.ok(parts.every((p) => p.framework.evaluated > 0 && p.framework.evaluated < whole.framework.evaluated), 'each scope scores fewer evaluations');
    assert.equal(parts[0]!.framework.evaluated + parts[1]!.framework.evaluated, whole.framework.evaluated);
    assert.equal(parts[0]!.framework.passed + parts[1]!.framework.passed, whole.framework.passed);
    assert.ok(parts[0]!.failing.every((c) => c.resources.every((x) => x.accountId === accounts[0])));
    assert.equal(parts[0]!.failing.reduce((n, c) => n + c.failing, 0) + parts[1]!.failing.reduce((n, c) => n + c.failing, 0), whole.failing.reduce((n, c) => n + c.failing, 0));
  });

  it('csv: a row per requirement and control; exceptions register and activity report list what the trail recorded', async () => {
    await runVigil(['report', '--framework', 'dora', '--output', join(dir.path, 'dora.csv')], { env, cwd: dir.path });
    const csv = readFileSync(join(dir.path, 'dora.csv'), 'utf8').split('\n');
    assert.equal(csv[0], 'requirement,title,status,score,evaluated,failing_evaluations,manual_evidence_needed,control,control_state,disabled_reason,failing_resources');
    assert.ok(csv.length > 20);
    await runVigil(['report', '--framework', 'dora', '--kind', 'exceptions', '--at', '2026-01-15', '--output', join(dir.path, 'exc.csv')], { env, cwd: dir.path });
    // On 15 January both exceptions were in force.
    assert.match(readFileSync(join(dir.path, 'exc.csv'), 'utf8'), /exc-old,iam-user-mfa,Migration,ciso,2026-02-01,active,0/);
    await runVigil(['report', '--framework', 'dora', '--kind', 'activity', '--from', '2026-01-01', '--to', '2026-01-31', '--output', join(dir.path, 'act.csv')], { env, cwd: dir.path });
    const act = readFileSync(join(dir.path, 'act.csv'), 'utf8');
    assert.match(act, /2026-01-05T00:00:00.000Z,violation.reminded,manager,violation,v-77/);
    assert.match(act, /enforcement.succeeded,enforcer:s3/);
  });

  it('html: cover with organisation, period, chain head and signature; contents; sections', async () => {
    const out = join(dir.path, 'dora.html');
    await runVigil(['report', '--framework', 'dora', '--organisation', 'Acme Bank', '--output', out], { env, cwd: dir.path });
    const html = readFileSync(out, 'utf8');
    for (const s of ['Acme Bank', 'Audit chain head', 'Signed checkpoint', 'Contents', 'Failing resources and evidence', 'Manual evidence needed', 'Exceptions in force', 'exc-legacy-bucket']) assert.ok(html.includes(s), s);
    assert.ok(!html.includes('exc-old'), 'an expired exception is not "in force"');
    assert.doesNotMatch(html, /<script/);
  });

  it('pdf: Chromium prints it; pdftotext reads the cover, contents, evidence and page numbers', async (t: TestContext) => {
    if (!existsSync(CHROMIUM_PATH)) return skipOrFail(t, `PDF reports need ${CHROMIUM_PATH}: apt-get install chromium`);
    const out = join(dir.path, 'dora.pdf');
    const r = await runVigil(['report', '--framework', 'dora', '--format', 'pdf', '--organisation', 'Acme Bank', '--output', out], { env, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
    let text: string;
    try {
      text = (await run('pdftotext', ['-layout', out, '-'])).stdout;
    } catch (e) {
      return skipOrFail(t, `pdftotext (poppler-utils) is needed to read the PDF: ${(e as Error).message}`);
    }
    for (const s of ['Compliance report', 'Acme Bank', 'Audit chain head', 'Signed checkpoint', 'Contents', 'Requirements and controls', 'Failing resources and evidence', 'page 1 of', 'page 2 of']) assert.ok(text.includes(s), s);
  });

  it('trend: the framework score per stored scan, drawn as an inline SVG chart', async () => {
    betweenScans = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    // Another demo estate into the same store on purpose (a history with two different scans): --replace says so.
    assert.equal((await runVigil(['scan', '--source', 'demo', '--replace', '--output', join(dir.path, 'v2.json')], { env: { ...env, VIGIL_DEMO_SEED: '7' }, cwd: dir.path })).code, 0);
    await runVigil(['report', '--framework', 'dora', '--kind', 'trend', '--output', join(dir.path, 'trend.csv')], { env, cwd: dir.path });
    const rows = readFileSync(join(dir.path, 'trend.csv'), 'utf8').trim().split('\n');
    assert.equal(rows[0], 'scan,finished_at,score,passed,evaluated');
    assert.equal(rows.length, 3);
    const scores = rows.slice(1).map((r) => Number(r.split(',')[2]));
    assert.ok(scores.every((x) => x > 0 && x < 1), rows.join('\n'));
    await runVigil(['report', '--framework', 'dora', '--kind', 'trend', '--output', join(dir.path, 'trend.html')], { env, cwd: dir.path });
    const html = readFileSync(join(dir.path, 'trend.html'), 'utf8');
    assert.equal((html.match(/<circle /g) ?? []).length, 2);
    assert.match(html, /<svg [^>]*aria-label="compliance score per scan"/);
  });

  it('export-findings: OCSF as an array, ASFF as BatchImportFindings bodies of at most 100', async () => {
    const r = await runVigil(['export-findings', '--format', 'asff', '--output', join(dir.path, 'asff.json'), '--hub-account', '111122223333', '--hub-region', 'eu-west-1'], { env, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    const batches = JSON.parse(readFileSync(join(dir.path, 'asff.json'), 'utf8')) as { Findings: { ProductArn: string }[] }[];
    assert.ok(batches.length >= 1 && batches.every((b) => b.Findings.length >= 1 && b.Findings.length <= 100));
    assert.equal(batches[0]!.Findings[0]!.ProductArn, 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default');
    await runVigil(['export-findings', '--format', 'ocsf', '--output', join(dir.path, 'ocsf.json')], { env, cwd: dir.path });
    const ocsf = JSON.parse(readFileSync(join(dir.path, 'ocsf.json'), 'utf8')) as { class_uid: number }[];
    assert.equal(ocsf.length, batches.reduce((n, b) => n + b.Findings.length, 0));
    assert.ok(ocsf.every((f) => f.class_uid === 2003));
    // Flat rows for spreadsheets and scripts: the same findings, one row each.
    await runVigil(['export-findings', '--format', 'json', '--output', join(dir.path, 'findings.json')], { env, cwd: dir.path });
    const rows = JSON.parse(readFileSync(join(dir.path, 'findings.json'), 'utf8')) as { resource_arn: string; requirements: string; evidence: string }[];
    assert.equal(rows.length, ocsf.length);
    assert.ok(rows.every((x) => x.resource_arn.startsWith('arn:') && x.evidence.length > 0));
    assert.ok(rows.some((x) => /(^|;)dora:/.test(x.requirements)));
    await runVigil(['export-findings', '--format', 'csv', '--output', join(dir.path, 'findings.csv')], { env, cwd: dir.path });
    const csv = readFileSync(join(dir.path, 'findings.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'id,policy_id,title,severity,state,resource_arn,resource_type,account_id,region,owner,first_seen_at,last_seen_at,resolved_at,requirements,evidence');
    assert.ok(csv.length >= rows.length + 1);
  });

  it('--framework takes the short names: the newest version of cis-aws, iso27001, backup-audit-manager', async () => {
    for (const [name, id] of [['cis-aws', 'cis-aws@6.0'], ['iso27001', 'iso27001@2022'], ['backup-audit-manager', 'aws-backup-audit-manager'], ['aws-fsbp', 'aws-fsbp'], ['gdpr', 'gdpr']]) {
      const out = join(dir.path, `${name}.json`);
      assert.equal((await runVigil(['report', '--framework', name!, '--output', out], { env, cwd: dir.path })).code, 0);
      assert.equal(JSON.parse(readFileSync(out, 'utf8')).framework.id, id);
    }
  });

  it('--at reproduces the compliance report as it stood between the two scans, from scan history and the trail', async () => {
    assert.ok(betweenScans, 'runs after the trend test');
    const out = join(dir.path, 'at.json');
    const r = await runVigil(['report', '--framework', 'dora', '--at', betweenScans, '--output', out], { env, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    type Rep = { framework: { score: number; scan: { id: string } }; failing: { policyId: string; failing: number; resources: { arn: string }[] }[] };
    const then = JSON.parse(readFileSync(join(dir.path, 'dora.json'), 'utf8')) as Rep; // written before the second scan
    const at = JSON.parse(readFileSync(out, 'utf8')) as Rep;
    assert.equal(at.framework.scan.id, then.framework.scan.id);
    assert.equal(at.framework.score, then.framework.score);
    assert.deepEqual(at.failing.map((c) => [c.policyId, c.failing]), then.failing.map((c) => [c.policyId, c.failing]));
    for (const c of at.failing) {
      const t = then.failing.find((x) => x.policyId === c.policyId)!;
      if (c.failing <= 25) assert.deepEqual(c.resources.map((x) => x.arn).sort(), t.resources.map((x) => x.arn).sort());
    }
    // Today's report (after the second scan, another estate) differs: --at is not just "latest".
    await runVigil(['report', '--framework', 'dora', '--output', join(dir.path, 'dora.json')], { env, cwd: dir.path });
    const today = JSON.parse(readFileSync(join(dir.path, 'dora.json'), 'utf8')) as Rep;
    assert.notEqual(today.framework.scan.id, at.framework.scan.id);
  });

  it('--pseudonymise replaces owners and IAM user names with keyed pseudonyms, stable under one key', async () => {
    const keyFile = join(dir.path, 'pseudonym.key');
    writeFileSync(keyFile, 'a-secret-of-at-least-16-bytes');
    const penv = { ...env, VIGIL_PSEUDONYM_KEY_FILE: keyFile };
    const plainOut = join(dir.path, 'plain.json');
    const pseudoOut = join(dir.path, 'pseudo.json');
    await runVigil(['report', '--framework', 'cis-aws', '--output', plainOut], { env: penv, cwd: dir.path });
    const r = await runVigil(['report', '--framework', 'cis-aws', '--pseudonymise', '--output', pseudoOut], { env: penv, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    type Rep = { failing: { resources: { arn: string; owner: string | null }[] }[] };
    const plain = JSON.parse(readFileSync(plainOut, 'utf8')) as Rep;
    const pseudo = JSON.parse(readFileSync(pseudoOut, 'utf8')) as Rep;
    const owners = pseudo.failing.flatMap((c) => c.resources.map((x) => x.owner)).filter((o) => o !== null);
    assert.ok(owners.length > 0 && owners.every((o) => /^person-[0-9a-f]{16}$/.test(o!)));
    const plainOwners = new Set(plain.failing.flatMap((c) => c.resources.map((x) => x.owner)));
    const text = readFileSync(pseudoOut, 'utf8');
    for (const o of plainOwners) if (o) assert.ok(!text.includes(`"${o}"`), `owner ${o} leaked`);
    const users = plain.failing.flatMap((c) => c.resources.map((x) => x.arn)).filter((a) => /:iam::\d{12}:user\//.test(a));
    assert.ok(users.length > 0, 'the demo estate has failing IAM users');
    for (const arn of users) assert.ok(!text.includes(arn), `${arn} leaked`);
    assert.match(text, /:iam::\d{12}:user\/(.*\/)?person-[0-9a-f]{16}"/);
    // Same key, same pseudonyms: a second run reads the same.
    await runVigil(['report', '--framework', 'cis-aws', '--pseudonymise', '--output', join(dir.path, 'pseudo2.json')], { env: penv, cwd: dir.path });
    assert.deepEqual(JSON.parse(readFileSync(join(dir.path, 'pseudo2.json'), 'utf8')).failing, pseudo.failing);
    const noKey = await runVigil(['report', '--framework', 'dora', '--pseudonymise', '--output', pseudoOut], { env, cwd: dir.path });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /VIGIL_PSEUDONYM_KEY_FILE/);
  });

  it('erase-person clears the person from violations and resources, records person.erased without the person, and the chain still verifies', async () => {
    const r = await runVigil(['erase-person', 'payments'], { env, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    const n = Number(/(\d+) violation\(s\)/.exec(r.stdout)?.[1]);
    assert.ok(n > 0, r.stdout);
    assert.ok(Number(/(\d+) resource\(s\)/.exec(r.stdout)?.[1]) > 0, r.stdout);
    const store = openSqliteStore({ file: db });
    try {
      assert.equal(await store.violations.count({ owner: 'payments' }), 0);
      assert.equal((await store.inventory.list({ limit: 100_000 })).filter((x) => x.owner === 'payments' || Object.values(x.tags).includes('payments')).length, 0);
      const [erased] = await store.audit.list({ types: ['person.erased'] });
      assert.ok(erased);
      assert.doesNotMatch(JSON.stringify(erased), /payments/);
      assert.equal(erased.data['violations'], n);
    } finally {
      await store.close();
    }
    const verify = await runVigil(['audit', 'verify'], { env, cwd: dir.path });
    assert.equal(verify.code, 0, verify.stdout);
  });
});
