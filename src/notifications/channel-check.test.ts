import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import { channelProblems } from './channel-check.js';

test('names what would make deliveries die: unset variables, e-mail without SMTP, teams without channels, missing fallback team', () => {
  const config = {
    ...DEFAULT_CONFIG,
    owners: { ...DEFAULT_CONFIG.owners, fallback: 'cloud', securityTeam: 'sec' },
    teams: {
      payments: { channels: { email: ['p@example.com'], webhook: { url: 'https://h.example.com', secretEnv: 'PAY_SECRET' } } },
      data: { channels: { slack: { urlEnv: 'DATA_SLACK' } } },
      quiet: { channels: {} },
      sec: { channels: { teams: { url: 'https://t.example.com' } } },
    },
  };
  assert.deepEqual(channelProblems(config, { PAY_SECRET: 'set' }), [
    'team data: slack URL: environment variable DATA_SLACK is not set',
    'team payments: e-mail channel, but notifications.email (smtpUrl, from) is not configured',
    'team quiet: no channel configured: its reminders are recorded as undeliverable',
    'fallback team "cloud" has no entry in teams: reminders for unowned resources cannot be delivered',
  ]);
  assert.ok(channelProblems(config, {}).includes('team payments: webhook signing secret: environment variable PAY_SECRET is not set'));
  assert.deepEqual(channelProblems({ ...config, owners: { ...config.owners, fallback: 'sec' }, teams: { sec: config.teams.sec } }, {}), []);
});
