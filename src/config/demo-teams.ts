import type { TeamConfig } from './vigil-config.js';

/**
 * Every owner the demo estate's resources and accounts name (tags, account owners, the fallback);
 * a test scans the demo estate and fails when an owner appears that this list lacks.
 */
export const DEMO_OWNERS = [
  'payments', 'platform', 'data', 'identity', 'checkout', 'risk', 'mobile', 'search',
  'platform-backup', 'security', 'lending', 'cards', 'web',
] as const;

/** The demo's security team member who may approve disruptive enforcement (`vigil approve <id> --by sam`). */
export const DEMO_APPROVER = 'sam';

/**
 * The teams a demo estate gets when the configuration names none: one per demo owner, each with an
 * on-call address and the `file` channel, so `npm start` reminds owners with no mail server or
 * webhook: the digests land as .eml and .txt files under `outbox/<team>/` beside the SQLite file
 * (`.vigil/outbox/` by default). A configuration that has a `teams:` section (even `teams: {}`) gets
 * none of this: there, a digest for a team missing from it is a dead delivery, shown as such.
 *
 * @example
 * demoTeams()['payments']; // { members: [{ name: 'payments on-call', email: 'payments-oncall@example.com' }], channels: { file: {} } }
 */
export const demoTeams = (securityTeam = 'security'): Record<string, TeamConfig> =>
  Object.fromEntries(
    [...new Set<string>([...DEMO_OWNERS, securityTeam])].map((team) => [
      team,
      {
        members: team === securityTeam ? [{ name: DEMO_APPROVER, email: 'sam@example.com', security: true }] : [{ name: `${team} on-call`, email: `${team}-oncall@example.com` }],
        channels: { file: {} },
      },
    ]),
  );
