import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digestFor, reminderItem } from '../testing/notification-fixture.js';
import { digestSubject, digestText, evidenceLine, exceptionHowTo, nextActionLine } from './digest-text.js';

test('the subject counts the items, names the earliest deadline and the owner; no deadline, no date', () => {
  assert.equal(digestSubject(digestFor('payments')), '[Vigil] 1 policy violation needs action by 2026-12-09 (payments)');
  assert.equal(digestSubject(digestFor('data', [reminderItem({ deadline: null }), reminderItem({ violationId: 'b', deadline: null })])), '[Vigil] 2 policy violations need action (data)');
});

test('the next action says what happens and when; a report-only item says only what it is', () => {
  assert.equal(nextActionLine(reminderItem()), 'Block Public Access will be turned on for bucket `payments-raw-7` on 2026-12-09 10:00 UTC');
  assert.equal(nextActionLine(reminderItem({ nextAction: { kind: 'escalate', team: 'security', description: 'The security team will be told' } })), 'The security team will be told on 2026-12-09 10:00 UTC');
  assert.equal(nextActionLine(reminderItem({ nextAction: { kind: 'none', description: 'Reported only' } })), 'Reported only');
});

test('evidence reads as field, expected, found; a missing field says missing', () => {
  assert.equal(evidenceLine({ path: 'Versioning.Status', expected: '= Enabled', actual: 'Suspended' }), 'Versioning.Status: expected = Enabled, found "Suspended"');
  assert.equal(evidenceLine({ path: 'KmsKeyId', expected: 'present', actual: null, note: 'default key' }), 'KmsKeyId: expected present, found missing (default key)');
});

test('how to request an exception names the exceptions directory, the policy, and links the violation when there is a public URL', () => {
  const local = exceptionHowTo({ exceptionsDir: 'exceptions/' }, 'v 1', 's3-x');
  assert.match(local, /under exceptions\/ naming policy s3-x/);
  assert.match(local, /`vigil validate`/);
  assert.doesNotMatch(local, /https?:/);
  assert.match(exceptionHowTo({ exceptionsDir: 'exceptions', publicUrl: 'https://vigil.example.com/' }, 'v 1', 's3-x'), /see https:\/\/vigil\.example\.com\/violations\/v%201\./);
});

test('the text digest carries every item with evidence, fix, deadline, consequence and exception how-to', () => {
  const text = digestText(digestFor('payments', [reminderItem(), reminderItem({ violationId: 'v-2', title: 'Second' })]));
  for (const s of ['1. [HIGH] S3 buckets block all public access', '2. [HIGH] Second', 'What is wrong: PublicAccessBlockConfiguration.BlockPublicAcls', 'How to fix:', 'Deadline: 2026-12-09 10:00 UTC', 'Then: Block Public Access', 'To request an exception']) {
    assert.ok(text.includes(s), s);
  }
});
