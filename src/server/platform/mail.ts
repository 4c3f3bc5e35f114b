import nodemailer from 'nodemailer';

/**
 * The SMTP transport wrapper: one place that knows nodemailer. Sending either resolves with the server's answer or
 * rejects with a `MailSendError` that says whether trying again can help (a 4xx answer or a network failure can;
 * a 5xx answer — rejected recipient, refused login — or a missing configuration cannot without a change).
 */
export type OutgoingMail = {
  from: string;
  replyTo?: string | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  inReplyTo?: string | null;
  references?: string[];
  attachments: Array<{ fileName: string; contentType: string; path: string }>;
};

export type MailSent = { response: string; accepted: string[]; rejected: string[] };

export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export type MailTransport = { send(mail: OutgoingMail): Promise<MailSent>; close(): void };

export const SMTP_NOT_CONFIGURED = 'SMTP is not configured: set SMTP_URL (smtp://user:pass@host:port) and restart';

/** Readable reason of an SMTP failure, for the email's lastError. */
export function describeSmtpError(err: unknown): string {
  const e = err as { message?: string; code?: string; responseCode?: number; response?: string };
  const parts = [e?.message ?? String(err)];
  if (e?.response && !parts[0]?.includes(e.response)) parts.push(e.response);
  if (e?.code && !parts.join(' ').includes(e.code)) parts.push(`(${e.code})`);
  return parts.join(': ').slice(0, 1000);
}

export function createMailTransport(smtpUrl: string | undefined, opts: { timeoutMs?: number } = {}): MailTransport {
  if (!smtpUrl) {
    return {
      send: () => Promise.reject(new MailSendError(SMTP_NOT_CONFIGURED, true)),
      close() {},
    };
  }
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: mail.from,
          replyTo: mail.replyTo ?? undefined,
          to: mail.to,
          cc: mail.cc.length ? mail.cc : undefined,
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? undefined,
          messageId: mail.messageId,
          inReplyTo: mail.inReplyTo ?? undefined,
          references: mail.references?.length ? mail.references : undefined,
          attachments: mail.attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, path: a.path })),
          // Never let a message body fetch a URL or read a file on the server.
          disableUrlAccess: true,
          disableFileAccess: false,
        });
        const list = (v: unknown) =>
          Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String((x as { address?: string }).address))) : [];
        return { response: String(info.response ?? ''), accepted: list(info.accepted), rejected: list(info.rejected) };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        throw new MailSendError(describeSmtpError(err), typeof code === 'number' && code >= 500 && code < 600);
      }
    },
    close() {
      transport.close();
    },
  };
}
