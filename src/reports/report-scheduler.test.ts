import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyStoredChain } from '../audit-trail/stored-chain-verifier.js';
import { ManualClock } from '../common/clock.js';
import { createReportScheduler, createVigil, type Vigil } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';
import { tempDir } from '../testing/cli-harness.js';
import { startSmtpSink } from '../testing/smtp-sink.js';

/** The attachment a raw MIME message carries under `filename`, base64-decoded. */
const attachment = (raw: string, filename: string): Buffer => {
  const at = raw.indexOf(`filename=${filename}`) >= 0 ? raw.indexOf(`filename=${filename}`) : raw.indexOf(`filename="${filename}"`);
  assert.ok(at >= 0, `no attachment ${filename}`);
  const body = raw.slice(raw.indexOf('\r\n\r\n', at) + 4);
  return Buffer.from(body.slice(0, body.indexOf('\r\n--')).replace(/\s+/g, ''), 'base64');
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('scheduled reports: produced on schedule, delivered by e-mail (a real SMTP server) and to a directory, recorded with their digest', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const mails = () => smtp.mails;
  let dir: { path: string; cleanup: () => Promise<void> };
  let vigil: Vigil;
  const clock = new ManualClock('2026-12-03T10:00:00Z'); // a Thursday
  const env = {};

  before(async () => {
    smtp = await startSmtpSink({ refuse: ['gone@example.com'] });
    const port = smtp.port;
    dir = await tempDir('vigil-report-plans-');
    const config = await loadConfig({
      env: {},
      flags: {
        store: { url: join(dir.path, 'vigil.db') },
        scan: { worker: false },
        demo: { seed: 3, size: 300 },
        teams: { auditors: { channels: { email: ['audit@example.com', 'ciso@example.com'] } } },
        notifications: { maxAttempts: 3, backoffMs: 0, maxBackoffMs: 0, exceptionsDir: 'exceptions', email: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Vigil <vigil@example.com>' } },
        reports: {
          plans: [
            { name: 'weekly-dora', framework: 'dora', format: 'json', cron: '0 6 * * 1', to: { teams: ['auditors'], dir: 'out' } },
            { name: 'daily-activity', framework: 'iso27001', kind: 'activity', format: 'csv', every: '1d', to: { dir: 'out' } },
          ],
        },
      },
    });
    vigil = await createVigil(config, { clock });
    await vigil.scan('demo');
  });
  after(async () => {
    await vigil?.close();
    await smtp.close();
    await dir.cleanup();
  });

  const delivered = async (plan: string) => (await vigil.store.audit.list({ types: ['report.delivered'], subjectId: `report-plan:${plan}` }));

  it('an interval plan runs at start; a cron plan waits for its time, then is e-mailed and filed with the digest the trail records', async () => {
    const scheduler = await createReportScheduler(vigil, { env, cwd: dir.path });
    assert.deepEqual(await scheduler.nextRuns(), { 'weekly-dora': '2026-12-07T06:00:00.000Z', 'daily-activity': '2026-12-03T10:00:00.000Z' });
    let run = await scheduler.runDue();
    assert.deepEqual(run.delivered.map((d) => d.plan), ['daily-activity']);
    assert.equal(mails().length, 0);

    clock.set('2026-12-07T06:00:30Z');
    run = await scheduler.runDue();
    // The daily plan, a day past due, runs once (not once per missed day).
    assert.deepEqual(run.delivered.map((d) => [d.plan, d.scheduledFor]), [['weekly-dora', '2026-12-07T06:00:00.000Z'], ['daily-activity', '2026-12-07T06:00:30.000Z']]);
    assert.equal(mails().length, 1);
    assert.deepEqual(mails()[0]!.to, ['audit@example.com', 'ciso@example.com']);
    const file = attachment(mails()[0]!.raw, 'weekly-dora-20261207T060000Z.json');
    assert.equal(JSON.parse(file.toString('utf8')).framework.id, 'dora');
    const onDisk = readFileSync(join(dir.path, 'out', 'weekly-dora-20261207T060000Z.json'));
    assert.deepEqual(onDisk, file);
    // The digest the mail states, the trail records and the file hashes to are one.
    const [event] = await delivered('weekly-dora');
    assert.equal(event!.data['sha256'], sha256(file));
    assert.match(mails()[0]!.raw.replace(/=\r?\n/g, ''), new RegExp(`SHA-256 of the attached file: ${sha256(file)}`));
    assert.deepEqual(event!.data['destinations'], ['dir:out', 'email:2 recipient(s)']);
    assert.doesNotMatch(JSON.stringify(event), /@example\.com/, 'recipients are counted, not named, in the immutable trail');
    // Nothing more is due this minute, or this week.
    clock.set('2026-12-07T06:01:00Z');
    assert.deepEqual((await scheduler.runDue()).delivered, []);
  });

  it('a restarted scheduler reads the last runs from the trail: no repeat, and a long outage is caught up once', async () => {
    const restarted = await createReportScheduler(vigil, { env, cwd: dir.path });
    clock.set('2026-12-07T07:00:00Z');
    assert.deepEqual((await restarted.runDue()).delivered, []);
    clock.set('2026-12-29T09:00:00Z'); // three Mondays missed
    const run = await restarted.runDue();
    assert.deepEqual(run.delivered.map((d) => [d.plan, d.scheduledFor]).sort(), [['daily-activity', '2026-12-29T09:00:00.000Z'], ['weekly-dora', '2026-12-28T06:00:00.000Z']]);
    assert.equal((await delivered('weekly-dora')).length, 2);
    // The activity report covers the time since the previous run.
    const [, second, third] = await delivered('daily-activity');
    assert.deepEqual(second!.data['period'], { from: '2026-12-03T10:00:00.000Z', to: '2026-12-07T06:00:30.000Z' });
    assert.deepEqual(third!.data['period'], { from: '2026-12-07T06:00:30.000Z', to: '2026-12-29T09:00:00.000Z' });
    assert.deepEqual(readdirSync(join(dir.path, 'out')).sort(), [
      'daily-activity-20261203T100000Z.csv', 'daily-activity-20261207T060030Z.csv', 'daily-activity-20261229T090000Z.csv', 'weekly-dora-20261207T060000Z.json', 'weekly-dora-20261228T060000Z.json',
    ]);
    const verdict = await verifyStoredChain(vigil.store.audit, vigil.store.checkpoints);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.firstBreak));
  });

  it('a refused recipient: report.failed with the reason and what did go out; retried after the retry delay, not every tick', async () => {
    const config = { ...vigil.config, reports: { plans: [{ name: 'bounce', framework: 'gdpr', format: 'html' as const, every: '1w', to: { email: ['gone@example.com'], dir: 'out' } }] } };
    const scheduler = await createReportScheduler({ ...vigil, config }, { env, cwd: dir.path });
    const run = await scheduler.runDue();
    assert.equal(run.failed.length, 1);
    assert.match(run.failed[0]!.reason, /e-mail to 1 recipient\(s\): .*550/);
    const [failed] = await vigil.store.audit.list({ types: ['report.failed'], subjectId: 'report-plan:bounce' });
    assert.deepEqual(failed!.data['destinations'], ['dir:out']);
    assert.match(String(failed!.data['sha256']), /^[0-9a-f]{64}$/);
    assert.deepEqual((await scheduler.runDue()).failed, [], 'not retried on the next tick');
    clock.advance(16 * 60_000);
    assert.equal((await scheduler.runDue()).failed.length, 1, 'retried after 15 minutes');
  });

  it('refuses at start-up a plan it cannot honour, naming it', async () => {
    const bad = (plan: Record<string, unknown>) => createReportScheduler({ ...vigil, config: { ...vigil.config, reports: { plans: [plan as never] } } }, { env });
    await assert.rejects(bad({ name: 'x', framework: 'sox', format: 'pdf', every: '1d', to: { dir: 'o' } }), /reports\.plans\.x\.framework: unknown "sox"/);
    await assert.rejects(bad({ name: 'y', framework: 'dora', format: 'pdf', every: '1d', to: { teams: ['nobody'] } }), /reports\.plans\.y\.to\.teams: team "nobody" has no e-mail, Slack or Teams channel/);
    await assert.rejects(bad({ name: 'z', framework: 'dora', format: 'pdf', cron: '0 25 * * *', to: { dir: 'o' } }), /reports\.plans\.z\.cron: cron hour "25"/);
  });
});
