import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS } from '../../../common/clock.js';
import { iamUserDefunctFilter, parseDirectory } from './iam-user-defunct-filter.js';
import { testFilterContext, testResource } from '../../../testing/filter-test-context.js';

const now = Date.parse('2026-11-22T00:00:00Z');
const ago = (d: number) => new Date(now - d * DAY_MS).toISOString();
const human = (name: string, lastUsed: number) =>
  testResource('aws.iam.user', { UserName: name, CreateDate: ago(500), LoginProfile: { CreateDate: ago(500) }, PasswordLastUsed: ago(lastUsed), AccessKeys: [] }, name);

test('a person missing from the directory is defunct even when recently active', () => {
  const f = iamUserDefunctFilter.compile({ inactiveDays: 90, directory: ['Ana.Silva'] });
  assert.equal(f(human('ana.silva', 3), testFilterContext(now)), null);
  assert.equal(f(human('bo.chen', 3), testFilterContext(now))?.[0]?.path, 'UserName');
});

test('no activity for longer than inactiveDays is defunct; never-used users count from creation', () => {
  const f = iamUserDefunctFilter.compile({ inactiveDays: 90 });
  assert.equal(f(human('ana', 30), testFilterContext(now)), null);
  assert.equal(f(human('ana', 120), testFilterContext(now))?.[0]?.path, 'PasswordLastUsed');
  const svcNew = testResource('aws.iam.user', { UserName: 'svc-new', CreateDate: ago(10), AccessKeys: [{ Status: 'Active', CreateDate: ago(10) }] });
  assert.equal(f(svcNew, testFilterContext(now)), null);
  const svcOld = testResource('aws.iam.user', { UserName: 'svc-old', CreateDate: ago(200), AccessKeys: [{ Status: 'Active', CreateDate: ago(200) }] });
  assert.equal(f(svcOld, testFilterContext(now))?.[0]?.path, 'CreateDate');
});

test('service users (no console password) are not checked against the HR directory', () => {
  const f = iamUserDefunctFilter.compile({ inactiveDays: 90, directory: ['ana'] });
  const svc = testResource('aws.iam.user', { UserName: 'svc-etl', CreateDate: ago(200), AccessKeys: [{ Status: 'Active', LastUsedDate: ago(1) }] });
  assert.equal(f(svc, testFilterContext(now)), null);
});

test('exempt users are skipped', () => {
  const f = iamUserDefunctFilter.compile({ inactiveDays: 90, exemptUsers: ['break-glass'] });
  assert.equal(f(human('break-glass', 400), testFilterContext(now)), null);
});

test('a directory file is read once per scan (memo) and parsed as lines, CSV or JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-dir-'));
  const file = join(dir, 'people.csv');
  writeFileSync(file, 'username,department\nana.silva,payments\n');
  const f = iamUserDefunctFilter.compile({ inactiveDays: 90, directoryFile: file });
  const ctx = testFilterContext(now);
  assert.equal(f(human('ana.silva', 1), ctx), null);
  assert.notEqual(f(human('gone.user', 1), ctx), null);
  assert.equal(ctx.builds.get(`iam-user-defunct:file:${file}`), 1);
  assert.deepEqual([...parseDirectory('["A","b"]')], ['a', 'b']);
  assert.deepEqual([...parseDirectory('# export\nana\n\nbo\n')], ['ana', 'bo']);
});

test('a missing directory file fails when the policy compiles', () => {
  assert.throws(() => iamUserDefunctFilter.compile({ inactiveDays: 90, directoryFile: '/nonexistent/people.txt' }), /does not exist/);
});
