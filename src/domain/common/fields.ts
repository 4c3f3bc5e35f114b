import { z } from 'zod';
import { isValidIco, normalizeIco, normalizeVatNumber, vatNumberProblem } from './ico.js';
import { toE164 } from './phone.js';

/** Shared field schemas: one definition serves the web forms, the server and the OpenAPI document. */

/** Optional free text: trimmed; an empty string clears the field (null). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const requiredText = (max: number) => z.string().trim().min(1, 'is required').max(max);

export const uuid = z.string().uuid();

// built once: constructing a schema per value costs ~60 µs, which adds up over a 100k-row import
const emailFormat = z.string().email();

export const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v?.toLowerCase()))
  .refine((v) => v == null || emailFormat.safeParse(v).success, 'is not a valid email address');

export const email = z.string().trim().toLowerCase().email('is not a valid email address').max(254);

export const phone = z
  .string()
  .trim()
  .max(40)
  .transform((v, ctx) => {
    const e164 = toE164(v);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid phone number (e.g. +420 603 123 456)' });
      return z.NEVER;
    }
    return e164;
  });

export const optionalPhone = z
  .string()
  .trim()
  .max(40)
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (v == null || v === '') return v === '' ? null : v;
    const e164 = toE164(v);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid phone number (e.g. +420 603 123 456)' });
      return z.NEVER;
    }
    return e164;
  });

export const optionalWebsite = z
  .string()
  .trim()
  .max(300)
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (v == null || v === '') return v === '' ? null : v;
    const withScheme = /^https?:\/\//i.test(v) ? v : `https://${v}`;
    try {
      const url = new URL(withScheme);
      if (!url.hostname.includes('.')) throw new Error('no dot');
      return withScheme;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not a valid web address' });
      return z.NEVER;
    }
  });

/** A company registration number; all-digit values are Czech IČO and must pass the check digit. */
export const optionalRegistrationNumber = z
  .string()
  .trim()
  .max(30)
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (v == null || v === '') return v === '' ? null : v;
    const ico = normalizeIco(v);
    if (ico) {
      if (!isValidIco(ico)) {
        ctx.addIssue({ code: 'custom', message: 'is not a valid IČO (check digit does not match)' });
        return z.NEVER;
      }
      return ico;
    }
    return v;
  });

export const optionalVatNumber = z
  .string()
  .trim()
  .max(20)
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (v == null || v === '') return v === '' ? null : v;
    const problem = vatNumberProblem(v);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return normalizeVatNumber(v);
  });

export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code (CZ, DE, …)');

export const addressInput = z.object({
  street: optionalText(200),
  city: optionalText(100),
  postalCode: optionalText(20),
  country: countryCode
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
});
export type AddressInput = z.input<typeof addressInput>;

export const address = z.object({
  street: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
});
export type Address = z.infer<typeof address>;

export const userRef = z.object({ id: z.string(), name: z.string() });
export const recordRef = z.object({ id: z.string(), name: z.string() });

/** Fields every stored record carries (DESIGN §5). */
export const recordMeta = {
  id: z.string().uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().uuid().nullable(),
};

/** Collection query parameters shared by every list endpoint. */
export const listQueryBase = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  deleted: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });
