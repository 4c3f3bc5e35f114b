import { sql } from 'kysely';
import type { Tx } from '../../platform/db.js';

/** Tables whose rows point at a record through (related_type, related_id). */
const RELATED_TABLES = ['activities', 'attachments', 'emails', 'plan_applications'] as const;

/**
 * Merging moves what hangs on the duplicate to the survivor (seed 002: "move activities and links"): activities,
 * attachments, emails and applied activity plans, and the duplicate's place among activity participants.
 * Returns how many rows moved per table, for the `merge` Stream entry.
 */
export async function moveRelatedLinks(tx: Tx, type: 'lead' | 'contact' | 'account', fromId: string, toId: string) {
  const moved: Record<string, number> = {};
  for (const table of RELATED_TABLES) {
    const result =
      await sql`UPDATE ${sql.table(table)} SET related_id = ${toId} WHERE related_type = ${type} AND related_id = ${fromId}`.execute(
        tx,
      );
    moved[table] = Number(result.numAffectedRows ?? 0);
  }
  if (type !== 'account') {
    // the survivor may already take part: keep one row per activity
    await sql`
      DELETE FROM activity_participants p
      WHERE p.participant_type = ${type} AND p.participant_id = ${fromId}
        AND EXISTS (SELECT 1 FROM activity_participants q WHERE q.activity_id = p.activity_id AND q.participant_type = ${type} AND q.participant_id = ${toId})`.execute(
      tx,
    );
    await sql`UPDATE activity_participants SET participant_id = ${toId} WHERE participant_type = ${type} AND participant_id = ${fromId}`.execute(
      tx,
    );
  }
  return moved;
}
