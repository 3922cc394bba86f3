import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DAY_MS } from '../common/clock.js';
import { formatDiagnostic } from '../common/vigil-error.js';
import { loadExceptions, parseExceptions, type ExceptionRules } from './exception-loader.js';
import { exceptionCovers } from './policy-exception.js';

const rules: ExceptionRules = {
  policyIds: new Set(['s3-bucket-public-access-block', 'iam-user-mfa']),
  now: '2026-12-03T10:00:00.000Z',
  maxDurationMs: 90 * DAY_MS,
  approvers: new Set(['alice@example.com']),
};

const good = `- id: payments-website
  policies: [s3-bucket-public-access-block]
  selector:
    arn: "arn:aws:s3:::payments-site-*"
    account: "111122223333"
  justification: Static website assets, reviewed in SEC-142
  requested-by: bob@example.com
  approved-by: alice@example.com
  expires-at: 2027-01-31
`;

describe('exceptions as code', () => {
  test('a valid file loads, and the selector covers matching violations only', () => {
    const r = parseExceptions('exceptions/payments.yaml', good, rules);
    assert.deepEqual(r.diagnostics, []);
    const [ex] = r.exceptions;
    assert.equal(ex!.expiresAt, '2027-01-31T00:00:00.000Z');
    assert.deepEqual(ex!.source, { file: 'exceptions/payments.yaml', line: 1, col: 3 });
    const subject = { policyId: 's3-bucket-public-access-block', resourceArn: 'arn:aws:s3:::payments-site-eu', accountId: '111122223333' };
    assert.equal(exceptionCovers(ex!, subject), true);
    assert.equal(exceptionCovers(ex!, { ...subject, resourceArn: 'arn:aws:s3:::payments-raw-7' }), false);
    assert.equal(exceptionCovers(ex!, { ...subject, accountId: '444455556666' }), false);
    assert.equal(exceptionCovers(ex!, { ...subject, policyId: 'iam-user-mfa' }), false);
  });

  test('OU and tag selectors: nested OUs are covered, a sibling with a shared prefix and a missing tag are not', () => {
    const text = `id: data-lake\npolicies: all\nselector: { ou: root/prod, tags: { classification: public } }\njustification: Open data programme, DPO sign-off 2026-11\nrequested-by: carol\napproved-by: alice@example.com\nexpires-at: 2027-02-01T00:00:00Z\n`;
    const [ex] = parseExceptions('x.yaml', text, rules).exceptions;
    const s = { policyId: 'iam-user-mfa', resourceArn: 'arn:x', accountId: '1', ou: 'root/prod/data', tags: { classification: 'public' } };
    assert.equal(exceptionCovers(ex!, s), true);
    assert.equal(exceptionCovers(ex!, { ...s, ou: 'root/production' }), false);
    assert.equal(exceptionCovers(ex!, { ...s, tags: {} }), false);
  });

  test('every problem is reported at file:line:col: unknown policy, past expiry, missing approver, too long, unknown field', () => {
    const text = `- id: typo
  policies: [s3-bucket-public-acces-block]
  selector: { account: "111122223333" }
  justification: Because we need it for now
  requested-by: bob
  approved-by: alice@example.com
  expires-at: 2026-11-30
- id: no-approver
  policies: all
  selector: { arn: "arn:aws:s3:::x" }
  justification: Because we need it for now
  requested-by: bob
  expires-at: 2027-01-01
- id: forever
  policies: all
  selector: { arn: "arn:aws:s3:::y" }
  justification: Because we need it for now
  requested-by: bob
  approved-by: mallory
  expires-at: 2030-01-01
  approved-at: 2026-12-01
  expires-by: soon
`;
    const r = parseExceptions('exceptions/bad.yaml', text, rules);
    assert.deepEqual(r.exceptions, []);
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), [
      'exceptions/bad.yaml:2:14  unknown policy "s3-bucket-public-acces-block" (did you mean "s3-bucket-public-access-block"?)',
      'exceptions/bad.yaml:7:3  expired on 2026-11-30T00:00:00.000Z: remove the exception or renew it with a new approval',
      'exceptions/bad.yaml:8:3  missing approver: `approved-by` is required (a member of the security team)',
      'exceptions/bad.yaml:22:3  unknown field "expires-by" (did you mean "expires-at"?)',
      'exceptions/bad.yaml:19:3  "mallory" is not a member of the security team (config teams.<security team>.members or members with security: true)',
      'exceptions/bad.yaml:20:3  lasts 1127 days from approval, longer than the maximum of 90 days (config escalation.maxExceptionDuration)',
    ]);
  });

  test('a directory: duplicate ids across files are reported, the valid ones still load; no directory is no exceptions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-ex-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'exceptions'));
    writeFileSync(join(dir, 'exceptions', 'a.yaml'), good);
    writeFileSync(join(dir, 'exceptions', 'b.yaml'), good);
    const r = await loadExceptions(join(dir, 'exceptions'), rules, dir);
    assert.deepEqual(r.exceptions.map((e) => e.id), ['payments-website']);
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), ['exceptions/b.yaml:1:3  exception id "payments-website" is used twice (first at exceptions/a.yaml:1:3)']);
    assert.deepEqual(await loadExceptions(join(dir, 'none'), rules, dir), { exceptions: [], diagnostics: [], files: [] });
  });
});
