import { type Form, type FormFieldConfig, submitPath } from '../../../domain/forms/form.schema.js';
import { iso, recordMetaOf } from '../../platform/record-meta.js';
import type { FormRow } from './forms.repo.js';

export function toForm(r: FormRow): Form {
  return {
    ...recordMetaOf(r),
    updatedBy: r.updatedBy,
    name: r.name,
    active: r.active,
    fields: r.fields as FormFieldConfig[],
    source: r.source as Form['source'],
    campaign: r.campaign,
    teamId: r.teamId,
    team: r.teamId && r.teamName ? { id: r.teamId, name: r.teamName } : null,
    thankYouMessage: r.thankYouMessage,
    redirectUrl: r.redirectUrl,
    allowedOrigins: r.allowedOrigins ?? [],
    intakeUserId: r.intakeUserId,
    intakeUser: r.intakeUserName ? { id: r.intakeUserId, name: r.intakeUserName } : null,
    submissionCount: r.submissionCount,
    lastSubmissionAt: r.lastSubmissionAt ? iso(r.lastSubmissionAt) : null,
    submitPath: submitPath(r.id),
    deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
  };
}

/** The fields an admin edits, compared old → new for the form's Stream. */
export const FORM_DIFF_FIELDS = [
  'name',
  'active',
  'fields',
  'source',
  'campaign',
  'teamId',
  'thankYouMessage',
  'redirectUrl',
  'allowedOrigins',
  'intakeUserId',
] as const satisfies ReadonlyArray<keyof Form>;
