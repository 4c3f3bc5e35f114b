import { type RawBuilder, sql } from 'kysely';
import {
  DEFAULT_STALL_RULES,
  type StallReason,
  type StallRule,
  type StallRules,
  stallRules,
} from '../../../domain/opportunities/stalled.schema.js';
import type { Conn } from '../../platform/db.js';
import { readSetting, writeSetting } from '../settings/settings.repo.js';

export const STALL_RULES_KEY = 'opportunities.stalled';

/** What "stalled" is measured against: the rules in force and the moment (the application clock). */
export type StallContext = { rules: StallRules; at: Date };

export async function loadStallRules(conn: Conn): Promise<StallRules> {
  const parsed = stallRules.safeParse(await readSetting(conn, STALL_RULES_KEY));
  return parsed.success ? parsed.data : DEFAULT_STALL_RULES;
}

export async function saveStallRules(conn: Conn, rules: StallRules, userId: string): Promise<void> {
  await writeSetting(conn, STALL_RULES_KEY, rules, userId);
}

/** A rule's value for the row's pipeline: the pipeline's override or the default (CASE over the few overrides). */
export function ruleSql(rules: StallRules, field: keyof StallRule): RawBuilder<number | null> {
  const value = (r: StallRule) => (r[field] === null ? sql`NULL::int` : sql`${r[field]}::int`);
  const overrides = Object.entries(rules.pipelines);
  if (overrides.length === 0) return sql<number | null>`${value(rules.default)}`;
  return sql<number | null>`(CASE o.pipeline_id ${sql.join(
    overrides.map(([id, r]) => sql`WHEN ${id}::uuid THEN ${value(r)}`),
    sql` `,
  )} ELSE ${value(rules.default)} END)`;
}

/**
 * The last thing that happened on a deal (alias `o`): its latest Stream entry (notes, emails, stage moves, edits,
 * new related activities — downloads do not count), a held/completed activity on it, or a "continue" decision.
 * Each part is an index probe per deal, so it is evaluated for a page of cards, never for a whole pipeline's totals.
 */
export const lastActivitySql = sql<Date>`greatest(
  (SELECT max(se.created_at) FROM stream_entries se
    WHERE se.entity_type = 'opportunity' AND se.entity_id = o.id AND se.type <> 'download'),
  (SELECT max(coalesce(ac.completed_at, ac.at)) FROM activities ac
    WHERE ac.related_type = 'opportunity' AND ac.related_id = o.id AND ac.deleted_at IS NULL
      AND ac.status IN ('held', 'completed')),
  o.stall_reset_at, o.created_at)`;

/**
 * Why an open deal is stalled now ('no_activity' | 'too_long_in_stage'), or null. Closed, deleted and on-hold deals
 * are never stalled. The time-in-stage rule counts from the stage entry or the last "continue" decision.
 */
export function stalledReasonSql(ctx: StallContext): RawBuilder<StallReason | null> {
  const noActivity = ruleSql(ctx.rules, 'noActivityDays');
  const maxInStage = ruleSql(ctx.rules, 'maxDaysInStage');
  const at = sql`${ctx.at.toISOString()}::timestamptz`;
  return sql<StallReason | null>`(CASE
    WHEN o.status <> 'open' OR o.on_hold OR o.deleted_at IS NOT NULL THEN NULL
    WHEN ${maxInStage} IS NOT NULL
      AND greatest(o.stage_entered_at, o.stall_reset_at) < ${at} - make_interval(days => ${maxInStage}) THEN 'too_long_in_stage'
    WHEN ${noActivity} IS NOT NULL AND ${lastActivitySql} < ${at} - make_interval(days => ${noActivity}) THEN 'no_activity'
    ELSE NULL END)`;
}
