import type { Conn } from '../../platform/db.js';

/**
 * Stops a lead's first-contact clock: called when a call is logged, an email is sent or a meeting is held on the
 * lead (activities/activity-outcome.ts). Only the first contact counts.
 */
export async function recordFirstContact(conn: Conn, leadId: string, at: Date): Promise<void> {
  await conn
    .updateTable('leads')
    .set({ firstContactedAt: at })
    .where('id', '=', leadId)
    .where('firstContactedAt', 'is', null)
    .execute();
}
