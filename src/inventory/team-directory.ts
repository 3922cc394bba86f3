import type { TeamConfig, VigilConfig } from '../config/vigil-config.js';

/**
 * The configured teams, read-only: who is in which team and who may approve disruptive enforcement
 * (a member flagged `security: true`, or any member of `owners.securityTeam`).
 *
 * @example
 * const teams = new TeamDirectory(config);
 * teams.isSecurityApprover('alice@example.com'); // true when Alice is in the security team
 */
export class TeamDirectory {
  constructor(private readonly config: Pick<VigilConfig, 'teams' | 'owners'>) {}

  /** The team's settings, or undefined when the owner name has no `teams` entry. */
  team(name: string): TeamConfig | undefined {
    return this.config.teams?.[name];
  }

  names(): string[] {
    return Object.keys(this.config.teams ?? {}).sort();
  }

  /** Whether `person` (a member's name or e-mail, case-insensitive for e-mail) may approve. */
  isSecurityApprover(person: string): boolean {
    const who = person.trim().toLowerCase();
    if (!who) return false;
    const securityTeam = this.config.owners.securityTeam;
    return Object.entries(this.config.teams ?? {}).some(([name, team]) =>
      (team.members ?? []).some((m) => (m.security === true || name === securityTeam) && (m.name.toLowerCase() === who || m.email?.toLowerCase() === who)),
    );
  }
}
