import { z } from 'zod';
import { RELATED_TYPES, relatedRef } from '../activities/activity.schema.js';
import { recordMeta, userRef, uuid } from '../common/fields.js';

export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export const EMAIL_FORMATS = ['text', 'html'] as const;
export type EmailFormat = (typeof EMAIL_FORMATS)[number];

/** One attachment may be at most this big (the upload refuses more). */
export const EMAIL_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** All attachments of one email together. */
export const EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES = 25 * 1024 * 1024;
export const EMAIL_MAX_RECIPIENTS = 50;

const addressFormat = z.string().email();

/**
 * Recipients as the API takes them (DESIGN §5): one string ("a@firma.cz" or "a@firma.cz, b@firma.cz") or an
 * array of strings; "Name <a@firma.cz>" is accepted and kept as the bare address. Lower-cased, de-duplicated.
 */
export const recipients = z
  .union([z.string().max(5000), z.array(z.string().max(320)).max(EMAIL_MAX_RECIPIENTS)])
  .transform((value, ctx) => {
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/[,;\n]/));
    const out: string[] = [];
    for (const raw of parts) {
      const trimmed = raw.trim();
      if (!trimmed) continue;
      const bare = (/<([^<>]+)>\s*$/.exec(trimmed)?.[1] ?? trimmed).trim().toLowerCase();
      if (!addressFormat.safeParse(bare).success) {
        ctx.addIssue({ code: 'custom', message: `"${trimmed.slice(0, 80)}" is not a valid email address` });
        return z.NEVER;
      }
      if (!out.includes(bare)) out.push(bare);
    }
    if (out.length > EMAIL_MAX_RECIPIENTS) {
      ctx.addIssue({ code: 'custom', message: `at most ${EMAIL_MAX_RECIPIENTS} addresses` });
      return z.NEVER;
    }
    return out;
  });

export const emailCreateInput = z
  .object({
    to: recipients,
    cc: recipients.optional(),
    /** Omit subject and body together with templateId to send the template as rendered for relatedTo. */
    subject: z.string().trim().max(998).optional(),
    body: z.string().max(200_000).optional(),
    format: z.enum(EMAIL_FORMATS).optional(),
    relatedTo: relatedRef,
    templateId: uuid.optional(),
    attachmentIds: z.array(uuid).max(20).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.to.length === 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'needs at least one address' });
    if (!v.templateId) {
      if (!v.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'is required' });
      if (!v.body?.trim()) ctx.addIssue({ code: 'custom', path: ['body'], message: 'is required' });
    }
  });
export type EmailCreate = z.output<typeof emailCreateInput>;

export const emailAttachment = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type EmailAttachment = z.infer<typeof emailAttachment>;

export const email = z.object({
  ...recordMeta,
  relatedTo: z.object({ type: z.enum(RELATED_TYPES), id: z.string(), name: z.string().nullable() }),
  ownerId: z.string(),
  owner: userRef.nullable(),
  from: z.string(),
  replyTo: z.string().nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  format: z.enum(EMAIL_FORMATS),
  body: z.string(),
  templateId: z.string().nullable(),
  messageId: z.string(),
  status: z.enum(EMAIL_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  activityId: z.string().nullable(),
  attachments: z.array(emailAttachment),
});
export type Email = z.infer<typeof email>;

export const emailListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
    relatedType: z.enum(RELATED_TYPES).optional(),
    relatedId: uuid.optional(),
    status: z.enum(EMAIL_STATUSES).optional(),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.relatedType) !== Boolean(v.relatedId))
      ctx.addIssue({
        code: 'custom',
        path: [v.relatedType ? 'relatedId' : 'relatedType'],
        message: 'relatedType and relatedId go together',
      });
  });
export type EmailListQuery = z.output<typeof emailListQuery>;

export const relatedQuery = z.object({ relatedType: z.enum(RELATED_TYPES), relatedId: uuid });

/** One message of a record's thread: sent by us (from the outbox) or received by the sales mailbox. */
export const threadMessage = z.object({
  direction: z.enum(['out', 'in']),
  /** the email's id (out) or the Stream entry's id (in) */
  id: z.string(),
  /** when it was sent or taken in: the thread's order */
  at: z.string(),
  /** the message's own Date header (incoming) or the sending time */
  date: z.string().nullable(),
  from: z.string().nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string().nullable(),
  text: z.string().nullable(),
  /** sanitised HTML (incoming mail, or an html email we sent) */
  html: z.string().nullable(),
  messageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  status: z.enum(EMAIL_STATUSES).nullable(),
  /** outbox messages not sent yet: why the last attempt failed */
  lastError: z.string().nullable(),
  attachments: z.array(z.object({ id: z.string().optional(), fileName: z.string(), size: z.number(), contentType: z.string() })),
});
export type ThreadMessage = z.infer<typeof threadMessage>;

/** A suggested recipient from the record (its email, its contacts' emails). */
export const recipientSuggestion = z.object({ name: z.string().nullable(), email: z.string(), source: z.string() });
export type RecipientSuggestion = z.infer<typeof recipientSuggestion>;

export const signatureInput = z.object({ signature: z.string().max(5000).nullable() });
