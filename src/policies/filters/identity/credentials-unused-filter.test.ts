import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS } from '../../../common/clock.js';
import { credentialsUnusedFilter } from './credentials-unused-filter.js';
import { testFilterContext, testResource } from '../../../testing/filter-test-context.js';

const now = Date.parse('2026-11-22T00:00:00Z');
const ago = (d: number) => new Date(now - d * DAY_MS).toISOString().replace('.000Z', '+00:00');
const row = (over: Record<string, string>) => ({
  user: 'ana', password_enabled: 'false', password_last_used: 'N/A', password_last_changed: 'N/A', user_creation_time: ago(400), mfa_active: 'false',
  access_key_1_active: 'false', access_key_1_last_rotated: 'N/A', access_key_1_last_used_date: 'N/A',
  access_key_2_active: 'false', access_key_2_last_rotated: 'N/A', access_key_2_last_used_date: 'N/A', ...over,
});
const run = (config: Record<string, unknown>, days = 45) => credentialsUnusedFilter.compile({ days })(testResource('aws.iam.user', config), testFilterContext(now));

test('a password used 10 days ago passes; 60 days ago fails at 45 days', () => {
  assert.equal(run({ CredentialReport: row({ password_enabled: 'true', password_last_used: ago(10) }) }), null);
  const ev = run({ CredentialReport: row({ password_enabled: 'true', password_last_used: ago(60) }) });
  assert.equal(ev?.[0]?.path, 'CredentialReport.password_last_used');
});

test('a password never used ("no_information") falls back on password_last_changed', () => {
  assert.equal(run({ CredentialReport: row({ password_enabled: 'true', password_last_used: 'no_information', password_last_changed: ago(5) }) }), null);
  const ev = run({ CredentialReport: row({ password_enabled: 'true', password_last_used: 'no_information', password_last_changed: ago(90) }) });
  assert.match(String(ev?.[0]?.note), /never used/);
});

test('an active key never used ("N/A") counts from last_rotated; inactive keys are ignored', () => {
  assert.equal(run({ CredentialReport: row({ access_key_1_active: 'true', access_key_1_last_rotated: ago(20) }) }), null);
  const ev = run({ CredentialReport: row({ access_key_1_active: 'true', access_key_1_last_rotated: ago(120) }) });
  assert.equal(ev?.[0]?.path, 'CredentialReport.access_key_1_last_used_date');
  assert.equal(ev?.[0]?.actual, 'N/A');
  assert.equal(run({ CredentialReport: row({ access_key_1_active: 'false', access_key_1_last_used_date: ago(300) }) }), null);
});

test('each key slot is judged on its own', () => {
  const ev = run({ CredentialReport: row({ access_key_1_active: 'true', access_key_1_last_used_date: ago(1), access_key_2_active: 'true', access_key_2_last_used_date: ago(50) }) });
  assert.deepEqual(ev?.map((e) => e.path), ['CredentialReport.access_key_2_last_used_date']);
});

test('the root row is never judged here', () => {
  assert.equal(run({ CredentialReport: row({ user: '<root_account>', access_key_1_active: 'true', access_key_1_last_used_date: ago(300) }) }), null);
});

test('without a report, AccessKeys and PasswordLastUsed are used', () => {
  const ev = run({ LoginProfile: { CreateDate: ago(200) }, AccessKeys: [{ AccessKeyId: 'AKIA1', Status: 'Active', CreateDate: ago(100) }, { AccessKeyId: 'AKIA2', Status: 'Inactive', CreateDate: ago(100) }] });
  assert.deepEqual(ev?.map((e) => e.path), ['PasswordLastUsed', 'AccessKeys[0].LastUsedDate']);
  assert.equal(run({ AccessKeys: [{ Status: 'Active', CreateDate: ago(100), LastUsedDate: ago(3) }] }), null);
});

test('the days parameter moves the threshold', () => {
  const cfg = { CredentialReport: row({ password_enabled: 'true', password_last_used: ago(60) }) };
  assert.equal(run(cfg, 90), null);
  assert.notEqual(run(cfg, 30), null);
});
