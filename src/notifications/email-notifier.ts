import type { Transporter } from 'nodemailer';
import type { TeamConfig } from '../config/vigil-config.js';
import { digestSubject, digestText, evidenceLine, formatDeadline, nextActionLine, resourceLine } from './digest-text.js';
import type { Notification } from './notification.js';
import { smtpTransport } from './smtp-transport.js';
import { DeliveryError, type DeliveryContext, type Notifier, type NotifierDeps } from './notifier.js';

/** Resource names, tags and evidence values are chosen by whoever can name a resource: never raw HTML. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const SEVERITY_COLOUR: Record<string, string> = { critical: '#7f1d1d', high: '#b91c1c', medium: '#b45309', low: '#1d4ed8', info: '#4b5563' };

/** The HTML part: one block per item, every value escaped. */
export const digestHtml = (n: Notification): string => {
  const h = escapeHtml;
  const items = n.items
    .map(
      (i) => `<div style="border-left:4px solid ${SEVERITY_COLOUR[i.severity] ?? '#4b5563'};padding:8px 12px;margin:12px 0">
<p style="margin:0"><strong>[${h(i.severity.toUpperCase())}] ${h(i.title)}</strong> <code>${h(i.policyId)}</code></p>
<p style="margin:4px 0">Resource: <code>${h(resourceLine(i))}</code></p>
<ul style="margin:4px 0">${i.evidence.map((e) => `<li>What is wrong: ${h(evidenceLine(e))}</li>`).join('')}</ul>
<p style="margin:4px 0">How to fix: ${h(i.guidance)}</p>
${i.deadline ? `<p style="margin:4px 0">Deadline: <strong>${h(formatDeadline(i.deadline))}</strong></p>` : ''}
<p style="margin:4px 0">Then: ${h(nextActionLine(i))}</p>
<p style="margin:4px 0;color:#4b5563">${h(i.exceptionHowTo)}</p>
</div>`,
    )
    .join('\n');
  return `<!doctype html><html><body style="font-family:sans-serif">
<h2>${h(digestSubject(n).replace(/^\[Vigil\] /, ''))}</h2>
${items}
<p style="color:#4b5563">Sent by Vigil for ${h(n.recipient)} (run ${h(n.runAt)}).</p>
</body></html>`;
};

/** The message for a digest, as SMTP sends it and the file channel writes it: text and HTML parts. */
export const digestMail = (n: Notification, from: string, to: readonly string[], ctx: DeliveryContext) => ({
  from,
  to: [...to],
  subject: digestSubject(n),
  text: digestText(n),
  html: digestHtml(n),
  // Lets a mail client or archive recognise a redelivered digest.
  messageId: `<${ctx.deliveryId.replace(/[^A-Za-z0-9.:_-]/g, '_')}@vigil>`,
  date: ctx.now,
  headers: { 'X-Vigil-Delivery': ctx.deliveryId },
});

/**
 * Email over SMTP (nodemailer): one message per digest to the team's addresses, with a text and an
 * HTML part. SMTP settings come from config `notifications.email`; the password only from the
 * environment variable it names.
 *
 * @example
 * const email = emailNotifier({ env: process.env, email: { smtpUrl: 'smtp://mail:25', from: 'vigil@example.com' }, timeoutMs: 10_000 });
 * await email.send(digest, team, { deliveryId: 'ob-1:email', now });
 */
export const emailNotifier = (deps: NotifierDeps): Notifier => {
  let transport: Transporter | undefined;
  const transporter = (): Transporter => {
    const cfg = deps.email;
    if (!cfg) throw new DeliveryError('email: notifications.email (smtpUrl, from) is not configured', { retryable: false });
    if (transport) return transport;
    const password = cfg.passwordEnv ? deps.env[cfg.passwordEnv] : undefined;
    if (cfg.passwordEnv && !password) throw new DeliveryError(`email: environment variable ${cfg.passwordEnv} (the SMTP password) is not set`, { retryable: false });
    transport = smtpTransport(cfg, password, deps.timeoutMs);
    return transport;
  };
  return {
    name: 'email',
    description: 'E-mail over SMTP (nodemailer), text and HTML parts.',
    target: (team: TeamConfig) => (team.channels.email?.length ? team.channels.email.join(', ') : undefined),
    async send(n: Notification, team: TeamConfig, ctx: DeliveryContext): Promise<void> {
      const to = team.channels.email ?? [];
      if (!to.length) return;
      try {
        await transporter().sendMail(digestMail(n, deps.email!.from, to, ctx));
      } catch (e) {
        if (e instanceof DeliveryError) throw e;
        const code = (e as { responseCode?: number }).responseCode;
        // 5xx SMTP replies are permanent (unknown mailbox, policy); 4xx and connection errors are not.
        const retryable = !(typeof code === 'number' && code >= 500);
        throw new DeliveryError(`email to ${to.length} recipient(s) failed: ${(e as Error).message}`, { retryable, cause: e });
      }
    },
  };
};
