import { sql } from 'kysely';
import { type MergeInput, unknownMergeFields } from '../../../domain/common/merge.js';
import { now } from '../../platform/clock.js';
import type { Tx } from '../../platform/db.js';
import { invalidField } from '../../platform/errors.js';
import { moveStream } from '../stream/stream.repo.js';
import { moveRelatedLinks } from './move-links.js';

type MergedType = 'lead' | 'contact' | 'account';
const TABLES = { lead: 'leads', contact: 'contacts', account: 'accounts' } as const;

/** What every merge checks before it opens a transaction: only mergeable fields picked, and not a record into itself. */
export function checkMergeInput(input: MergeInput, targetId: string, mergeable: readonly string[], noun: string) {
  const unknown = unknownMergeFields(input.fields, mergeable);
  if (unknown.length) throw invalidField(`fields.${unknown[0]}`, 'is not a field that can be merged');
  if (input.sourceId === targetId) throw invalidField('sourceId', `${noun} cannot be merged into itself`);
}

/** The record merged away, loaded as the actor may see it; one they cannot see is "no such …" on `sourceId`. */
export async function loadMergeSource<T>(loading: Promise<T>, noun: string): Promise<T> {
  return loading.catch(() => {
    throw invalidField('sourceId', `no such ${noun}`);
  });
}

/**
 * The end of every merge: what hangs on the source (activities, attachments, emails, plans, participations) and its
 * Stream move to the survivor, and the source stays as a deleted record pointing at it. Returns the moved links per
 * table for the `merge` entry.
 */
export async function retireMergedSource(tx: Tx, type: MergedType, sourceId: string, targetId: string) {
  const movedLinks = await moveRelatedLinks(tx, type, sourceId, targetId);
  await moveStream(tx, type, sourceId, targetId);
  const at = now();
  await sql`UPDATE ${sql.table(TABLES[type])} SET deleted_at = ${at}, merged_into_id = ${targetId}, updated_at = ${at}
    WHERE id = ${sourceId}`.execute(tx);
  return movedLinks;
}
