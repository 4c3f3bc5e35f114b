import { z } from 'zod';
import { recordMeta, userRef, uuid } from '../common/fields.js';

/** Records a file can be attached to. */
export const ATTACHMENT_RELATED_TYPES = ['lead', 'contact', 'account', 'opportunity', 'activity'] as const;
export type AttachmentRelatedType = (typeof ATTACHMENT_RELATED_TYPES)[number];
export const attachmentRelatedType = z.enum(ATTACHMENT_RELATED_TYPES);
export const attachmentRelatedRef = z.object({ type: attachmentRelatedType, id: uuid });
export type AttachmentRelatedRef = z.infer<typeof attachmentRelatedRef>;

/** Default upload limit; the server's MAX_UPLOAD_MB overrides it. */
export const DEFAULT_MAX_UPLOAD_MB = 25;

/** The form fields of `POST /attachments` besides `file`. */
export const attachmentUploadFields = z.object({
  relatedType: attachmentRelatedType,
  relatedId: uuid,
});

export const attachment = z.object({
  ...recordMeta,
  relatedTo: z.object({ type: attachmentRelatedType, id: z.string().uuid() }),
  fileName: z.string(),
  /** what the bytes are (detected on upload), e.g. application/pdf */
  contentType: z.string(),
  /** the kind the bytes were recognised as (pdf, png, docx, svg, …) */
  kind: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** SVG, HTML: never rendered by the browser, only downloaded */
  activeContent: z.boolean(),
  previewable: z.boolean(),
  uploadedBy: userRef.nullable(),
  deletedAt: z.string().nullable(),
  downloadUrl: z.string(),
  previewUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachment>;

export const attachmentListQuery = z.object({
  relatedType: attachmentRelatedType,
  relatedId: uuid,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  deleted: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type AttachmentListQuery = z.output<typeof attachmentListQuery>;
