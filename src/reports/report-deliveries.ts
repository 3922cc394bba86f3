import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Transporter } from 'nodemailer';
import type { NotificationConfig } from '../config/vigil-config.js';
import { smtpTransport } from '../notifications/smtp-transport.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { hookUrl, postJson } from '../notifications/notifier.js';
import { reportSlackPayload, reportTeamsPayload } from './report-chat-message.js';
import type { ReportDeliveries, ReportFile } from './report-scheduler.js';

const MIME: Record<string, string> = { pdf: 'application/pdf', html: 'text/html', csv: 'text/csv', json: 'application/json' };

/** The e-mail's text: what is attached, its SHA-256, and how to check it against the audit trail. */
export const reportMailText = (file: ReportFile): string =>
  [
    `Attached: ${file.fileName}, the ${file.plan.kind} report for ${file.plan.frameworkId} (plan "${file.plan.name}").`,
    '',
    `SHA-256 of the attached file: ${file.produced.sha256}`,
    '',
    `Vigil recorded this delivery in its audit trail (event report.delivered, subject report-plan:${file.plan.name}) with the same digest.`,
    'To check the file you received: compute its SHA-256 (sha256sum, or: openssl dgst -sha256 FILE) and find that digest in an',
    'audit export that verifies with the organisation\'s public key (docs/audit.md, "Offline verification by an auditor").',
  ].join('\n');

/**
 * Where scheduled reports go: a directory (written to a temporary name, then renamed, so a reader
 * never sees half a file; mode 0640) and e-mail with the file attached, over the SMTP server of the
 * management app's e-mail channel (`notifications.email`; the password only from the variable it names).
 *
 * @example
 * const deliveries = reportDeliveries({ email: config.notifications?.email, env: process.env, cwd: process.cwd(), timeoutMs: 30_000 });
 * await deliveries.toDir('/srv/reports', file); // '/srv/reports/weekly-dora-20261207T060000Z.pdf'
 */
export const reportDeliveries = (deps: {
  email?: NotificationConfig['email'] | undefined;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  timeoutMs: number;
  /** The S3 client (tests: one on moto); default the SDK's, region and credentials from the environment. */
  s3?: () => Promise<S3Client>;
}): ReportDeliveries => {
  let transport: Transporter | undefined;
  let s3: Promise<S3Client> | undefined;
  const s3Client = (): Promise<S3Client> =>
    (s3 ??= deps.s3 ? deps.s3() : import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client({ region: deps.env['AWS_REGION'] ?? deps.env['AWS_DEFAULT_REGION'] ?? 'us-east-1' })));
  const transporter = (): Transporter => {
    const cfg = deps.email;
    if (!cfg) throw new Error('notifications.email (smtpUrl, from) is not configured');
    if (transport) return transport;
    const password = cfg.passwordEnv ? deps.env[cfg.passwordEnv] : undefined;
    if (cfg.passwordEnv && !password) throw new Error(`environment variable ${cfg.passwordEnv} (the SMTP password) is not set`);
    transport = smtpTransport(cfg, password, deps.timeoutMs);
    return transport;
  };
  return {
    async toDir(dir, file) {
      const target = resolve(deps.cwd, dir);
      await mkdir(target, { recursive: true });
      const path = join(target, file.fileName);
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, file.produced.bytes, { mode: 0o640 });
      await chmod(tmp, 0o640);
      await rename(tmp, path);
      return path;
    },
    async toS3(target, file) {
      const { PutObjectCommand } = await import('@aws-sdk/client-s3');
      const key = `${target.prefix}${file.fileName}`;
      await (await s3Client()).send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: key,
          Body: file.produced.bytes,
          ContentType: MIME[file.plan.format] ?? 'application/octet-stream',
          ServerSideEncryption: target.kmsKeyId ? 'aws:kms' : 'AES256',
          ...(target.kmsKeyId ? { SSEKMSKeyId: target.kmsKeyId } : {}),
          // The digest the trail records, on the object too: an auditor compares the two.
          Metadata: { 'vigil-sha256': file.produced.sha256 },
        }),
      );
      return `s3://${target.bucket}/${key}`;
    },
    async toChat(target, file, locations) {
      const payload = target.kind === 'slack' ? reportSlackPayload(file, locations) : reportTeamsPayload(file, locations);
      await postJson(hookUrl(target.kind, target.hook, deps.env), JSON.stringify(payload), {}, deps.timeoutMs);
    },
    async toEmail(to, file) {
      await transporter().sendMail({
        from: deps.email!.from,
        to: [...to],
        subject: `[Vigil] ${file.produced.report.framework.title}: ${file.plan.kind} report (${file.plan.name})`,
        text: reportMailText(file),
        attachments: [{ filename: file.fileName, content: file.produced.bytes, contentType: MIME[file.plan.format] ?? 'application/octet-stream' }],
        headers: { 'X-Vigil-Report-SHA256': file.produced.sha256 },
      });
    },
  };
};
