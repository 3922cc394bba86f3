import { createHmac } from 'node:crypto';
import { EMAIL, IAM_USER_ARN, PERSON_KEYS } from '../audit/personal-data-seal.js';
import type { Violation } from '../violations/violation.js';
import type { AuditorReport } from './auditor-report.js';

/**
 * Replaces people in what leaves the security team with keyed pseudonyms: the same person always
 * gets the same pseudonym under one key (so counts and groupings still read), and without the key
 * the pseudonym cannot be turned back into the name. People are owner names and e-mail addresses,
 * IAM user names (in `arn:aws:iam::<account>:user/<path/name>` ARNs, wherever they sit in a text),
 * values under person keys (`owner`, `approver`, `recipients`, `UserName`…) and `user:<id>` actors.
 *
 * @example
 * const p = new Pseudonymiser(secret);
 * p.person('alice@example.com'); // 'person-3f9c0e1a2b4d5e6f'
 * p.value({ resourceArn: 'arn:aws:iam::123456789012:user/ops/alice' }); // { resourceArn: 'arn:aws:iam::123456789012:user/ops/person-…' }
 */
export class Pseudonymiser {
  constructor(private readonly key: string | Buffer) {
    if (key.length < 16) throw new Error('the pseudonymisation key must be at least 16 bytes');
  }

  person(value: string): string {
    return `person-${createHmac('sha256', this.key).update(value.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
  }

  /** An IAM user's ARN keeps its account and path shape; the user name becomes a pseudonym. */
  arn(arn: string): string {
    return this.text(arn);
  }

  actor(actor: string): string {
    return actor.startsWith('user:') ? `user:${this.person(actor.slice(5))}` : actor;
  }

  /** IAM user names in ARNs and e-mail addresses inside a free text (a policy document, a message). */
  text(s: string): string {
    return s.replace(IAM_USER_ARN, (_m, prefix: string, name: string) => `${prefix}${this.person(name)}`).replace(EMAIL, (m) => this.person(m));
  }

  /** Any JSON value (audit event data, evidence): texts as `text`, values under person keys as `person`. */
  value(v: unknown, key?: string): unknown {
    if (typeof v === 'string') {
      if (key === undefined || !PERSON_KEYS.has(key)) return this.text(v);
      return v.startsWith('user:') ? this.actor(v) : this.person(v);
    }
    if (Array.isArray(v)) return v.map((x) => this.value(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x, k)]));
    return v;
  }

  violation(v: Violation): Violation {
    return { ...v, resourceArn: this.arn(v.resourceArn), owner: v.owner === null ? null : this.person(v.owner), evidence: v.evidence.map((e) => ({ ...e, actual: this.value(e.actual) })) };
  }

  report(r: AuditorReport): AuditorReport {
    return {
      ...r,
      failing: r.failing.map((c) => ({
        ...c,
        resources: c.resources.map((x) => ({ ...x, arn: this.arn(x.arn), owner: x.owner === null ? null : this.person(x.owner), evidence: x.evidence.map((e) => ({ ...e, actual: this.value(e.actual) })) })),
      })),
      exceptions: r.exceptions.map((x) => ({ ...x, approver: x.approver === null ? null : this.person(x.approver), justification: x.justification === null ? null : this.text(x.justification), selector: this.value(x.selector) })),
      // Event data stays (what was done to what), its people and IAM user ARNs pseudonymised: a
      // `violation.opened` event's resourceArn names the IAM user it is about.
      activity: r.activity.map((a) => ({ ...a, actor: this.actor(a.actor), subjectId: this.text(a.subjectId), data: this.value(a.data) as Record<string, unknown> })),
    };
  }
}
