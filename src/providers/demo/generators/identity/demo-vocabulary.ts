export { isoDaysAgo, reportDaysAgo } from '../demo-time.js';

/** Teams that own resources in the demo organisation (the `owner` tag). */
export const TEAMS = ['payments', 'platform', 'data', 'identity', 'checkout', 'risk', 'mobile', 'search'] as const;
export const FIRST_NAMES = ['ana', 'bo', 'chloe', 'dev', 'emeka', 'farah', 'gus', 'hana', 'ivan', 'jun', 'kofi', 'lena', 'mateo', 'nora', 'omar', 'priya', 'quinn', 'rosa', 'sven', 'tara'] as const;
export const LAST_NAMES = ['silva', 'chen', 'martin', 'patel', 'okafor', 'haddad', 'berg', 'sato', 'petrov', 'kim', 'mensah', 'novak', 'garcia', 'walsh', 'aziz', 'rao', 'lee', 'diaz', 'larsen', 'singh'] as const;
export const VENDORS = ['acme-audit', 'northwind', 'contoso', 'globex'] as const;
export const APPS = ['etl', 'ci', 'backup', 'reporting', 'sync', 'deploy', 'metrics', 'export'] as const;

/** `[{Key, Value}]` with an owner tag, or without one for the few unowned resources. */
export const ownerTags = (owner: string | undefined, extra?: Record<string, string>): { Key: string; Value: string }[] => {
  const tags: { Key: string; Value: string }[] = owner ? [{ Key: 'owner', Value: owner }] : [];
  if (extra) for (const k in extra) tags.push({ Key: k, Value: extra[k] as string });
  return tags;
};
