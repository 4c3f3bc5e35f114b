import type { StreamEntityType, StreamType } from '../../../domain/stream/stream.schema.js';
import { now } from '../../platform/clock.js';
import type { Conn } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';

export type NewStreamEntry = {
  entityType: StreamEntityType;
  entityId: string;
  type: StreamType;
  actorId: string | null;
  data?: Record<string, unknown>;
};

/** Appends to a record's Stream. Call it with the same transaction as the change it records. */
export async function appendStream(
  conn: Conn,
  entry: NewStreamEntry | NewStreamEntry[],
): Promise<Array<{ id: string; createdAt: Date }>> {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (entries.length === 0) return [];
  const at = now();
  const ids = entries.map(() => newId());
  await conn
    .insertInto('streamEntries')
    .values(
      entries.map((e, i) => ({
        id: ids[i] as string,
        entityType: e.entityType,
        entityId: e.entityId,
        type: e.type,
        actorId: e.actorId,
        data: JSON.stringify(e.data ?? {}),
        createdAt: at,
      })),
    )
    .execute();
  return ids.map((id) => ({ id, createdAt: at }));
}

export type StreamRef = { entityType: StreamEntityType; entityId: string };

/** One page of the Stream of a record — and of the records whose history it carries on (`also`), newest first. */
export async function listStream(
  conn: Conn,
  entityType: StreamEntityType,
  entityId: string,
  opts: { limit: number; beforeSeq?: number; also?: StreamRef[] },
) {
  const refs: StreamRef[] = [{ entityType, entityId }, ...(opts.also ?? [])];
  let q = conn
    .selectFrom('streamEntries as s')
    .leftJoin('users as u', 'u.id', 's.actorId')
    .select([
      's.id',
      's.seq',
      's.type',
      's.createdAt',
      's.data',
      's.actorId',
      's.entityType',
      's.entityId',
      'u.name as actorName',
    ])
    .where((eb) => eb.or(refs.map((r) => eb.and([eb('s.entityType', '=', r.entityType), eb('s.entityId', '=', r.entityId)]))))
    .orderBy('s.seq', 'desc')
    .limit(opts.limit + 1);
  if (opts.beforeSeq !== undefined) q = q.where('s.seq', '<', opts.beforeSeq);
  return q.execute();
}

/** Moves Stream history from one record to another (merge). */
export async function moveStream(conn: Conn, entityType: StreamEntityType, fromId: string, toId: string) {
  await conn
    .updateTable('streamEntries')
    .set({ entityId: toId })
    .where('entityType', '=', entityType)
    .where('entityId', '=', fromId)
    .execute();
}
