import { z } from 'zod';
import { uuid } from '../common/fields.js';
import { isoDate } from '../money/exchange-rate.schema.js';

export const WIN_LOSS_GROUPS = ['reason', 'stage', 'owner', 'source', 'month'] as const;

export const winLossQuery = z
  .object({
    /** closed on or after (default: a year ago) */
    from: isoDate.optional(),
    /** closed on or before (default: today) */
    to: isoDate.optional(),
    pipelineId: uuid.optional(),
    ownerId: uuid.optional(),
    groupBy: z.enum(WIN_LOSS_GROUPS).default('reason'),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
  });
export type WinLossQuery = z.output<typeof winLossQuery>;

const bucket = z.object({
  /** the group's key: a lost reason ("won" for won deals when grouped by reason), stage id, owner id, source, or YYYY-MM */
  key: z.string().nullable(),
  label: z.string(),
  won: z.number().int(),
  lost: z.number().int(),
  /** base currency, decimal strings (closed deals valued at the rate of their close day) */
  wonAmount: z.string(),
  lostAmount: z.string(),
  /** won / (won + lost), 0–1 with 4 decimals; null when nothing closed */
  winRate: z.number().nullable(),
  /** average days from creation to close */
  avgCycleDays: z.number().nullable(),
});
export type WinLossBucket = z.infer<typeof bucket>;

export const winLossReport = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(WIN_LOSS_GROUPS),
  baseCurrency: z.string(),
  totals: bucket,
  groups: z.array(bucket),
  /** currencies of closed deals without a rate on their close day: counted, not summed */
  missingRates: z.array(z.string()),
});
export type WinLossReport = z.infer<typeof winLossReport>;
