import type { Conn } from '../../platform/db.js';

export type ChecklistTickRow = { item: string; tickedAt: Date; tickedById: string; tickedByName: string | null };

/** The ticked items of a deal in one stage (including ticks of items an admin has since removed from the list). */
export async function checklistTicks(conn: Conn, opportunityId: string, stageId: string): Promise<ChecklistTickRow[]> {
  return conn
    .selectFrom('opportunityChecklistTicks as t')
    .leftJoin('users as u', 'u.id', 't.tickedBy')
    .select(['t.item', 't.tickedAt', 't.tickedBy as tickedById', 'u.name as tickedByName'])
    .where('t.opportunityId', '=', opportunityId)
    .where('t.stageId', '=', stageId)
    .execute();
}

export async function insertChecklistTick(
  conn: Conn,
  tick: { opportunityId: string; stageId: string; item: string; tickedBy: string; tickedAt: Date },
): Promise<void> {
  await conn
    .insertInto('opportunityChecklistTicks')
    .values(tick)
    .onConflict((oc) => oc.columns(['opportunityId', 'stageId', 'item']).doNothing())
    .execute();
}

export async function deleteChecklistTick(conn: Conn, opportunityId: string, stageId: string, item: string): Promise<void> {
  await conn
    .deleteFrom('opportunityChecklistTicks')
    .where('opportunityId', '=', opportunityId)
    .where('stageId', '=', stageId)
    .where('item', '=', item)
    .execute();
}
