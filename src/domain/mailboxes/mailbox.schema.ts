import { z } from 'zod';
import { recordMeta, requiredText, uuid } from '../common/fields.js';

/** How the IMAP connection is secured: TLS from the first byte (993), upgraded with STARTTLS (143), or plain. */
export const MAILBOX_TLS = ['implicit', 'starttls', 'none'] as const;
export const mailboxTls = z.enum(MAILBOX_TLS);
export type MailboxTls = z.infer<typeof mailboxTls>;

/** Plain IMAP sends the password in clear text: allowed only to a server on this machine. */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'];
export const isLocalHost = (host: string) => LOCAL_HOSTS.includes(host.trim().toLowerCase());

export const defaultImapPort = (tls: MailboxTls) => (tls === 'implicit' ? 993 : 143);

const host = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'is not a valid host name');

const mailboxFields = {
  name: requiredText(100),
  host,
  port: z.number().int().min(1).max(65535),
  tls: mailboxTls,
  username: requiredText(254),
  password: z.string().min(1, 'is required').max(1000),
  folder: requiredText(200),
  pollMinutes: z.number().int().min(1).max(1440),
  teamId: uuid.nullable(),
  /** Who new leads are created as (the Stream's actor); defaults to the admin who adds the mailbox. */
  intakeUserId: uuid,
  active: z.boolean(),
};

const noPlainToRemote = (v: { host?: string; tls?: MailboxTls }, ctx: z.RefinementCtx) => {
  if (v.tls === 'none' && v.host !== undefined && !isLocalHost(v.host)) {
    ctx.addIssue({
      code: 'custom',
      path: ['tls'],
      message: 'none (no encryption) is allowed only for localhost; use implicit or starttls',
    });
  }
};

export const mailboxCreateInput = z
  .object({
    ...mailboxFields,
    port: mailboxFields.port.optional(),
    tls: mailboxTls.default('implicit'),
    folder: mailboxFields.folder.default('INBOX'),
    pollMinutes: mailboxFields.pollMinutes.default(5),
    teamId: mailboxFields.teamId.optional(),
    intakeUserId: mailboxFields.intakeUserId.optional(),
    active: z.boolean().default(true),
  })
  .superRefine(noPlainToRemote);
export type MailboxCreate = z.output<typeof mailboxCreateInput>;

/** A PATCH; an absent password keeps the stored one. */
export const mailboxUpdateInput = z.object(mailboxFields).partial();
export type MailboxUpdate = z.output<typeof mailboxUpdateInput>;

export const mailboxStatus = z.object({
  lastSyncAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  processedCount: z.number().int(),
  uidValidity: z.number().int().nullable(),
  lastUid: z.number().int(),
  /** A sync holds the mailbox right now (on this or another app node). */
  syncing: z.boolean(),
});
export type MailboxStatus = z.infer<typeof mailboxStatus>;

/** The password is write-only: it is stored encrypted and never returned. */
export const mailbox = z.object({
  ...recordMeta,
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  tls: mailboxTls,
  username: z.string(),
  hasPassword: z.boolean(),
  folder: z.string(),
  pollMinutes: z.number().int(),
  teamId: z.string().nullable(),
  intakeUserId: z.string(),
  active: z.boolean(),
  deletedAt: z.string().nullable(),
  status: mailboxStatus,
});
export type Mailbox = z.infer<typeof mailbox>;

export const syncResult = z.object({
  ok: z.boolean(),
  /** Why the sync failed (connection, login, folder): also kept as the mailbox's lastError. */
  error: z.string().nullable(),
  fetched: z.number().int(),
  processed: z.number().int(),
  leadsCreated: z.number().int(),
  toLeads: z.number().int(),
  toContacts: z.number().int(),
  failed: z.array(z.object({ uid: z.number().int(), message: z.string() })),
  /** More messages are waiting: the next sync continues. */
  more: z.boolean(),
  status: mailboxStatus,
});
export type SyncResult = z.infer<typeof syncResult>;
