import fs from 'node:fs';
import path from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

/** An attachment bigger than this is listed in the Stream but not kept on disk. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const MAX_TEXT_CHARS = 100_000;
const MAX_HTML_CHARS = 300_000;

export type MailAttachment = { fileName: string; size: number; contentType: string; path: string | null; skipped?: 'too_large' };

export type ParsedMail = {
  from: { name: string | null; address: string | null };
  to: string[];
  cc: string[];
  subject: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  /** Message-IDs of the References header (threading of replies to emails sent from Stride) */
  references?: string[];
  date: string | null;
  text: string | null;
  html: string | null;
  attachments: MailAttachment[];
};

// PostgreSQL text and jsonb cannot hold NUL characters.
const clean = (s: string | null | undefined) => (s ? s.split('\u0000').join('') : s);

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((a) => a.value)
    .flatMap((v) => (v.group ? v.group : [v]))
    .map((v) => v.address?.toLowerCase())
    .filter((a): a is string => Boolean(a));

/**
 * HTML from outside is hostile: only formatting survives (no script, style, iframe, form, event handlers or
 * javascript: links); links open in a new tab without a referrer. Remote images are dropped (tracking pixels).
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html.slice(0, MAX_HTML_CHARS), {
    allowedTags: sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'img'),
    allowedAttributes: { a: ['href', 'title', 'target', 'rel'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
  });
}

/** A name that is safe as one path segment: no directories, no leading dots, no control characters. */
export function safeFileName(name: string | undefined | null): string {
  const base = path.basename(String(name ?? '').replace(/\\/g, '/'));
  const cleaned = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ ()+-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(-120);
  return cleaned || 'attachment';
}

/**
 * Parses a raw message and keeps its attachments under DATA_DIR/mail-attachments/<mailboxId>/. The file names
 * are derived from (uidValidity, uid, index), so re-processing a message after a crash overwrites its own files.
 */
export async function parseMail(
  source: Buffer,
  opts: { dataDir: string; mailboxId: string; uidValidity: number; uid: number },
): Promise<ParsedMail> {
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const sender = mail.from?.value[0];
  const dir = path.join(opts.dataDir, 'mail-attachments', opts.mailboxId);
  const attachments: MailAttachment[] = [];
  for (const [i, a] of mail.attachments.entries()) {
    const fileName = safeFileName(a.filename ?? `attachment-${i + 1}`);
    const size = a.size ?? a.content.length;
    const item: MailAttachment = { fileName, size, contentType: a.contentType || 'application/octet-stream', path: null };
    if (size > MAX_ATTACHMENT_BYTES) {
      item.skipped = 'too_large';
    } else {
      const rel = path.join('mail-attachments', opts.mailboxId, `${opts.uidValidity}-${opts.uid}-${i + 1}-${fileName}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(opts.dataDir, rel), a.content);
      item.path = rel.split(path.sep).join('/');
    }
    attachments.push(item);
  }
  const html = typeof mail.html === 'string' ? sanitizeMailHtml(clean(mail.html) as string) : null;
  return {
    from: { name: clean(sender?.name)?.trim() || null, address: sender?.address?.toLowerCase() || null },
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: clean(mail.subject)?.trim().slice(0, 1000) || null,
    messageId: mail.messageId?.trim().slice(0, 500) || null,
    inReplyTo: mail.inReplyTo?.trim().slice(0, 500) || null,
    references: (Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []).slice(-50),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    text: mail.text ? (clean(mail.text) as string).slice(0, MAX_TEXT_CHARS) : null,
    html,
    attachments,
  };
}
