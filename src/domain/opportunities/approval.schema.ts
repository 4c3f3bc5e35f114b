import { z } from 'zod';
import { optionalText, requiredText, userRef } from '../common/fields.js';
import { currencyCode, moneyAmount } from '../money/money.js';

/** Seed 004 step 5: the sales manager's opportunity-and-risk assessment, the basis of management's decision. */
export const RECOMMENDATIONS = ['pursue', 'pursue_with_conditions', 'hand_over', 'decline'] as const;
export const recommendation = z.enum(RECOMMENDATIONS);

const score = z.number().int().min(1, 'must be 1–5').max(5, 'must be 1–5');

export const riskInput = z.object({
  description: requiredText(500),
  /** 1 = rare … 5 = almost certain */
  likelihood: score,
  /** 1 = negligible … 5 = severe */
  impact: score,
});

export const assessmentInput = z.object({
  /** 1 = poor fit … 5 = core business */
  strategicFit: score,
  strategicFitNote: optionalText(2_000),
  expectedValue: moneyAmount,
  currency: currencyCode,
  risks: z.array(riskInput).max(30).default([]),
  recommendation,
  recommendationNote: optionalText(5_000),
});
export type AssessmentInput = z.input<typeof assessmentInput>;
export type Assessment = z.output<typeof assessmentInput>;

/** Likelihood × impact: 1–25; ≥ 15 is a high risk on the usual 5×5 matrix. */
export function riskScore(r: { likelihood: number; impact: number }): number {
  return r.likelihood * r.impact;
}

export function highestRisk(risks: Array<{ likelihood: number; impact: number }>): number {
  return risks.reduce((max, r) => Math.max(max, riskScore(r)), 0);
}

export const APPROVAL_STATUSES = ['none', 'requested', 'approved', 'rejected'] as const;
export const approvalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof approvalStatus>;

export const approvalRequestInput = z.object({ note: optionalText(5_000) });

export const approvalDecisionInput = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    comment: optionalText(5_000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'rejected' && !v.comment)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'is required when rejecting' });
  });
export type ApprovalDecisionInput = z.output<typeof approvalDecisionInput>;

/** Roles that decide on approvals (seed 004 "management"). */
export const APPROVER_ROLES = ['sales_director', 'admin'] as const;

export const approvalState = z.object({
  opportunityId: z.string(),
  version: z.number().int(),
  assessment: z
    .object({
      strategicFit: z.number().int(),
      strategicFitNote: z.string().nullable().optional(),
      expectedValue: z.string(),
      currency: z.string(),
      risks: z.array(z.object({ description: z.string(), likelihood: z.number().int(), impact: z.number().int() })),
      recommendation,
      recommendationNote: z.string().nullable().optional(),
      /** the largest likelihood × impact (1–25) */
      highestRisk: z.number().int(),
    })
    .nullable(),
  status: approvalStatus,
  requestedAt: z.string().nullable(),
  requestedBy: userRef.nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: userRef.nullable(),
  comment: z.string().nullable(),
  /** The stages of the pipeline that need an approved deal. */
  gatedStages: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Whether the asking user may decide (a sales director or an admin). */
  canDecide: z.boolean(),
});
export type ApprovalState = z.infer<typeof approvalState>;
