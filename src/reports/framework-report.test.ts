import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScoredPolicy } from '../frameworks/compliance-score.js';
import type { Framework } from '../frameworks/framework.js';
import { FrameworkRegistry } from '../frameworks/framework-registry.js';
import type { PolicyResultRow } from '../store/ports/scan-store.js';
import { openStore } from '../store/open-store.js';
import { runVigil } from '../testing/cli-harness.js';
import { memoryTestStore } from '../testing/test-store.js';
import { frameworkDetail, frameworkSummaries, latestScoredScan } from './framework-report.js';

const req = (ref: string, automatable = true) => ({ ref, title: `title ${ref}`, summary: `summary ${ref}`, automatable });

const dora: Framework = {
  id: 'dora',
  title: 'DORA',
  version: '2022/2554',
  publisher: 'EU',
  url: 'https://eur-lex.europa.eu/',
  refExample: 'Art. 12(1)',
  source: 'test',
  requirements: [req('Art. 5', false), req('Art. 12'), req('Art. 12(1)'), req('Art. 12(3)'), req('Art. 9')],
};
const iso: Framework = { ...dora, id: 'iso27001@2022', title: 'ISO', version: '2022', refExample: 'A.8.13', requirements: [req('A.8.13'), req('A.8.24')] };

const frameworks = new FrameworkRegistry([dora, iso]);

const policies: ScoredPolicy[] = [
  { id: 'backup-plan', frameworks: { dora: 'Art. 12(1)', 'iso27001@2022': 'A.8.13' } },
  { id: 'backup-copy', frameworks: { dora: ['Art. 12(3)', 'Art. 5'] } },
  { id: 'vault-lock', frameworks: { dora: 'Art. 9' }, enabled: false, disabledReason: 'no vaults in this estate' },
];

const row = (policyId: string, evaluated: number, failed: number, region = 'eu-west-1'): PolicyResultRow => ({
  scanId: 's1',
  policyId,
  accountId: '111111111111',
  region,
  evaluated,
  failed,
});

describe('frameworkDetail', () => {
  it('lists every requirement, with controls, summary and gaps marked manual', () => {
    const d = frameworkDetail({ frameworks, policies }, 'dora');
    assert.deepEqual(
      d.requirements.map((r) => [r.ref, r.controls, r.manualEvidenceNeeded]),
      [
        ['Art. 5', ['backup-copy'], true], // organisational: manual even though covered
        ['Art. 12', ['backup-copy', 'backup-plan'], false], // paragraphs count for their article
        ['Art. 12(1)', ['backup-plan'], false],
        ['Art. 12(3)', ['backup-copy'], false],
        ['Art. 9', [], true], // only a disabled control: a person must evidence it
      ],
    );
    assert.equal(d.requirements[0]?.summary, 'summary Art. 5');
  });

  it('shows disabled controls with their recorded reason, per requirement and per framework', () => {
    const d = frameworkDetail({ frameworks, policies }, 'dora');
    const art9 = d.requirements.find((r) => r.ref === 'Art. 9');
    assert.deepEqual(art9?.disabled, [{ policyId: 'vault-lock', reason: 'no vaults in this estate' }]);
    assert.deepEqual(d.disabled, [{ policyId: 'vault-lock', reason: 'no vaults in this estate' }]);
  });

  it('has no scores and status not-scanned without a scan', () => {
    const d = frameworkDetail({ frameworks, policies }, 'dora');
    assert.equal(d.scan, null);
    assert.equal(d.score, null);
    assert.ok(d.requirements.every((r) => r.score === null && r.status === 'not-scanned'));
  });

  it('scores the framework and each requirement from the scan: passing evaluations / all', () => {
    const scan = { id: 's1', finishedAt: '2026-06-01T00:00:00.000Z', results: [row('backup-plan', 10, 2), row('backup-plan', 10, 0, 'eu-central-1'), row('backup-copy', 5, 5)] };
    const d = frameworkDetail({ frameworks, policies, scan }, 'dora');
    assert.deepEqual(d.scan, { id: 's1', finishedAt: '2026-06-01T00:00:00.000Z' });
    assert.equal(d.score, 18 / 25);
    const byRef = new Map(d.requirements.map((r) => [r.ref, r]));
    assert.equal(byRef.get('Art. 12(1)')?.score, 18 / 20);
    assert.equal(byRef.get('Art. 12(3)')?.score, 0);
    assert.equal(byRef.get('Art. 12')?.score, 18 / 25);
    assert.equal(byRef.get('Art. 9')?.status, 'disabled');
    assert.equal(byRef.get('Art. 9')?.score, null);
  });

  it('says not-evaluated (not 100%) when covered policies judged no resource', () => {
    const d = frameworkDetail({ frameworks, policies, scan: { id: 's1', finishedAt: null, results: [row('backup-copy', 4, 1)] } }, 'iso27001@2022');
    const a813 = d.requirements.find((r) => r.ref === 'A.8.13');
    assert.equal(a813?.status, 'not-evaluated');
    assert.equal(a813?.score, null);
    assert.equal(d.requirements.find((r) => r.ref === 'A.8.24')?.status, 'manual');
  });

  it('rejects an unknown framework id naming the known ones', () => {
    assert.throws(() => frameworkDetail({ frameworks, policies }, 'dorra'), /unknown framework "dorra"; known: dora, iso27001@2022/);
  });
});

