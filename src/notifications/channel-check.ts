import type { VigilConfig } from '../config/vigil-config.js';

/**
 * What would make deliveries die, found before the first one does: a secret or URL variable that is
 * not set, an e-mail channel without SMTP settings, a fallback or security team with no entry.
 * Names variables, never their values.
 *
 * @example
 * channelProblems(config, process.env); // ['team payments: webhook signing secret: environment variable VIGIL_PAY_SECRET is not set']
 */
export const channelProblems = (config: Pick<VigilConfig, 'teams' | 'owners' | 'notifications'>, env: Readonly<Record<string, string | undefined>>): string[] => {
  const out: string[] = [];
  const unset = (name: string | undefined) => name !== undefined && !env[name];
  const teams = config.teams ?? {};
  for (const [name, t] of Object.entries(teams).sort(([a], [b]) => a.localeCompare(b))) {
    const c = t.channels;
    if (!Object.values(c).some((v) => v !== undefined)) out.push(`team ${name}: no channel configured: its reminders are recorded as undeliverable`);
    if (c.email && !config.notifications?.email) out.push(`team ${name}: e-mail channel, but notifications.email (smtpUrl, from) is not configured`);
    if (config.notifications?.email && unset(config.notifications.email.passwordEnv)) out.push(`SMTP password: environment variable ${config.notifications.email.passwordEnv} is not set`);
    for (const kind of ['slack', 'teams', 'webhook'] as const) {
      const hook = c[kind];
      if (hook && !hook.url && unset(hook.urlEnv)) out.push(`team ${name}: ${kind} URL: environment variable ${hook.urlEnv} is not set`);
    }
    if (c.webhook && unset(c.webhook.secretEnv)) out.push(`team ${name}: webhook signing secret: environment variable ${c.webhook.secretEnv} is not set`);
  }
  if (!teams[config.owners.fallback]) out.push(`fallback team "${config.owners.fallback}" has no entry in teams: reminders for unowned resources cannot be delivered`);
  if (config.owners.securityTeam && !teams[config.owners.securityTeam]) out.push(`security team "${config.owners.securityTeam}" has no entry in teams: nobody can approve through it`);
  return [...new Set(out)];
};
