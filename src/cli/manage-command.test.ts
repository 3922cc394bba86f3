// The management app from the command line: demo, manage, violations, approve, validate (exceptions).
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runVigil, tempDir } from '../testing/cli-harness.js';

const START = '2026-12-01T09:00:00.000Z';
let dir: { path: string; cleanup: () => Promise<void> };
before(async () => {
  dir = await tempDir('vigil-manage-');
});
after(() => dir.cleanup());

describe('vigil demo', () => {
  it('plays days of scans and manager runs: reminders in digests, owners fixing things, deterministic for a seed', async () => {
    const args = ['demo', '--days', '5', '--start', START, '--size', '400', '--format', 'json'];
    const a = await runVigil(args, { cwd: dir.path });
    assert.equal(a.code, 0, a.stderr);
    const { summary, timeline } = JSON.parse(a.stdout);
    assert.equal(timeline.length, 5);
    assert.equal(timeline[0].at, START);
    assert.ok(timeline[0].remindersSent > 0, 'day 0 reminds every owner of what was found');
    assert.ok(timeline[0].digests < timeline[0].remindersSent, 'reminders are grouped into one digest per owner');
    assert.ok(summary.resolved > 0, 'owners fix some violations over the days');
    assert.equal(summary.excepted, 1, 'the scripted exception takes one violation off the ladder');
    assert.equal(summary.outbox.notifications, summary.digests);
    assert.equal(summary.outbox.enforcementRequests, summary.enforcementRequested);
    const b = await runVigil(args, { cwd: dir.path });
    assert.deepEqual(JSON.parse(b.stdout).summary, summary, 'same seed, same story');
  });

  it('--db keeps the two weeks in a store to look at afterwards', async () => {
    const db = join(dir.path, 'demo.db');
    const r = await runVigil(['demo', '--days', '3', '--start', START, '--size', '300', '--db', db, '--format', 'json'], { cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    const { summary } = JSON.parse(r.stdout);
    const reminded = await runVigil(['violations', 'list', '--db', db, '--state', 'reminded', '--format', 'json'], { cwd: dir.path });
    assert.equal(reminded.code, 0, reminded.stderr);
    assert.ok((JSON.parse(reminded.stdout) as unknown[]).length > 0, 'the reminded violations are in the file');
    assert.ok(summary.remindersSent > 0);
  });
});

describe('vigil manage, violations, approve', () => {
  it('a run reminds, a second run at the same instant does nothing; list and show read the ladder; approve is for the security team only', async () => {
    const db = join(dir.path, 'vigil.db');
    // The scan runs on the wall clock and schedules its new violations then: manage a minute later.
    const AT = new Date(Date.now() + 60_000).toISOString();
    assert.equal((await runVigil(['scan', '--db', db, '--format', 'json', '--output', join(dir.path, 'scan.json')], { cwd: dir.path, env: { VIGIL_DEMO_SIZE: '300' } })).code, 0);
    const first = await runVigil(['manage', '--db', db, '--at', AT, '--format', 'json'], { cwd: dir.path });
    assert.equal(first.code, 0, first.stderr);
    const r1 = JSON.parse(first.stdout).manager;
    assert.ok(r1.reminded > 0);
    // The demo estate with no teams configured: its owners' digests land as files beside the database, none dead.
    const delivered = JSON.parse(first.stdout).delivery;
    assert.deepEqual([delivered.sent, delivered.dead], [r1.digests, 0]);
    const teams = await readdir(join(dir.path, 'outbox'));
    assert.equal(teams.length, r1.digests, 'one folder per owner reminded');
    const files = await readdir(join(dir.path, 'outbox', teams[0]!));
    assert.deepEqual(files.map((f) => f.slice(f.lastIndexOf('.'))).sort(), ['.eml', '.txt']);
    const eml = await readFile(join(dir.path, 'outbox', teams[0]!, files.find((f) => f.endsWith('.eml'))!), 'utf8');
    assert.match(eml, /^Subject: \[Vigil\] \d+ policy violations? needs? action/m);
    assert.match(eml, /Content-Type: text\/plain[\s\S]*Content-Type: text\/html/);
    const second = JSON.parse((await runVigil(['manage', '--db', db, '--at', AT, '--format', 'json'], { cwd: dir.path })).stdout).manager;
    assert.equal(second.stepped, 0, 'idempotent at one instant');

    const list = await runVigil(['violations', 'list', '--db', db, '--state', 'reminded', '--format', 'json'], { cwd: dir.path });
    const rows = JSON.parse(list.stdout) as { id: string; remindersSent: number; nextActionAt: string }[];
    assert.equal(rows.length, r1.reminded);
    assert.ok(rows.every((v) => v.remindersSent === 1 && v.nextActionAt > AT));
    const due = await runVigil(['violations', 'list', '--db', db, '--due-before', AT, '--format', 'json'], { cwd: dir.path });
    assert.deepEqual(JSON.parse(due.stdout), [], 'nothing is due right after the run');

    const show = await runVigil(['violations', 'show', rows[0]!.id, '--db', db], { cwd: dir.path });
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /ladder {5}\d+ reminders? every \w+, then /);
    assert.match(show.stdout, /next {7}(reminder 2 of \d+|enforcement|escalation|reported as overdue).* on 20\d\d-/);
    assert.match(show.stdout, /violation\.opened[\s\S]*violation\.reminded/);

    const denied = await runVigil(['approve', rows[0]!.id, '--by', 'mallory', '--db', db], { cwd: dir.path });
    assert.equal(denied.code, 2);
    assert.match(denied.stderr, /"mallory" is not a member of the security team/);
  });
});

describe('vigil worker --role manager', () => {
  it('runs the manager on its schedule: here one run (--runs 1), which reminds the freshly scanned owners and delivers their digests', async () => {
    const cwd = join(dir.path, 'worker');
    await mkdir(cwd, { recursive: true });
    const db = join(cwd, 'vigil.db');
    assert.equal((await runVigil(['scan', '--db', db, '--format', 'json', '--output', join(cwd, 'scan.json')], { cwd, env: { VIGIL_DEMO_SIZE: '300' } })).code, 0);
    const r = await runVigil(['worker', '--role', 'manager', '--runs', '1', '--interval', '5m', '--db', db], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^manager: running every 5m/m);
    assert.match(r.stdout, /reminded [1-9]\d*, .*; delivered [1-9]\d*, retrying 0, dead 0$/m);
  });
});

describe('vigil validate (exceptions)', () => {
  it('reports exception problems at file:line:col with the policy problems, exit 2', async () => {
    const root = join(dir.path, 'validate');
    await mkdir(join(root, 'exceptions'), { recursive: true });
    await writeFile(
      join(root, 'exceptions', 'payments.yaml'),
      '- id: raw-bucket\n  policies: [s3-bucket-public-access-blok]\n  selector: { arn: "arn:aws:s3:::payments-raw-*" }\n  justification: Website assets, reviewed in SEC-142\n  requested-by: bob\n  expires-at: 2020-01-01\n',
    );
    const r = await runVigil(['validate'], { cwd: root });
    assert.equal(r.code, 2);
    const lines = r.stderr.trim().split('\n');
    assert.ok(lines.some((l) => /^exceptions\/payments\.yaml:2:14 {2}unknown policy "s3-bucket-public-access-blok"/.test(l)), r.stderr);
    assert.ok(lines.includes('exceptions/payments.yaml:1:3  missing approver: `approved-by` is required (a member of the security team)'), r.stderr);
    assert.ok(lines.some((l) => /^exceptions\/payments\.yaml:6:3 {2}expired on 2020-01-01/.test(l)), r.stderr);
  });

  it('refuses an exception longer than escalation.maxExceptionDuration at file:line:col, naming the setting', async () => {
    const root = join(dir.path, 'validate-long');
    await mkdir(join(root, 'exceptions'), { recursive: true });
    await writeFile(join(root, 'vigil.config.yaml'), 'escalation: { maxExceptionDuration: 30d }\n');
    await writeFile(
      join(root, 'exceptions', 'long.yaml'),
      '- id: long-window\n  policies: [s3-bucket-public-access-block]\n  selector: { arn: "arn:aws:s3:::payments-raw-7" }\n  justification: Vendor migration, tracked in SEC-9\n  requested-by: bob\n  approved-by: sam\n  approved-at: 2026-12-01\n  expires-at: 2027-03-01\n',
    );
    const r = await runVigil(['validate'], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^exceptions\/long\.yaml:8:3 {2}lasts 90 days from approval, longer than the maximum of 30 days \(config escalation\.maxExceptionDuration\)$/m);
  });
});
