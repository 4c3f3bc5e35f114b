import { z } from 'zod';

export const STREAM_TYPES = [
  'create',
  'update',
  'status',
  'assign',
  'note',
  'email_sent',
  'email_received',
  'create_related',
  'relate',
  'unrelate',
  'convert',
  'merge',
  'delete',
  'restore',
  /** an activity on the record was held, completed, not held or cancelled */
  'activity',
  /** a file attached to the record was downloaded or previewed (attachments: downloads are audited) */
  'download',
  /** an opportunity's approval was requested, approved or rejected; its assessment changed (seed 004) */
  'approval',
  /** a stalled deal was resolved: continue with a plan, put on hold, or closed as lost (seed 002) */
  'stall',
  /** an account (with its contacts, deals and activities) was handed to another owner (seeds 002, 004) */
  'handover',
  /** an item of the opportunity's stage checklist was ticked or unticked (decision 019) */
  'checklist',
] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

export const STREAM_ENTITY_TYPES = [
  'account',
  'contact',
  'lead',
  'opportunity',
  'activity',
  'user',
  'team',
  'form',
  'pipeline',
  'email',
  'email_template',
  'activity_plan',
] as const;
export type StreamEntityType = (typeof STREAM_ENTITY_TYPES)[number];

/** One field change in an `update` entry. */
export const fieldChange = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });
export type FieldChange = z.infer<typeof fieldChange>;

export const streamEntry = z.object({
  id: z.string(),
  type: z.string(),
  createdAt: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  data: z.record(z.string(), z.unknown()),
  /** Set on entries that belong to a linked record (a contact shows the history of the lead it came from). */
  record: z.object({ type: z.string(), id: z.string() }).optional(),
});
export type StreamEntry = z.infer<typeof streamEntry>;

export const noteInput = z.object({
  type: z.literal('note').default('note'),
  body: z.string().trim().min(1, 'is required').max(20_000),
});

export const streamQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
