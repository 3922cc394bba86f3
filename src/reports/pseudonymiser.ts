import { createHmac } from 'node:crypto';
import type { Violation } from '../violations/violation.js';
import type { AuditorReport } from './auditor-report.js';

/**
 * Replaces people in what leaves the security team with keyed pseudonyms: the same person always
 * gets the same pseudonym under one key (so counts and groupings still read), and without the key
 * the pseudonym cannot be turned back into the name. People are owner names and e-mail addresses,
 * IAM user names (in `arn:aws:iam::<account>:user/<path/name>` ARNs) and `user:<id>` actors.
 *
 * @example
 * const p = new Pseudonymiser(secret);
 * p.person('alice@example.com'); // 'person-3f9c0e1a2b4d5e6f'
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
    return arn.replace(/^(arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?)([^/]+)$/, (_m, prefix: string, name: string) => `${prefix}${this.person(name)}`);
  }

  actor(actor: string): string {
    return actor.startsWith('user:') ? `user:${this.person(actor.slice(5))}` : actor;
  }

  violation(v: Violation): Violation {
    return { ...v, resourceArn: this.arn(v.resourceArn), owner: v.owner === null ? null : this.person(v.owner), evidence: v.evidence.map((e) => ({ ...e, actual: this.text(e.actual) })) };
  }

  report(r: AuditorReport): AuditorReport {
    return {
      ...r,
      failing: r.failing.map((c) => ({
        ...c,
        resources: c.resources.map((x) => ({ ...x, arn: this.arn(x.arn), owner: x.owner === null ? null : this.person(x.owner), evidence: x.evidence.map((e) => ({ ...e, actual: this.text(e.actual) })) })),
      })),
      exceptions: r.exceptions.map((x) => ({ ...x, approver: x.approver === null ? null : this.person(x.approver) })),
      activity: r.activity.map((a) => ({ ...a, actor: this.actor(a.actor), subjectId: this.arn(a.subjectId), data: {} })),
    };
  }

  /** E-mail addresses inside evidence values (a bucket policy principal, a tag) are replaced too. */
  private text(v: unknown): unknown {
    if (typeof v !== 'string') return v;
    return this.arn(v).replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, (m) => this.person(m));
  }
}
