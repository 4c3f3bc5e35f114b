import { z } from 'zod';

/** Why a record looks like the same person or company. */
export const MATCH_REASONS = ['email', 'phone', 'registrationNumber', 'name', 'company'] as const;
export const matchReason = z.object({
  reason: z.enum(MATCH_REASONS),
  /** The matched value (email, phone, IČO) or the other record's name. */
  value: z.string().nullable(),
  /** Trigram similarity 0–1 for name/company matches; 1 for exact matches. */
  similarity: z.number(),
});

export const duplicateCandidate = z.object({
  type: z.enum(['lead', 'contact', 'account']),
  id: z.string(),
  name: z.string(),
  status: z.string().nullable(),
  /** 0–100: exact identifiers weigh most, fuzzy names least. */
  confidence: z.number(),
  reasons: z.array(matchReason),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;

/** Exact identifiers are strong evidence; a similar name alone is a hint. */
export const REASON_WEIGHT: Record<(typeof MATCH_REASONS)[number], number> = {
  registrationNumber: 95,
  email: 90,
  phone: 70,
  company: 55,
  name: 50,
};
