import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticsError, formatDiagnostic } from '../common/vigil-error.js';
import { tempDir } from '../testing/cli-harness.js';
import { createVigil } from '../composition-root.js';
import { demoOrganization } from '../providers/demo/demo-organization.js';
import { loadConfig } from './config-loader.js';
import { DEMO_APPROVER, DEMO_OWNERS } from './demo-teams.js';

let dir: string;
let cleanup: () => Promise<void>;
before(async () => {
  ({ path: dir, cleanup } = await tempDir('vigil-teams-config-'));
});
after(() => cleanup());

const load = async (yaml: string) => {
  await writeFile(join(dir, 'vigil.config.yaml'), yaml);
  return loadConfig({ env: {}, cwd: dir });
};

describe('teams and notifications config', () => {
  it('reads teams with members and every channel kind, and OU → team owners', async () => {
    const c = await load(`
owners:
  ous: { root/prod: platform }
  securityTeam: security
server: { publicUrl: https://vigil.example.com }
teams:
  payments:
    members: [{ name: Alice, email: alice@example.com, security: true }]
    channels:
      email: [payments@example.com]
      slack: { url: https://hooks.slack.com/services/T/B/X }
      teams: { url: https://example.webhook.office.com/webhookb2/x }
      webhook: { url: https://hooks.example.com/vigil, secretEnv: VIGIL_PAYMENTS_HOOK_SECRET }
notifications: { maxAttempts: 3 }
`);
    assert.equal(c.teams?.payments?.channels.webhook?.secretEnv, 'VIGIL_PAYMENTS_HOOK_SECRET');
    assert.equal(c.owners.ous?.['root/prod'], 'platform');
    assert.equal(c.notifications?.maxAttempts, 3);
    assert.equal(c.notifications?.exceptionsDir, 'exceptions', 'unset notification settings keep their defaults');
  });

  it('rejects a webhook secret written into the config and a non-URL webhook, naming file, line and field', async () => {
    await assert.rejects(
      load(`teams:\n  payments:\n    channels:\n      webhook: { url: https://h.example.com, secret: s3cr3t }\n      slack: { url: not-a-url }\n`),
      (e: unknown) => {
        assert.ok(e instanceof DiagnosticsError);
        const text = e.diagnostics.map(formatDiagnostic).join('\n');
        assert.match(text, /vigil\.config\.yaml:4:\d+ +teams\.payments\.channels\.webhook: must NOT have additional properties "secret"/);
        assert.match(text, /vigil\.config\.yaml:5:\d+ +teams\.payments\.channels\.slack\.url: must be an http\(s\) URL/);
        return true;
      },
    );
  });

  it('takes a webhook URL from an environment variable, and needs url or urlEnv', async () => {
    const c = await load(`teams:\n  payments:\n    channels:\n      slack: { urlEnv: PAY_SLACK_URL }\n`);
    assert.equal(c.teams?.payments?.channels.slack?.urlEnv, 'PAY_SLACK_URL');
    await assert.rejects(load(`teams:\n  payments:\n    channels:\n      teams: {}\n`), /teams\.payments\.channels\.teams: must have required property 'url'/);
  });

  it('rejects SMTP credentials inside the URL (they belong in an environment variable)', async () => {
    await assert.rejects(load(`notifications:\n  email: { smtpUrl: 'smtp://bob:pw@mail:25', from: vigil@example.com }\n`), /notifications\.email\.smtpUrl/);
  });

  it('the demo estate with no teams anywhere gets the demo teams (file channel, a security team); any teams: section, or another source, gets none', async () => {
    const demo = await load('demo: { size: 100 }\n');
    assert.deepEqual(demo.teams?.payments?.channels, { file: {} });
    assert.equal(demo.owners.securityTeam, 'security');
    assert.ok(demo.teams?.security?.members?.some((m) => m.name === DEMO_APPROVER && m.security), 'someone can approve in the demo');
    assert.deepEqual((await load('teams: {}\n')).teams, {}, 'an empty teams: section is the user\'s choice: dead deliveries stay visible');
    assert.deepEqual(Object.keys((await load('teams:\n  payments: { channels: { email: [p@example.com] } }\n')).teams ?? {}), ['payments']);
    assert.deepEqual((await load('scan: { source: "file:estate.json" }\n')).teams, {});
  });

  it('every owner the demo estate names has a demo team (scanned: tags, accounts, the fallback; and the accounts of a large estate)', async () => {
    const config = await loadConfig({ env: {}, cwd: join(dir, 'no-config-here'), flags: { store: { url: ':memory:' }, scan: { worker: false } as never, demo: { size: 3_000 } as never } });
    const vigil = await createVigil(config);
    try {
      await vigil.scan();
      const owners = new Set((await vigil.store.violations.list({ limit: 1_000_000 })).map((v) => v.owner ?? config.owners.fallback));
      for (const a of demoOrganization(700_000).accounts) owners.add(a.owner ?? config.owners.fallback);
      const missing = [...owners].filter((o) => !(DEMO_OWNERS as readonly string[]).includes(o));
      assert.deepEqual(missing, [], 'add these to DEMO_OWNERS (src/config/demo-teams.ts)');
      assert.ok(owners.size >= 8);
    } finally {
      await vigil.close();
    }
  });
});
