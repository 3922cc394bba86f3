/**
 * The PostgreSQL grants that make the audit trail append-only for Vigil's runtime role, in addition
 * to the triggers every Vigil database has: the runtime role may read everything and write the rest
 * of the store, may INSERT audit events and checkpoints, and may not UPDATE, DELETE or TRUNCATE them
 * or move the retention anchor. Migrations and `vigil audit expire` run as the schema's owner.
 *
 * @example
 * console.log(postgresAuditGrants('vigil', 'vigil_app')); // run with psql as the schema owner
 */
export const postgresAuditGrants = (schema: string, role: string): string => {
  for (const [what, v] of [['schema', schema], ['role', role]] as const) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(v)) throw new Error(`${what} "${v}" must be a plain lower-case identifier`);
  }
  const audit = ['audit_events', 'audit_checkpoints', 'audit_anchor'].map((t) => `${schema}.${t}`).join(', ');
  return `-- Vigil: audit trail append-only for role ${role} (run as the owner of schema ${schema}).
BEGIN;
GRANT USAGE ON SCHEMA ${schema} TO ${role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role};
-- The trail: insert and read only. (audit_head stays updatable: appends move it under its row lock.)
REVOKE UPDATE, DELETE, TRUNCATE ON ${audit} FROM ${role};
REVOKE INSERT ON ${schema}.audit_anchor FROM ${role};
COMMIT;
`;
};
