import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationConfig } from '../config/vigil-config.js';

/**
 * A nodemailer transport for the SMTP server config `notifications.email` names (`smtp://` with
 * STARTTLS when offered, `smtps://` for implicit TLS), every wait bounded by `timeoutMs`. The password
 * is passed in: callers read it from the environment variable `passwordEnv` names.
 *
 * @example const t = smtpTransport({ smtpUrl: 'smtp://mail:25', from: 'vigil@example.com' }, undefined, 30_000);
 */
export const smtpTransport = (cfg: NonNullable<NotificationConfig['email']>, password: string | undefined, timeoutMs: number): Transporter => {
  const url = new URL(cfg.smtpUrl);
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    ...(cfg.user ? { auth: { user: cfg.user, pass: password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
};
