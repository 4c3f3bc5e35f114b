import {
  FORM_FIELD_NAMES,
  FORM_LANGUAGES,
  type Form,
  type FormCreateInput,
  type FormFieldName,
  type FormLanguage,
} from '../../../domain/forms/form.schema.js';
import type { LEAD_SOURCES } from '../../../domain/leads/lead.schema.js';

/** One row of the field picker: every lead field is listed; `shown` ones go into the form, in this order. */
export type FieldRow = { name: FormFieldName; shown: boolean; required: boolean; labels: Record<FormLanguage, string> };

export type BuilderValues = {
  name: string;
  active: boolean;
  fields: FieldRow[];
  source: (typeof LEAD_SOURCES)[number];
  campaign: string;
  teamId: string | null;
  intakeUserId: string | null;
  after: 'message' | 'redirect';
  thankYouMessage: string;
  redirectUrl: string;
  allowedOrigins: string[];
};

const emptyLabels = (): Record<FormLanguage, string> => ({ cs: '', en: '', de: '' });

export function toValues(form: Form | null): BuilderValues {
  const configured = form?.fields ?? [
    { name: 'firstName', required: false, labels: {} },
    { name: 'lastName', required: false, labels: {} },
    { name: 'company', required: false, labels: {} },
    { name: 'email', required: true, labels: {} },
    { name: 'phone', required: false, labels: {} },
    { name: 'description', required: false, labels: {} },
  ];
  const shown: FieldRow[] = configured.map((f) => ({
    name: f.name,
    shown: true,
    required: f.required,
    labels: { ...emptyLabels(), ...Object.fromEntries(Object.entries(f.labels).filter(([, v]) => v)) },
  }));
  const rest: FieldRow[] = FORM_FIELD_NAMES.filter((n) => !configured.some((f) => f.name === n)).map((name) => ({
    name,
    shown: false,
    required: false,
    labels: emptyLabels(),
  }));
  return {
    name: form?.name ?? '',
    active: form?.active ?? true,
    fields: [...shown, ...rest],
    source: form?.source ?? 'web_form',
    campaign: form?.campaign ?? '',
    teamId: form?.teamId ?? null,
    intakeUserId: form?.intakeUserId ?? null,
    after: form?.redirectUrl ? 'redirect' : 'message',
    thankYouMessage: form?.thankYouMessage ?? '',
    redirectUrl: form?.redirectUrl ?? '',
    allowedOrigins: form?.allowedOrigins ?? [],
  };
}

/** The API body for create and update (the whole configuration: the server records only what changed). */
export function toBody(v: BuilderValues): FormCreateInput {
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    name: v.name.trim(),
    active: v.active,
    fields: v.fields
      .filter((f) => f.shown)
      .map((f) => ({
        name: f.name,
        required: f.required,
        labels: Object.fromEntries(FORM_LANGUAGES.filter((l) => f.labels[l].trim()).map((l) => [l, f.labels[l].trim()])),
      })),
    source: v.source,
    campaign: text(v.campaign),
    teamId: v.teamId,
    thankYouMessage: v.after === 'message' ? text(v.thankYouMessage) : null,
    redirectUrl: v.after === 'redirect' ? text(v.redirectUrl) : null,
    allowedOrigins: v.allowedOrigins,
    ...(v.intakeUserId ? { intakeUserId: v.intakeUserId } : {}),
  };
}
