import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ManualClock } from '../common/clock.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';
import { startMotoServer } from '../testing/moto-server.js';
import { skipOrFail } from '../testing/skip-or-fail.js';
import type { AuditorReport } from './auditor-report.js';
import { reportDeliveries } from './report-deliveries.js';
import { s3ReportTarget } from './report-s3-target.js';
import { everySchedule } from './report-schedule.js';
import { ReportScheduler, type ReportPlan } from './report-scheduler.js';

const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** A local chat webhook endpoint: what each path received, as parsed JSON. */
const chatSink = async () => {
  const got: { path: string; body: unknown }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ path: req.url ?? '', body: JSON.parse(body) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
};

describe('report delivery to S3 (moto) and Slack/Teams (a local webhook)', () => {
  it('puts the file under the prefix with SSE, its digest intact, and posts where it is, with title, period, score and SHA-256', async (t) => {
    const moto = await startMotoServer();
    if ('unavailable' in moto) return skipOrFail(t, moto.unavailable);
    t.after(() => moto.stop());
    const chat = await chatSink();
    t.after(() => chat.close());
    const s3 = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true, credentials: CREDENTIALS });
    t.after(() => s3.destroy());
    await s3.send(new CreateBucketCommand({ Bucket: 'audit-reports' }));

    const store = new MemoryStore();
    const clock = new ManualClock('2026-12-07T06:00:00Z');
    const plan: ReportPlan = {
      name: 'weekly-dora', frameworkId: 'dora', kind: 'compliance', format: 'json', schedule: everySchedule('7d'), runAtStart: true, organisation: 'Bank', pseudonymise: false, email: [],
      s3: s3ReportTarget({ uri: 's3://audit-reports/vigil/dora' }),
      chat: [{ kind: 'slack', team: 'security', hook: { url: `${chat.url}/slack` } }, { kind: 'teams', team: 'auditors', hook: { url: `${chat.url}/teams` } }],
    };
    const bytes = Buffer.from('{"report":"DORA <compliance> & more"}');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const report = { period: { from: null, to: '2026-12-07T06:00:00.000Z' }, framework: { title: 'DORA', score: 87.5, passed: 7, evaluated: 8 }, chain: { headSeq: 12 } } as unknown as AuditorReport;
    const scheduler = new ReportScheduler({
      plans: [plan], store, clock, produce: async () => ({ report, bytes, sha256 }),
      deliveries: reportDeliveries({ env: {}, cwd: '/', timeoutMs: 10_000, s3: async () => s3 }),
    });
    const run = await scheduler.runDue();
    assert.deepEqual(run.failed, []);

    const key = 'vigil/dora/weekly-dora-20261207T060000Z.json';
    const object = await s3.send(new GetObjectCommand({ Bucket: 'audit-reports', Key: key }));
    const stored = Buffer.from(await object.Body!.transformToByteArray());
    assert.equal(createHash('sha256').update(stored).digest('hex'), sha256);
    assert.equal(object.ServerSideEncryption, 'AES256');
    assert.equal(object.Metadata?.['vigil-sha256'], sha256);

    const lines = ['Period: from the start of the trail to 2026-12-07T06:00:00.000Z', 'Score: 87.5% (7 of 8 evaluations pass)', `SHA-256: ${sha256}`, `File: s3://audit-reports/${key}`];
    assert.deepEqual(chat.got, [
      { path: '/slack', body: { text: 'DORA: compliance report (weekly-dora)', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'DORA: compliance report (weekly-dora)' } }, { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }] } },
      {
        path: '/teams',
        body: {
          type: 'message',
          attachments: [{
            contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null,
            content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'DORA: compliance report (weekly-dora)', size: 'Large', weight: 'Bolder', wrap: true }, ...lines.map((l) => ({ type: 'TextBlock', text: l, wrap: true }))] },
          }],
        },
      },
    ]);
    const [delivered] = await store.audit.list({ types: ['report.delivered'] });
    assert.equal(delivered?.data['sha256'], sha256);
    assert.deepEqual(delivered?.data['destinations'], [`s3:s3://audit-reports/${key}`, 'slack:security', 'teams:auditors']);

    // A webhook that refuses: the run is report.failed, with where the file did arrive.
    const refusing: ReportPlan = { ...plan, name: 'daily-dora', chat: [{ kind: 'slack', team: 'security', hook: { url: 'http://127.0.0.1:9/closed' } }] };
    const failing = new ReportScheduler({ plans: [refusing], store, clock, produce: async () => ({ report, bytes, sha256 }), deliveries: reportDeliveries({ env: {}, cwd: '/', timeoutMs: 5_000, s3: async () => s3 }) });
    assert.equal((await failing.runDue()).failed.length, 1);
    const [failed] = await store.audit.list({ types: ['report.failed'] });
    // The webhook URL is a secret: the trail names its host only.
    assert.equal(failed?.data['reason'], 'slack (team security): POST http://127.0.0.1:9/…: connection failed');
    assert.deepEqual(failed?.data['destinations'], ['s3:s3://audit-reports/vigil/dora/daily-dora-20261207T060000Z.json']);
  });

  it('vigil iam-policy --component reporter grants exactly s3:PutObject on each plan\'s prefix', async () => {
    const dir = await tempDir('vigil-reporter-iam-');
    try {
      const file = join(dir.path, 'vigil.config.yaml');
      writeFileSync(file, ['reports:', '  plans:', '    - { name: weekly-dora, framework: dora, format: pdf, cron: "0 6 * * 1", to: { s3: { uri: "s3://audit-reports/vigil" } } }', '    - { name: local, framework: dora, format: json, every: 1d, to: { dir: out } }', ''].join('\n'));
      const r = await runVigil(['iam-policy', '--component', 'reporter', '-c', file], { cwd: dir.path });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { Version: '2012-10-17', Statement: [{ Sid: 'VigilReportDelivery', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::audit-reports/vigil/*'] }] });
    } finally {
      await dir.cleanup();
    }
  });
});
