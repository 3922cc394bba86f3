import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCredentialReport } from './iam-credential-report.js';

const HEADER = 'user,arn,user_creation_time,password_enabled,mfa_active,access_key_1_active,access_key_1_last_rotated';

test('credential report rows are keyed by user, with the report\'s own column names and string values', () => {
  const csv = [
    HEADER,
    '<root_account>,arn:aws:iam::111122223333:root,2019-05-01T10:00:00+00:00,not_supported,true,false,N/A',
    'ana,arn:aws:iam::111122223333:user/ana,2025-03-01T09:00:00+00:00,true,false,true,2025-03-01T09:05:00+00:00',
    '',
  ].join('\n');
  const { rows, bad } = parseCredentialReport(csv);
  assert.deepEqual(bad, []);
  assert.deepEqual([...rows.keys()], ['<root_account>', 'ana']);
  assert.deepEqual(rows.get('ana'), {
    user: 'ana',
    arn: 'arn:aws:iam::111122223333:user/ana',
    user_creation_time: '2025-03-01T09:00:00+00:00',
    password_enabled: 'true',
    mfa_active: 'false',
    access_key_1_active: 'true',
    access_key_1_last_rotated: '2025-03-01T09:05:00+00:00',
  });
});

test('a row whose field count differs from the header (a user name with a comma) is reported by line, not guessed', () => {
  const csv = `${HEADER}\r\nana,arn:aws:iam::1:user/ana,t,true,false,false,N/A\r\nx,y,arn:aws:iam::1:user/x,y,t,true,false,false,N/A\r\n`;
  const { rows, bad } = parseCredentialReport(csv);
  assert.deepEqual([...rows.keys()], ['ana']);
  assert.deepEqual(bad, [3]);
});
