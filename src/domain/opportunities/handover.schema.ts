import { z } from 'zod';
import { requiredText, uuid } from '../common/fields.js';

/** Seeds 002/004: an account handed to another owner or team with its contacts, open deals and planned activities. */
export const handoverInput = z
  .object({
    toOwnerId: uuid.optional(),
    /** hand to a team: its team lead becomes the owner */
    toTeamId: uuid.optional(),
    note: requiredText(5_000),
    includeOpenOpportunities: z.boolean().default(true),
    includeActivities: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (!v.toOwnerId === !v.toTeamId)
      ctx.addIssue({ code: 'custom', path: ['toOwnerId'], message: 'give exactly one of toOwnerId or toTeamId' });
  });
export type HandoverInput = z.output<typeof handoverInput>;

export const handoverResult = z.object({
  accountId: z.string(),
  from: z.object({ id: z.string(), name: z.string() }).nullable(),
  to: z.object({ id: z.string(), name: z.string() }),
  moved: z.object({ contacts: z.number().int(), opportunities: z.number().int(), activities: z.number().int() }),
  introTaskId: z.string(),
  followUpTaskId: z.string(),
});
export type HandoverResult = z.infer<typeof handoverResult>;
