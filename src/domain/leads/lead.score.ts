/**
 * The points score of seed 002: company size, industry fit, engagement and ICP fit, 1–5 points each, weighted by
 * admin-set weights. The score is 0–100: the weighted average of the factors mapped from 1–5 onto 0–100.
 */
export const SCORE_FACTORS = ['companySize', 'industryFit', 'engagement', 'icpFit'] as const;
export type ScoreFactor = (typeof SCORE_FACTORS)[number];
export type ScoreWeights = Record<ScoreFactor, number>;
export type ScoreInputs = Partial<Record<ScoreFactor, number | null>>;

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { companySize: 1, industryFit: 1, engagement: 1, icpFit: 1 };

export type ScoreExplanation = {
  score: number | null;
  factors: Array<{ factor: ScoreFactor; points: number | null; weight: number; contribution: number }>;
};

export function explainScore(inputs: ScoreInputs, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS): ScoreExplanation {
  const rated = SCORE_FACTORS.filter((f) => inputs[f] != null && weights[f] > 0);
  const totalWeight = rated.reduce((sum, f) => sum + weights[f], 0);
  const raw = SCORE_FACTORS.map((factor) => {
    const points = inputs[factor] ?? null;
    const weight = weights[factor];
    const contribution = points != null && totalWeight > 0 ? ((points - 1) * 25 * weight) / totalWeight : 0;
    return { factor, points, weight, contribution };
  });
  const factors = raw.map((f) => ({ ...f, contribution: Math.round(f.contribution * 10) / 10 }));
  if (totalWeight === 0) return { score: null, factors };
  return { score: Math.round(raw.reduce((sum, f) => sum + f.contribution, 0)), factors };
}
