import type { DuplicatePolicy, ImportField, ImportRecord } from '../../../domain/imports/import.schema.js';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { isoOrNull, recordMetaOf } from '../../platform/record-meta.js';
import type { ImportRow } from './imports.repo.js';

/** An import as the API shows it: status, totals and progress in percent. */
export function toImport(r: ImportRow): ImportRecord {
  const d = r.defaults as { ownerId?: string | null; teamId?: string | null; source?: Lead['source']; campaign?: string | null };
  const progress =
    r.status === 'completed' ? 100 : r.totalRows === 0 ? 0 : Math.min(100, Math.floor((r.processedRows * 100) / r.totalRows));
  return {
    ...recordMetaOf(r),
    entity: 'lead',
    fileName: r.fileName,
    fileKind: r.fileKind as 'csv' | 'xlsx',
    fileSize: Number(r.fileSize),
    delimiter: r.delimiter,
    headers: r.headers,
    mapping: r.mapping as Array<ImportField | null>,
    mappingSource: r.mappingSource as ImportRecord['mappingSource'],
    duplicatePolicy: r.duplicatePolicy as DuplicatePolicy,
    defaults: {
      ownerId: d.ownerId ?? null,
      teamId: d.teamId ?? null,
      source: d.source ?? 'import',
      campaign: d.campaign ?? null,
    },
    status: r.status as ImportRecord['status'],
    totals: {
      rows: r.totalRows,
      processed: r.processedRows,
      created: r.createdCount,
      updated: r.updatedCount,
      skipped: r.skippedCount,
      rejected: r.rejectedCount,
    },
    progress,
    error: r.error,
    startedAt: isoOrNull(r.startedAt),
    finishedAt: isoOrNull(r.finishedAt),
    rejectedReportUrl: r.rejectedCount > 0 ? `/api/v1/imports/${r.id}/rejected.csv` : null,
  };
}
