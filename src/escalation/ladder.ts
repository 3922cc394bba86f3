import type { Severity } from '../common/severity.js';
import type { RiskClass } from '../policies/policy.js';
import { parseDuration } from './duration.js';

/** What happens when a ladder's reminders run out. */
export type LadderEnd =
  | { kind: 'enforce'; action: string; risk: RiskClass; needsApproval: boolean }
  | { kind: 'escalate'; team: string }
  | { kind: 'none' };

/**
 * A violation's reminder ladder: `times` reminders `everyMs` apart, then `end`.
 * Reminder k+1 goes out `everyMs` after reminder k; the end step `everyMs` after the last reminder.
 *
 * @example
 * const ladder: Ladder = { times: 3, everyMs: 2 * DAY_MS, end: { kind: 'enforce', action: 's3.block-public-access', risk: 'safe', needsApproval: false } };
 */
export interface Ladder {
  times: number;
  everyMs: number;
  end: LadderEnd;
}

/** A ladder as policies and config write it (`remind: { times: 3, every: 2d }`, `enforce:`/`escalate:`). */
export interface LadderSpec {
  remind?: { times: number; every: string };
  enforce?: string;
  escalate?: string;
}

/** Config: default reminders per severity, and per-control / per-OU overrides of the policy's own ladder. */
export interface LadderSettings {
  defaults: Readonly<Record<Severity, { times: number; every: string }>>;
  controls?: Readonly<Record<string, LadderSpec>>;
  /** OU path → overrides for every control in that OU (`remind` etc.) and per control (`controls`). */
  ous?: Readonly<Record<string, LadderSpec & { controls?: Readonly<Record<string, LadderSpec>> }>>;
}

/** What the ladder needs of a policy. */
export interface LadderPolicy {
  id: string;
  severity: Severity;
  remediation: LadderSpec & { risk?: RiskClass; approval?: boolean; params?: Record<string, unknown> };
}

/** Risk classes whose enforcement waits for a security approval (the catalogue's risk classes). */
export const needsApproval = (risk: RiskClass | undefined, approval: boolean | undefined): boolean =>
  approval === true || risk === 'disruptive' || risk === 'irreversible';

const normaliseOu = (ou: string): string => ou.trim().replace(/^\/+|\/+$/g, '');

/**
 * The ladder of one policy in one OU: the severity default, then the policy's own `remediation`, then
 * config per control, then config per OU (longest matching OU path; its per-control entry last).
 * Later layers replace `remind` whole and the end (`enforce`/`escalate`) whole.
 *
 * @example
 * ladderFor({ id: 's3-public', severity: 'high', remediation: { remind: { times: 3, every: '2d' }, enforce: 's3.block-public-access' } }, settings, 'root/prod');
 */
export const ladderFor = (policy: LadderPolicy, settings: LadderSettings, ou?: string | null): Ladder => {
  const layers: LadderSpec[] = [{ remind: settings.defaults[policy.severity] }, policy.remediation];
  const control = settings.controls?.[policy.id];
  if (control) layers.push(control);
  if (ou && settings.ous) {
    const path = normaliseOu(ou);
    const match = Object.keys(settings.ous)
      .filter((k) => path === normaliseOu(k) || path.startsWith(`${normaliseOu(k)}/`))
      .sort((a, b) => normaliseOu(a).length - normaliseOu(b).length);
    for (const k of match) {
      const { controls, ...rest } = settings.ous[k]!;
      layers.push(rest);
      if (controls?.[policy.id]) layers.push(controls[policy.id]!);
    }
  }
  let remind = settings.defaults[policy.severity];
  let end: LadderEnd = { kind: 'none' };
  for (const l of layers) {
    if (l.remind) remind = l.remind;
    if (l.enforce) {
      const risk = policy.remediation.risk ?? 'safe';
      end = { kind: 'enforce', action: l.enforce, risk, needsApproval: needsApproval(risk, policy.remediation.approval) };
    } else if (l.escalate) end = { kind: 'escalate', team: l.escalate };
  }
  // A manual action is a person's job: Vigil never publishes it, the ladder ends in `due`.
  if (end.kind === 'enforce' && end.risk === 'manual') end = { kind: 'none' };
  return { times: remind.times, everyMs: parseDuration(remind.every, `${policy.id}: remind.every`), end };
};
