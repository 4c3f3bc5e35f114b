import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../platform/config.js';
import { PermanentJobError } from '../../platform/jobs.js';

const transports = new Map<string, Transporter>();

/** The SMTP transport for SMTP_URL; without it, mail jobs fail visibly at once (never silently skipped). */
export function smtpTransport(config: Config): Transporter {
  if (!config.smtpUrl) throw new PermanentJobError('Email is not configured: set SMTP_URL (smtp://user:pass@host:port)');
  let t = transports.get(config.smtpUrl);
  if (!t) {
    t = nodemailer.createTransport(config.smtpUrl);
    transports.set(config.smtpUrl, t);
  }
  return t;
}

/** The From address: MAIL_FROM, else no-reply at the host of PUBLIC_URL. */
export function mailFrom(config: Config): string {
  if (config.mailFrom) return config.mailFrom;
  const host = new URL(config.publicUrl).hostname;
  return `Stride <no-reply@${host.includes('.') ? host : `${host}.localdomain`}>`;
}