describe('frameworkSummaries', () => {
  it('counts requirements, coverage by enabled policies and manual evidence per framework', () => {
    const rows = frameworkSummaries({ frameworks, policies, scan: { id: 's1', finishedAt: null, results: [row('backup-plan', 4, 1)] } });
    assert.deepEqual(
      rows.map((r) => [r.id, r.version, r.requirements, r.covered, r.manual, r.score]),
      [
        ['dora', '2022/2554', 5, 4, 2, 3 / 4],
        ['iso27001@2022', '2022', 2, 1, 1, 3 / 4],
      ],
    );
  });
});

describe('latestScoredScan', () => {
  // What "latest scored" means is this function's logic, not the database's: the fake suffices.
  const store = memoryTestStore();
  after(() => store.close());

  it('is undefined before the first finished scan, then reads the newest finished one', async () => {
    assert.equal(await latestScoredScan(store), undefined);
    const scan = (id: string, startedAt: string) => ({ id, source: 'demo', startedAt, finishedAt: null, status: 'running' as const, stats: {} });
    await store.scans.start(scan('old', '2026-01-01T00:00:00.000Z'));
    await store.scans.finish('old', { finishedAt: '2026-01-01T00:01:00.000Z', status: 'finished', stats: {} });
    await store.scans.addPolicyResults([{ ...row('backup-plan', 3, 1), scanId: 'old' }]);
    await store.scans.start(scan('running', '2026-02-01T00:00:00.000Z'));
    await store.scans.addPolicyResults([{ ...row('backup-plan', 9, 9), scanId: 'running' }]);
    const latest = await latestScoredScan(store);
    assert.equal(latest?.id, 'old', 'a running scan is never scored');
    assert.deepEqual(latest?.results.map((r) => [r.policyId, r.evaluated, r.failed]), [['backup-plan', 3, 1]]);
    await store.scans.finish('running', { finishedAt: '2026-02-01T00:01:00.000Z', status: 'finished', stats: {} });
    assert.equal((await latestScoredScan(store))?.id, 'running');
  });
});

// The command only prints this read model; these runs check the wiring a user relies on:
// exit codes, the store's latest scan, and disabled controls from the configuration.
describe('vigil frameworks (CLI)', () => {
  let dir = '';
  let db = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-frameworks-'));
    db = join(dir, 'vigil.db');
    const store = await openStore({ url: db });
    await store.scans.start({ id: 'scan-1', source: 'demo', startedAt: '2026-06-01T00:00:00.000Z', finishedAt: null, status: 'running', stats: {} });
    await store.scans.addPolicyResults([{ ...row('backup-recovery-point-encrypted', 8, 2), scanId: 'scan-1' }]);
    await store.scans.finish('scan-1', { finishedAt: '2026-06-01T00:05:00.000Z', status: 'finished', stats: {} });
    await store.close();
    await writeFile(join(dir, 'vigil.config.yaml'), 'controls:\n  backup-vault-lock: { enabled: false, reason: risk committee RC-42 }\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('show <id> --format json scores requirements from the latest finished scan and lists disabled controls with their reason', async () => {
    const r = await runVigil(['frameworks', 'show', 'aws-backup-audit-manager', '--format', 'json', '--db', db, '--config', join(dir, 'vigil.config.yaml')], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as { scan: { id: string }; requirements: { ref: string; score: number | null; disabled: { reason: string }[]; manualEvidenceNeeded: boolean }[] };
    assert.equal(d.scan.id, 'scan-1');
    const enc = d.requirements.find((x) => x.ref === 'BACKUP_RECOVERY_POINT_ENCRYPTED');
    assert.equal(enc?.score, 6 / 8);
    const lock = d.requirements.find((x) => x.ref === 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK');
    assert.deepEqual(lock?.disabled.map((x) => x.reason), ['risk committee RC-42']);
    assert.equal(lock?.manualEvidenceNeeded, true);
  });

  it('an unknown framework id exits 2 and lists the valid ids', async () => {
    const r = await runVigil(['frameworks', 'show', 'dorra', '--db', db], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown framework "dorra"/);
    assert.match(r.stderr, /^\s+dora\s/m);
    assert.match(r.stderr, /^\s+cis-aws@4\.0\s/m);
  });

  it('lists frameworks without creating a store that does not exist yet', async () => {
    const missing = join(dir, 'never', 'vigil.db');
    const r = await runVigil(['frameworks', '--format', 'json', '--db', missing], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { id: string; requirements: number; covered: number; manual: number; score: number | null }[];
    const dora = rows.find((x) => x.id === 'dora');
    assert.ok(dora && dora.requirements > 0 && dora.covered > 0 && dora.manual > 0);
    assert.ok(rows.every((x) => x.score === null), 'no scan, no score');
    assert.equal(existsSync(missing), false);
  });
});
