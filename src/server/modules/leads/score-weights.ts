import { sql } from 'kysely';
import { z } from 'zod';
import { DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from '../../../domain/leads/lead.score.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import type { Conn, Db } from '../../platform/db.js';
import { readSetting, writeSetting } from '../settings/settings.repo.js';

const KEY = 'lead.scoreWeights';
const weight = z.number().min(0).max(10);
export const scoreWeightsSchema = z.object({ companySize: weight, industryFit: weight, engagement: weight, icpFit: weight });

export async function getScoreWeights(conn: Conn): Promise<ScoreWeights> {
  const stored = scoreWeightsSchema.safeParse(await readSetting(conn, KEY));
  return stored.success ? stored.data : DEFAULT_SCORE_WEIGHTS;
}

/** Admins set the weights; every stored score is recomputed in the same transaction, so sorting stays true. */
export async function setScoreWeights(db: Db, actor: Actor, weights: ScoreWeights): Promise<ScoreWeights> {
  assertAdmin(actor);
  await db.transaction().execute(async (tx) => {
    await writeSetting(tx, KEY, weights, actor.id);
    await recomputeScores(tx, weights);
  });
  return weights;
}

/** The SQL twin of `explainScore` (domain/leads/lead.score.ts): weighted average of (points − 1) × 25. */
async function recomputeScores(conn: Conn, w: ScoreWeights) {
  const term = (col: string, weight: number) => sql`coalesce((${sql.ref(col)} - 1) * 25.0 * ${weight}, 0)`;
  const has = (col: string, weight: number) => sql`(CASE WHEN ${sql.ref(col)} IS NOT NULL THEN ${weight}::numeric ELSE 0 END)`;
  const numerator = sql`(${term('companySize', w.companySize)} + ${term('industryFit', w.industryFit)} + ${term('engagement', w.engagement)} + ${term('icpFit', w.icpFit)})`;
  const total = sql`(${has('companySize', w.companySize)} + ${has('industryFit', w.industryFit)} + ${has('engagement', w.engagement)} + ${has('icpFit', w.icpFit)})`;
  await conn
    .updateTable('leads')
    .set({ score: sql`CASE WHEN ${total} = 0 THEN NULL ELSE round(${numerator} / ${total})::int END` })
    .execute();
}
