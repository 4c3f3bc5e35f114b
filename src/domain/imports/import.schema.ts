import { z } from 'zod';
import { listQueryBase, optionalText, uuid } from '../common/fields.js';
import { leadSource } from '../leads/lead.schema.js';

/** Lead fields a file column can be mapped to; `fullName` is split into first and last name. */
export const IMPORT_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'company',
  'title',
  'email',
  'phone',
  'website',
  'registrationNumber',
  'city',
  'country',
  'description',
  'source',
  'campaign',
] as const;
export const importField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof importField>;

export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'completed', 'failed'] as const;
export const importStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof importStatus>;

/** What happens to a row whose email belongs to an open lead or a contact. */
export const DUPLICATE_POLICIES = ['skip', 'update', 'create'] as const;
export const duplicatePolicy = z.enum(DUPLICATE_POLICIES);
export type DuplicatePolicy = z.infer<typeof duplicatePolicy>;

export const importDefaults = z.object({
  ownerId: uuid.nullable().optional(),
  teamId: uuid.nullable().optional(),
  source: leadSource.default('import'),
  campaign: optionalText(120),
});
export type ImportDefaults = z.output<typeof importDefaults>;

/** One target field (or null = not imported) per file column, parallel to `headers`. */
export const importMapping = z.array(importField.nullable()).superRefine((fields, ctx) => {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (!f) return;
    if (seen.has(f)) ctx.addIssue({ code: 'custom', path: [i], message: `${f} is mapped to more than one column` });
    seen.add(f);
  });
});

export const importUpdateInput = z.object({
  mapping: importMapping.optional(),
  duplicatePolicy: duplicatePolicy.optional(),
  defaults: importDefaults.optional(),
});
export type ImportUpdate = z.output<typeof importUpdateInput>;

export const duplicateRef = z.object({ type: z.enum(['lead', 'contact']), id: z.string(), name: z.string() });

/** What the import will do with a row (preview) under the chosen duplicate policy. */
export const previewAction = z.enum(['create', 'update', 'skip', 'reject']);

export const previewRow = z.object({
  rowNumber: z.number().int(),
  cells: z.array(z.string()),
  values: z.record(z.string(), z.string().nullable()),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  duplicate: duplicateRef.nullable(),
  action: previewAction,
});
export type PreviewRow = z.infer<typeof previewRow>;

export const importRecord = z.object({
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  entity: z.literal('lead'),
  fileName: z.string(),
  fileKind: z.enum(['csv', 'xlsx']),
  fileSize: z.number(),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: z.array(importField.nullable()),
  /** Where the current mapping came from: remembered for this header set, or guessed from header names. */
  mappingSource: z.enum(['remembered', 'guessed', 'set']),
  duplicatePolicy,
  defaults: z.object({
    ownerId: z.string().nullable(),
    teamId: z.string().nullable(),
    source: leadSource,
    campaign: z.string().nullable(),
  }),
  status: importStatus,
  totals: z.object({
    rows: z.number().int(),
    processed: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    rejected: z.number().int(),
  }),
  progress: z.number().int().min(0).max(100),
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  rejectedReportUrl: z.string().nullable(),
});
export type ImportRecord = z.infer<typeof importRecord>;

export const importWithPreview = importRecord.extend({ preview: z.array(previewRow) });
export type ImportWithPreview = z.infer<typeof importWithPreview>;

export const importListQuery = listQueryBase.pick({ limit: true, cursor: true }).extend({ status: importStatus.optional() });
export type ImportListQuery = z.output<typeof importListQuery>;

/** Rows shown in the preview. */
export const PREVIEW_ROWS = 20;
/** Largest accepted upload. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
