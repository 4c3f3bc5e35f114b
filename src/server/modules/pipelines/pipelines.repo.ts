import { type Selectable, sql, type Updateable } from 'kysely';
import type { Conn } from '../../platform/db.js';
import type { PipelineStagesTable, PipelinesTable } from '../../platform/db-types.js';
import { updateIfVersion } from '../../platform/versioned.js';

export type PipelineRow = Selectable<PipelinesTable>;
export type StageRow = Selectable<PipelineStagesTable>;

export async function findPipeline(conn: Conn, id: string): Promise<PipelineRow | undefined> {
  return conn.selectFrom('pipelines').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDefaultPipeline(conn: Conn): Promise<PipelineRow | undefined> {
  return conn.selectFrom('pipelines').selectAll().where('isDefault', '=', true).where('deletedAt', 'is', null).executeTakeFirst();
}

export async function listPipelineRows(conn: Conn, deleted: boolean): Promise<PipelineRow[]> {
  return conn
    .selectFrom('pipelines')
    .selectAll()
    .where('deletedAt', deleted ? 'is not' : 'is', null)
    .orderBy('isDefault', 'desc')
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

/** Stages of the pipelines, active ones only unless asked, in board order. */
export async function stagesOf(conn: Conn, pipelineIds: string[], opts: { retired?: boolean } = {}): Promise<StageRow[]> {
  if (pipelineIds.length === 0) return [];
  let q = conn.selectFrom('pipelineStages').selectAll().where('pipelineId', 'in', pipelineIds);
  if (!opts.retired) q = q.where('retiredAt', 'is', null);
  return q.orderBy('position').orderBy('id').execute();
}

export async function findStage(conn: Conn, id: string): Promise<StageRow | undefined> {
  return conn.selectFrom('pipelineStages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPipeline(
  conn: Conn,
  values: { id: string; name: string; isDefault: boolean; createdBy: string; createdAt: Date; updatedAt: Date },
) {
  await conn.insertInto('pipelines').values(values).execute();
}

export function updatePipelineRow(
  conn: Conn,
  id: string,
  expectedVersion: number,
  patch: Updateable<PipelinesTable>,
): Promise<boolean> {
  return updateIfVersion(conn, 'pipelines', id, expectedVersion, patch);
}

export async function clearDefault(conn: Conn, exceptId: string) {
  await conn
    .updateTable('pipelines')
    .set({ isDefault: false, version: sql`version + 1` })
    .where('isDefault', '=', true)
    .where('id', '!=', exceptId)
    .execute();
}

/** What an admin sets on a stage (the checklist is stored as JSON). */
type StageValues = {
  name: string;
  position: number;
  probability: number;
  kind: string;
  requiresApproval: boolean;
  requiresPlanDone: boolean;
  checklist: string[];
};

export async function insertStage(conn: Conn, s: StageValues & { id: string; pipelineId: string }) {
  await conn
    .insertInto('pipelineStages')
    .values({ ...s, checklist: JSON.stringify(s.checklist) })
    .execute();
}

export async function updateStage(conn: Conn, id: string, s: StageValues) {
  await conn
    .updateTable('pipelineStages')
    .set({ ...s, checklist: JSON.stringify(s.checklist) })
    .where('id', '=', id)
    .execute();
}

export async function retireStage(conn: Conn, id: string, at: Date) {
  await conn.updateTable('pipelineStages').set({ retiredAt: at }).where('id', '=', id).execute();
}

/** How many (not deleted) opportunities sit in each of the stages. */
export async function opportunitiesPerStage(conn: Conn, stageIds: string[]): Promise<Map<string, number>> {
  if (stageIds.length === 0) return new Map();
  const rows = await conn
    .selectFrom('opportunities')
    .select(['stageId', sql<number>`count(*)`.as('n')])
    .where('stageId', 'in', stageIds)
    .where('deletedAt', 'is', null)
    .groupBy('stageId')
    .execute();
  return new Map(rows.map((r) => [r.stageId, r.n]));
}

export async function opportunitiesInPipeline(conn: Conn, pipelineId: string): Promise<number> {
  const row = await conn
    .selectFrom('opportunities')
    .select(sql<number>`count(*)`.as('n'))
    .where('pipelineId', '=', pipelineId)
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}
