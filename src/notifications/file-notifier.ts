import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { TeamConfig } from '../config/vigil-config.js';
import { digestText } from './digest-text.js';
import { digestMail } from './email-notifier.js';
import type { Notification } from './notification.js';
import { DeliveryError, type DeliveryContext, type Notifier, type NotifierDeps } from './notifier.js';

/** A file name part from text config chose: letters, digits, dot, dash, underscore only, never `.` or `..`. */
const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\./, '_').slice(0, 80) || '_';

/** Where a team's digests go: its own `dir`, else the outbox directory (under the data directory). */
export const fileDir = (team: TeamConfig, deps: Pick<NotifierDeps, 'fileOutboxDir' | 'cwd'>): string | undefined => {
  const file = team.channels.file;
  if (!file) return undefined;
  return resolve(deps.cwd ?? process.cwd(), file.dir ?? deps.fileOutboxDir ?? join('.vigil', 'outbox'));
};

/**
 * Writes each digest as files a person can open — `<dir>/<team>/<run>-<delivery>.eml` (the e-mail
 * SMTP would send, text and HTML parts; a mail client opens it) and `.txt` beside it (its text part) —
 * with no mail server, webhook or network at all: the channel the demo estate's teams use, and a
 * drop folder another system can pick up. A redelivery writes the same names again (no second copy);
 * each file appears whole (written aside, then renamed).
 *
 * @example
 * // config: teams: { payments: { channels: { file: {} } } }  →  .vigil/outbox/payments/20261203T090000Z-17_file.eml
 * await fileNotifier({ env: {}, timeoutMs: 30_000, fileOutboxDir: '.vigil/outbox' }).send(digest, team, { deliveryId: '17:file', now });
 */
export const fileNotifier = (deps: NotifierDeps): Notifier => {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'file',
    description: 'Digest files (.eml and .txt) in a directory: no mail server or network needed.',
    target: (team: TeamConfig) => fileDir(team, deps),
    async send(n: Notification, team: TeamConfig, ctx: DeliveryContext): Promise<void> {
      const dir = fileDir(team, deps);
      if (!dir) return;
      const folder = join(dir, safe(n.recipient));
      const base = `${ctx.now.toISOString().replace(/[-:]|\.\d{3}/g, '')}-${safe(ctx.deliveryId)}`;
      try {
        const members = (team.members ?? []).flatMap((m) => (m.email ? [m.email] : []));
        const to = team.channels.email?.length ? team.channels.email : members.length ? members : [`${safe(n.recipient)}@localhost`];
        const info = await composer.sendMail(digestMail(n, deps.email?.from ?? 'Vigil <vigil@localhost>', to, ctx));
        await mkdir(folder, { recursive: true });
        for (const [ext, body] of [['eml', info.message as Buffer], ['txt', digestText(n)]] as const) {
          const path = join(folder, `${base}.${ext}`);
          await writeFile(`${path}.tmp`, body, { mode: 0o640 });
          await rename(`${path}.tmp`, path);
        }
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // A full disk may clear; a path that is not a directory, or not writable, will not.
        const retryable = !(code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EROFS');
        throw new DeliveryError(`file: cannot write the digest under ${folder}: ${code ?? (e as Error).message}`, { retryable, cause: e });
      }
    },
  };
};
