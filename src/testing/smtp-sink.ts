import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it: envelope sender and recipients, and the raw MIME text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real local SMTP server (smtp-server) standing in for the organisation's mail relay: it records
 * every message and refuses for good (550, as for an unknown user) the mailboxes in `refuse`.
 *
 * @example
 * const sink = await startSmtpSink({ refuse: ['gone@example.com'] });
 * // notifications.email.smtpUrl: `smtp://127.0.0.1:${sink.port}`
 * sink.mails[0]?.to; // ['audit@example.com']
 * await sink.close();
 */
export const startSmtpSink = async (opts: { refuse?: readonly string[] } = {}): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> => {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.refuse?.includes(address.address)) return cb(Object.assign(new Error('no such user'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((ok) => server.close(() => ok())) };
};
