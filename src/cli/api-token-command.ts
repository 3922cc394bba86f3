import type { Command } from 'commander';
import { isApiRole, API_ROLES } from '../auth/api-role.js';
import { ApiTokenService } from '../api/api-token-service.js';
import { systemClock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import { openAuditTrail } from '../composition-root.js';
import { parseDuration } from '../escalation/duration.js';
import { securityApprovers } from '../escalation/approval-service.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

/**
 * `vigil api-token create --name <label> --role viewer|approver|admin [--expires 90d|never]`,
 * `vigil api-token list`, `vigil api-token revoke <id>`: bearer tokens for the API and dashboard
 * (config `server.auth.tokens: true`). The secret is printed once and never stored (only its
 * SHA-256); creation and revocation are audit events by `cli:<OS user>`.
 *
 * @example await runCli(['api-token', 'create', '--name', 'alice@example.com', '--role', 'approver', '--expires', '30d']);
 */
export const registerApiToken = (program: Command, io: CliIo): void => {
  const group = program.command('api-token').description('create, list and revoke API tokens (bearer tokens for the API and dashboard)');
  const actor = `cli:${io.env.USER ?? 'unknown'}`;
  const withService = async <T>(flags: SharedFlags, fn: (tokens: ApiTokenService, config: Awaited<ReturnType<typeof configFrom>>) => Promise<T>): Promise<T> => {
    const config = await configFrom(io, flags);
    const trail = await openAuditTrail(config);
    try {
      return await fn(new ApiTokenService({ store: trail.store, clock: systemClock }), config);
    } finally {
      await trail.close();
    }
  };

  withSharedOptions(
    group
      .command('create')
      .requiredOption('--name <label>', 'who or what holds it: the actor the audit trail records (a person\'s e-mail for approvers, or e.g. ci-reader)')
      .requiredOption('--role <role>', `${API_ROLES.join(' | ')}: viewer reads; approver also approves/rejects enforcement; admin everything`)
      .option('--expires <duration>', 'lifetime: 30m, 12h, 90d, 12w, or never', '90d')
      .description('create a token and print its secret once (only its hash is stored)'),
  ).action(async (flags: SharedFlags & { name: string; role: string; expires: string }) => {
    if (!isApiRole(flags.role)) throw new UsageError(`--role "${flags.role}": use ${API_ROLES.join(', ')}`, { field: 'role' });
    const role = flags.role;
    const expiresInMs = flags.expires === 'never' ? null : parseDuration(flags.expires, '--expires');
    await withService(flags, async (tokens, config) => {
      const { secret, token } = await tokens.create({ name: flags.name, role, expiresInMs }, actor);
      println(io.stdout, `created ${token.id} "${token.name}" (${token.role}), expires ${token.expiresAt ?? 'never'}; recorded as api-token.created by ${actor}`);
      println(io.stdout, 'the secret, shown only now (send it as "Authorization: Bearer …", or paste it into the dashboard\'s sign-in):');
      println(io.stdout, secret);
      if (!config.server.auth?.tokens) println(io.stderr, 'note: API tokens are not accepted until the config sets server.auth.tokens: true');
      if (role !== 'viewer' && !securityApprovers(config).has(token.name)) {
        println(io.stderr, `note: "${token.name}" is not a security team member (owners.securityTeam, or security: true): approvals with this token will be refused, as \`vigil approve --by ${token.name}\` would be`);
      }
    });
  });

  withSharedOptions(group.command('list').description('list tokens (never their secrets): id, name, role, created, expires, last used, revoked')).action(async (flags: SharedFlags) => {
    await withService(flags, async (tokens) => {
      const all = await tokens.list();
      if (!all.length) return println(io.stdout, 'no API tokens (create one with `vigil api-token create`)');
      const now = systemClock.now().toISOString();
      for (const t of all) {
        const status = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt && t.expiresAt <= now ? `expired ${t.expiresAt}` : `active, expires ${t.expiresAt ?? 'never'}`;
        println(io.stdout, `${t.id}  ${t.name}  ${t.role}  created ${t.createdAt} by ${t.createdBy}  ${status}  last used ${t.lastUsedAt ?? 'never'}`);
      }
    });
  });

  withSharedOptions(group.command('revoke').argument('<id>', 'the token id (tok_…, see `vigil api-token list`)').description('revoke a token: it is refused from now on')).action(async (id: string, flags: SharedFlags) => {
    await withService(flags, async (tokens) => {
      const t = await tokens.revoke(id, actor);
      println(io.stdout, `${t.id} "${t.name}" is revoked (since ${t.revokedAt}): it is refused from now on; the revocation is on the audit trail (api-token.revoked)`);
    });
  });
};
