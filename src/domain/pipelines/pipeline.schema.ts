import { z } from 'zod';
import { recordMeta, requiredText, uuid } from '../common/fields.js';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export const stageKind = z.enum(STAGE_KINDS);
export type StageKind = z.infer<typeof stageKind>;

/**
 * A stage as an admin edits it. Stages are nested in the pipeline body: PATCH sends the whole ordered list —
 * a stage with `id` is kept (renamed, re-weighted, moved to its new position), one without `id` is added, and a
 * stage left out is retired (refused with 409 while opportunities are still in it).
 */
export const stageInput = z.object({
  id: uuid.optional(),
  name: requiredText(100),
  probability: z.number().int().min(0).max(100),
  kind: stageKind.default('open'),
  requiresApproval: z.boolean().default(false),
  /** The deal's activity-plan items must all be done before it may leave this stage (issue 5). */
  requiresPlanDone: z.boolean().default(false),
  /** Items the owner must tick before the deal moves forward out of this stage (decision 019); ticks match by text. */
  checklist: z
    .array(requiredText(200))
    .max(30)
    .default([])
    .refine((items) => new Set(items.map((i) => i.toLowerCase())).size === items.length, 'lists an item twice'),
});
export type StageInput = z.output<typeof stageInput>;

const stageList = z
  .array(stageInput)
  .min(3, 'needs at least one open, one won and one lost stage')
  .max(30)
  .superRefine((stages, ctx) => {
    const count = (k: StageKind) => stages.filter((s) => s.kind === k).length;
    if (count('open') < 1) ctx.addIssue({ code: 'custom', message: 'needs at least one open stage' });
    if (count('won') !== 1) ctx.addIssue({ code: 'custom', message: 'needs exactly one won stage' });
    if (count('lost') !== 1) ctx.addIssue({ code: 'custom', message: 'needs exactly one lost stage' });
    const names = new Set<string>();
    for (const [i, s] of stages.entries()) {
      const key = s.name.toLowerCase();
      if (names.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${s.name}" appears twice` });
      names.add(key);
    }
    const ids = stages.flatMap((s) => (s.id ? [s.id] : []));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'a stage id appears twice' });
  });

export const pipelineCreateInput = z.object({
  name: requiredText(100),
  isDefault: z.boolean().default(false),
  stages: stageList,
});
export type PipelineCreate = z.output<typeof pipelineCreateInput>;

export const pipelineUpdateInput = z.object({
  name: requiredText(100).optional(),
  isDefault: z.literal(true).optional(),
  stages: stageList.optional(),
});
export type PipelineUpdate = z.output<typeof pipelineUpdateInput>;

export const stage = z.object({
  id: z.string().uuid(),
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int(),
  kind: stageKind,
  requiresApproval: z.boolean(),
  requiresPlanDone: z.boolean(),
  checklist: z.array(z.string()),
});
export type Stage = z.infer<typeof stage>;

export const pipeline = z.object({
  ...recordMeta,
  name: z.string(),
  isDefault: z.boolean(),
  /** Active stages in board order. */
  stages: z.array(stage),
  deletedAt: z.string().nullable(),
});
export type Pipeline = z.infer<typeof pipeline>;

/** The first open stage: where new and converted opportunities start. */
export function firstOpenStage<S extends { kind: StageKind; position: number }>(stages: S[]): S | undefined {
  return [...stages].sort((a, b) => a.position - b.position).find((s) => s.kind === 'open');
}

/** The default pipeline of seed 002 (the migration creates it; shown here for the UI's "reset" hint and tests). */
export const DEFAULT_STAGES: Array<Pick<Stage, 'name' | 'probability' | 'kind'>> = [
  { name: 'Identification', probability: 10, kind: 'open' },
  { name: 'Qualification', probability: 20, kind: 'open' },
  { name: 'Needs Analysis', probability: 30, kind: 'open' },
  { name: 'Presentation', probability: 50, kind: 'open' },
  { name: 'Quote', probability: 60, kind: 'open' },
  { name: 'Negotiation', probability: 80, kind: 'open' },
  { name: 'Closure', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];
export const DEFAULT_PIPELINE_ID = '01900000-0000-7000-8000-000000000001';
