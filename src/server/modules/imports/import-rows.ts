import { foldText } from '../../../domain/common/text.js';
import type { ImportDefaults, ImportField } from '../../../domain/imports/import.schema.js';
import { LEAD_SOURCES, type LeadCreate, leadCreateInput } from '../../../domain/leads/lead.schema.js';

export type RowError = { field: string; message: string };
export type RowResult = { ok: true; input: LeadCreate } | { ok: false; errors: RowError[]; reason: string };

/** Country names people type in Czech, English and German, folded → ISO code. */
const COUNTRIES: Record<string, string> = {
  cesko: 'CZ',
  'ceska republika': 'CZ',
  cr: 'CZ',
  'czech republic': 'CZ',
  czechia: 'CZ',
  tschechien: 'CZ',
  'tschechische republik': 'CZ',
  slovensko: 'SK',
  slovakia: 'SK',
  slowakei: 'SK',
  nemecko: 'DE',
  germany: 'DE',
  deutschland: 'DE',
  rakousko: 'AT',
  austria: 'AT',
  osterreich: 'AT',
  oesterreich: 'AT',
  polsko: 'PL',
  poland: 'PL',
  polen: 'PL',
  madarsko: 'HU',
  hungary: 'HU',
  ungarn: 'HU',
  svycarsko: 'CH',
  switzerland: 'CH',
  schweiz: 'CH',
};

function country(value: string): string {
  return COUNTRIES[foldText(value).replace(/\./g, '').trim()] ?? value;
}

function source(value: string): string {
  const v = foldText(value).replace(/[\s-]+/g, '_');
  return (LEAD_SOURCES as readonly string[]).includes(v) ? v : value;
}

/** The raw mapped values of a row (trimmed; empty cells are null), `fullName` split into first and last name. */
export function mappedValues(cells: string[], mapping: Array<ImportField | null>): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  mapping.forEach((field, i) => {
    if (!field) return;
    const cell = (cells[i] ?? '').trim();
    values[field] = cell === '' ? null : cell;
  });
  const full = values.fullName;
  delete values.fullName;
  if (full && !values.firstName && !values.lastName) {
    const parts = full.split(/\s+/);
    values.lastName = parts.pop() ?? null;
    values.firstName = parts.length ? parts.join(' ') : null;
  }
  if (values.country) values.country = country(values.country);
  if (values.source) values.source = source(values.source);
  return values;
}

/**
 * A row as a validated lead input: mapped cells, then the import's defaults where the row has no value; checked
 * with the same schema as `POST /leads` (IČO check digit, email, phone → E.164). Errors name the file's column.
 */
export function rowToLead(
  cells: string[],
  headers: string[],
  mapping: Array<ImportField | null>,
  defaults: ImportDefaults,
): RowResult {
  const values = mappedValues(cells, mapping);
  const parsed = leadCreateInput.safeParse({
    ...values,
    source: values.source ?? defaults.source,
    campaign: values.campaign ?? defaults.campaign ?? null,
    ownerId: defaults.ownerId ?? null,
    teamId: defaults.teamId ?? null,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    return { field, message: issue.message };
  });
  const columnOf = (field: string) => {
    const i = mapping.indexOf(field as ImportField);
    if (i >= 0) return headers[i];
    if (field === 'firstName' || field === 'lastName') {
      const full = mapping.indexOf('fullName');
      if (full >= 0) return headers[full];
    }
    return null;
  };
  const reason = errors
    .map((e) => {
      if (e.message.startsWith('a lead needs')) return e.message;
      const column = columnOf(e.field);
      return `${column ? `${column} (${e.field})` : e.field}: ${e.message}`;
    })
    .join('; ');
  return { ok: false, errors, reason };
}
