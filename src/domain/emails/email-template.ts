import { z } from 'zod';
import { relatedRef } from '../activities/activity.schema.js';
import { recordMeta } from '../common/fields.js';
import { EMAIL_FORMATS, type EmailFormat } from './email.schema.js';

/** The variables a template may use — a small, explicit set; anything else is refused when the template is saved. */
export const TEMPLATE_VARIABLES = [
  'contact.firstName',
  'contact.lastName',
  'contact.name',
  'account.name',
  'lead.firstName',
  'lead.lastName',
  'lead.company',
  'opportunity.name',
  'user.name',
  'user.email',
  'user.signature',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

const VARIABLE = /\{\{\s*([a-zA-Z]+\.[a-zA-Z]+)\s*\}\}/g;

/** Variables named in a text that are not in TEMPLATE_VARIABLES. */
export function unknownVariables(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(VARIABLE))
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(m[1] as string)) out.add(m[1] as string);
  return [...out];
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Fills the variables in. In an HTML body every value is HTML-escaped (a contact named `<script>` stays text;
 * a multi-line signature keeps its line breaks as <br>); in a text body and the subject values go in as they are,
 * except that line breaks in the subject become spaces (a header has one line). Unknown variables render empty.
 */
export function renderTemplateText(text: string, values: TemplateValues, mode: EmailFormat | 'subject'): string {
  return text.replace(VARIABLE, (_, name: string) => {
    const value = values[name as TemplateVariable] ?? '';
    if (mode === 'html') return escapeHtml(value).replace(/\r?\n/g, '<br>');
    if (mode === 'subject') return value.replace(/[\r\n]+/g, ' ');
    return value;
  });
}

const templateFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  subject: z.string().trim().min(1, 'is required').max(998),
  body: z.string().min(1, 'is required').max(200_000),
  format: z.enum(EMAIL_FORMATS).default('text'),
};

function checkVariables(v: { subject?: string; body?: string }, ctx: z.RefinementCtx) {
  for (const field of ['subject', 'body'] as const) {
    const text = v[field];
    if (!text) continue;
    const unknown = unknownVariables(text);
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `unknown variable ${unknown.map((u) => `{{${u}}}`).join(', ')}; use ${TEMPLATE_VARIABLES.map((u) => `{{${u}}}`).join(', ')}`,
      });
  }
}

export const emailTemplateCreateInput = z.object(templateFields).superRefine(checkVariables);
export type EmailTemplateCreate = z.output<typeof emailTemplateCreateInput>;
export const emailTemplateUpdateInput = z
  .object({ ...templateFields, format: z.enum(EMAIL_FORMATS) })
  .partial()
  .superRefine(checkVariables);
export type EmailTemplateUpdate = z.output<typeof emailTemplateUpdateInput>;

export const emailTemplate = z.object({
  ...recordMeta,
  name: z.string(),
  subject: z.string(),
  body: z.string(),
  format: z.enum(EMAIL_FORMATS),
  deletedAt: z.string().nullable(),
});
export type EmailTemplate = z.infer<typeof emailTemplate>;

export const templateRenderInput = z.object({ relatedTo: relatedRef.nullable().optional() });
export const renderedTemplate = z.object({ subject: z.string(), body: z.string(), format: z.enum(EMAIL_FORMATS) });
export type RenderedTemplate = z.infer<typeof renderedTemplate>;
