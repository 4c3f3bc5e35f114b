import { z } from 'zod';
import { optionalText, requiredText, uuid } from '../common/fields.js';
import { lostReason } from './opportunity.schema.js';

/** One set of stall rules; null switches a rule off. */
export const stallRule = z.object({
  /** stalled when nothing happened on the deal (Stream entry, held/completed activity) for this many days */
  noActivityDays: z.number().int().min(1).max(3650).nullable(),
  /** stalled when the deal has been in its current stage longer than this many days */
  maxDaysInStage: z.number().int().min(1).max(3650).nullable(),
  /** the team lead is told when the owner has not resolved the stall this many days after being notified */
  escalateAfterDays: z.number().int().min(1).max(365).nullable(),
});
export type StallRule = z.infer<typeof stallRule>;

/** Installation-wide rules with per-pipeline overrides (settings key `opportunities.stalled`). */
export const stallRules = z.object({
  default: stallRule,
  pipelines: z.record(uuid, stallRule).default({}),
});
export type StallRules = z.infer<typeof stallRules>;

export const DEFAULT_STALL_RULES: StallRules = {
  default: { noActivityDays: 14, maxDaysInStage: 30, escalateAfterDays: 7 },
  pipelines: {},
};

export function ruleFor(rules: StallRules, pipelineId: string): StallRule {
  return rules.pipelines[pipelineId] ?? rules.default;
}

export const STALL_REASONS = ['no_activity', 'too_long_in_stage'] as const;
export const stallReason = z.enum(STALL_REASONS);
export type StallReason = z.infer<typeof stallReason>;

/** Seed 002 "Stagnant opportunity": decide — continue with a new plan, move to On Hold, or close as lost; document why. */
export const stallResolutionInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('continue'),
    /** the new plan: becomes a task for the owner */
    plan: requiredText(2_000),
    /** when the plan's task is due (ISO date-time; default: in 3 days) */
    dueAt: z.string().datetime({ offset: true }).optional(),
  }),
  z.object({ action: z.literal('on_hold'), reason: requiredText(2_000) }),
  z.object({ action: z.literal('close_lost'), reason: lostReason, note: optionalText(5_000) }),
]);
export type StallResolutionInput = z.infer<typeof stallResolutionInput>;
