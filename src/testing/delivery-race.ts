import type { TeamConfig } from '../config/vigil-config.js';

/** The teams of the delivery race test, every channel pointing at the test's HTTP sink. */
export const raceTeams = (sinkUrl: string): Record<string, TeamConfig> => ({
  payments: { channels: { slack: { url: `${sinkUrl}/slack/payments` }, webhook: { url: `${sinkUrl}/hook/payments`, secretEnv: 'HOOK_SECRET' } } },
  data: { channels: { teams: { url: `${sinkUrl}/teams/data` } } },
  ops: { channels: { slack: { url: `${sinkUrl}/slack/ops` } } },
});

export { sqliteFileSession } from './escalation-backends.js';
