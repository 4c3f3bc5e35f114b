import { z } from 'zod';
import { uuid } from './fields.js';

/**
 * Merging two records: the survivor (the record in the URL) keeps its values unless a field names `source`; a field
 * the survivor leaves empty takes the source's value. The source is kept as a deleted record pointing at the survivor.
 */
export const mergeInput = z.object({
  sourceId: uuid,
  fields: z.record(z.string(), z.enum(['target', 'source'])).default({}),
});
export type MergeInput = z.output<typeof mergeInput>;

const isEmpty = (v: unknown) => v == null || v === '' || (Array.isArray(v) && v.length === 0);

/** The surviving values for `fields`: only the ones that change on the survivor are returned. */
export function pickMergedValues<T extends Record<string, unknown>>(
  target: T,
  source: T,
  fields: readonly (keyof T & string)[],
  picks: MergeInput['fields'],
  isUnset: (field: keyof T & string, value: unknown) => boolean = (_f, v) => isEmpty(v),
): Partial<T> {
  const out: Partial<T> = {};
  for (const field of fields) {
    const pick = picks[field] ?? (isUnset(field, target[field]) ? 'source' : 'target');
    if (pick === 'source' && !isEmpty(source[field])) out[field] = source[field];
  }
  return out;
}

/** Field names in `picks` that are not mergeable: the first one is reported as a 400. */
export function unknownMergeFields(picks: MergeInput['fields'], fields: readonly string[]): string[] {
  return Object.keys(picks).filter((f) => !fields.includes(f));
}
