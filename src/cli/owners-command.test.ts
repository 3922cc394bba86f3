import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createApiServer } from '../api/api-server.js';
import { systemClock } from '../common/clock.js';
import { openStore } from '../store/open-store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';

const dir = await tempDir();
after(() => dir.cleanup());

const bucket = (name: string, accountId: string, tags: Record<string, string> = {}) =>
  JSON.stringify({ type: 'aws.s3.bucket', accountId, region: 'eu-west-1', tags, config: { Name: name } });

test('resources nobody owns are counted in the scan summary and listed by `vigil owners --unowned` and GET /api/owners', async () => {
  const inventory = join(dir.path, 'inventory.jsonl');
  await writeFile(inventory, [bucket('tagged', '111122223333', { team: 'data' }), bucket('mapped', '444455556666'), bucket('orphan-a', '111122223333'), bucket('orphan-b', '111122223333')].join('\n'));
  const config = join(dir.path, 'vigil.config.yaml');
  await writeFile(
    config,
    `owners: { fallback: cloud-team, accounts: { '444455556666': payments } }
teams:
  payments: { members: [{ name: Alice, email: alice@example.com }], channels: { email: [pay@example.com], slack: { url: 'https://hooks.slack.com/services/T/B/SECRET' } } }
`,
  );
  const db = join(dir.path, 'vigil.db');
  const scan = await runVigil(['scan', '--source', `file:${inventory}`, '--config', config, '--db', db, '--format', 'table'], { cwd: dir.path });
  assert.equal(scan.code, 0, scan.stderr);
  assert.match(scan.stdout + scan.stderr, /Unowned: 2 resources with no owner tag, account or OU team/);

  const owners = await runVigil(['owners', '--unowned', '--format', 'json', '--config', config, '--db', db], { cwd: dir.path });
  assert.equal(owners.code, 0, owners.stderr);
  const out = JSON.parse(owners.stdout) as { fallback: string; teams: { name: string; channels: string[] }[]; unowned: { count: number; resources: { arn: string }[] } };
  assert.equal(out.fallback, 'cloud-team');
  assert.deepEqual(out.teams, [{ name: 'payments', members: ['Alice'], channels: ['email', 'slack'] }]);
  assert.deepEqual((JSON.parse(owners.stdout) as { problems: string[] }).problems, [
    'team payments: e-mail channel, but notifications.email (smtpUrl, from) is not configured',
    'fallback team "cloud-team" has no entry in teams: reminders for unowned resources cannot be delivered',
  ]);
  assert.equal(out.unowned.count, 2);
  assert.deepEqual(out.unowned.resources.map((r) => r.arn).sort(), ['arn:aws:s3:::orphan-a', 'arn:aws:s3:::orphan-b']);
  assert.doesNotMatch(owners.stdout, /SECRET/, 'webhook URLs are never printed');

  const store = await openStore({ url: db });
  const server = createApiServer({ store, policies: [], clock: systemClock, owners: { tagKeys: ['owner', 'team'], fallback: 'cloud-team', accounts: { '444455556666': 'payments' } } });
  try {
    const res = await server.fastify.inject('/api/owners?limit=1');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { unowned: { count: number; resources: unknown[] } };
    assert.equal(body.unowned.count, 2);
    assert.equal(body.unowned.resources.length, 1, 'limit bounds the list, not the count');
  } finally {
    await server.close();
    await store.close();
  }
});
