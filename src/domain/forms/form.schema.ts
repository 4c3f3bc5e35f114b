import { z } from 'zod';
import { listQueryBase, optionalText, recordMeta, recordRef, requiredText, userRef, uuid } from '../common/fields.js';
import { leadSource } from '../leads/lead.schema.js';

/** The lead fields a web form may ask for, in their usual order. */
export const FORM_FIELD_NAMES = ['firstName', 'lastName', 'company', 'email', 'phone', 'title', 'city', 'description'] as const;
export const formFieldName = z.enum(FORM_FIELD_NAMES);
export type FormFieldName = z.infer<typeof formFieldName>;

/** A lead needs at least one of these (see leadCreateInput), so every form asks for one of them as required. */
export const IDENTIFYING_FIELDS: readonly FormFieldName[] = ['email', 'lastName', 'company'];

export const FORM_LANGUAGES = ['cs', 'en', 'de'] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

/**
 * The hidden spam trap. People never see it (moved off-screen, not focusable); bots that fill every input do.
 * A submission with it filled is answered like a success and creates nothing.
 */
export const FORM_HONEYPOT_FIELD = 'homepage';

/** Spam and abuse limits of the public submission endpoint. */
export const FORM_LIMITS = {
  /** Submissions accepted per client address and form within one window. */
  perIpPerWindow: 10,
  windowSeconds: 60,
  /** Largest accepted request body, JSON or form-encoded. */
  maxBodyBytes: 16 * 1024,
} as const;

/** Built-in labels, used where the admin did not write one for a language. */
export const DEFAULT_FIELD_LABELS: Record<FormFieldName, Record<FormLanguage, string>> = {
  firstName: { cs: 'Jméno', en: 'First name', de: 'Vorname' },
  lastName: { cs: 'Příjmení', en: 'Last name', de: 'Nachname' },
  company: { cs: 'Firma', en: 'Company', de: 'Firma' },
  email: { cs: 'E-mail', en: 'Email', de: 'E-Mail' },
  phone: { cs: 'Telefon', en: 'Phone', de: 'Telefon' },
  title: { cs: 'Pozice', en: 'Job title', de: 'Position' },
  city: { cs: 'Město', en: 'City', de: 'Ort' },
  description: { cs: 'Zpráva', en: 'Message', de: 'Nachricht' },
};

export const DEFAULT_SUBMIT_LABELS: Record<FormLanguage, string> = { cs: 'Odeslat', en: 'Send', de: 'Senden' };
export const DEFAULT_THANK_YOU: Record<FormLanguage, string> = {
  cs: 'Děkujeme, ozveme se vám.',
  en: 'Thank you, we will be in touch.',
  de: 'Vielen Dank, wir melden uns bei Ihnen.',
};

const label = z.string().trim().max(120);
export const formFieldLabels = z.object({ cs: label.optional(), en: label.optional(), de: label.optional() });

export const formFieldConfig = z.object({
  name: formFieldName,
  required: z.boolean().default(false),
  labels: formFieldLabels.default({}),
});
export type FormFieldConfig = z.output<typeof formFieldConfig>;

/** The label of a field in a language: the admin's own, else the built-in one. */
export function fieldLabel(field: Pick<FormFieldConfig, 'name' | 'labels'>, lang: FormLanguage): string {
  return field.labels[lang]?.trim() || DEFAULT_FIELD_LABELS[field.name][lang];
}

const formFields = z
  .array(formFieldConfig)
  .min(1, 'must contain at least one field')
  .max(FORM_FIELD_NAMES.length)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${f.name} is listed twice` });
      seen.add(f.name);
    });
    if (!fields.some((f) => f.required && IDENTIFYING_FIELDS.includes(f.name))) {
      ctx.addIssue({
        code: 'custom',
        message: 'must make email, last name or company a required field (a lead needs one of them)',
      });
    }
  });

const isLocalHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/** A thank-you redirect: an absolute https address (http only for localhost, when testing). */
export const redirectUrl = z
  .string()
  .trim()
  .max(2000)
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (v == null || v === '') return null;
    try {
      const url = new URL(v);
      if (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname))) return url.toString();
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'must be an https:// address' });
    return z.NEVER;
  });

/** A site allowed to post to the form from the browser: scheme, host and port only, e.g. https://www.example.cz */
export const allowedOrigin = z
  .string()
  .trim()
  .max(300)
  .transform((v, ctx) => {
    try {
      const url = new URL(v);
      const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
      if (bare && (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname)))) return url.origin;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'must be an origin like https://www.example.cz (https, no path)' });
    return z.NEVER;
  });

const formInputFields = {
  name: requiredText(120),
  active: z.boolean(),
  fields: formFields,
  source: leadSource,
  campaign: optionalText(120),
  teamId: uuid.nullable().optional(),
  thankYouMessage: optionalText(1000),
  redirectUrl,
  allowedOrigins: z.array(allowedOrigin).max(20),
  /** The user new leads and Stream entries of this form are recorded as (default: the admin who creates the form). */
  intakeUserId: uuid.optional(),
};

export const formCreateInput = z.object({
  ...formInputFields,
  active: z.boolean().default(true),
  source: leadSource.default('web_form'),
  allowedOrigins: formInputFields.allowedOrigins.default([]),
});
export type FormCreateInput = z.input<typeof formCreateInput>;
export type FormCreate = z.output<typeof formCreateInput>;

export const formUpdateInput = z.object(formInputFields).partial();
export type FormUpdateInput = z.input<typeof formUpdateInput>;
export type FormUpdate = z.output<typeof formUpdateInput>;

export const form = z.object({
  ...recordMeta,
  updatedBy: z.string().nullable(),
  name: z.string(),
  active: z.boolean(),
  fields: z.array(z.object({ name: formFieldName, required: z.boolean(), labels: formFieldLabels })),
  source: leadSource,
  campaign: z.string().nullable(),
  teamId: z.string().nullable(),
  team: recordRef.nullable(),
  thankYouMessage: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  allowedOrigins: z.array(z.string()),
  intakeUserId: z.string(),
  intakeUser: userRef.nullable(),
  submissionCount: z.number().int(),
  lastSubmissionAt: z.string().nullable(),
  /** The public endpoint sites post to, relative to PUBLIC_URL (the embed snippet has the absolute address). */
  submitPath: z.string(),
  deletedAt: z.string().nullable(),
});
export type Form = z.infer<typeof form>;

export const FORM_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

export const formListQuery = listQueryBase.extend({
  sort: z.enum(FORM_SORTS).default('name'),
  active: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  teamId: uuid.optional(),
});
export type FormListQuery = z.output<typeof formListQuery>;

export const formEmbedQuery = z.object({ lang: z.enum(FORM_LANGUAGES).optional() });
export const formEmbed = z.object({ html: z.string(), submitUrl: z.string(), lang: z.enum(FORM_LANGUAGES) });

/** What the public endpoint answers a JSON post with (a filled honeypot gets the same answer). */
export const submissionReply = z.object({ ok: z.literal(true), message: z.string(), redirectUrl: z.string().nullable() });
export type SubmissionReply = z.infer<typeof submissionReply>;

export const submitPath = (formId: string) => `/api/v1/forms/${formId}/submissions`;
