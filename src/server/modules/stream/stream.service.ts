import type { StreamEntityType, StreamEntry } from '../../../domain/stream/stream.schema.js';
import type { Actor } from '../../access/actor.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../../platform/cursor.js';
import { type Db, inTransaction } from '../../platform/db.js';
import { notifyMentions } from '../notifications/notification-producers.js';
import { linkedStreams } from './stream.links.js';
import { appendStream, listStream } from './stream.repo.js';

/**
 * Reading and writing a record's Stream. The caller first proves the actor may see the record
 * (`ensureVisible`), so the Stream never leaks what the record's page would not show.
 */
export type StreamTarget = {
  entityType: StreamEntityType;
  entityId: string;
  ensureVisible: (db: Db, actor: Actor, id: string) => Promise<unknown>;
};

export async function getStream(db: Db, actor: Actor, target: StreamTarget, query: { limit: number; cursor?: string }) {
  await target.ensureVisible(db, actor, target.entityId);
  const cursor = decodeCursor(query.cursor);
  if (cursor && !Number.isSafeInteger(Number(cursor.v))) throw invalidCursor();
  const rows = await listStream(db, target.entityType, target.entityId, {
    limit: query.limit,
    beforeSeq: cursor ? Number(cursor.v) : undefined,
    also: await linkedStreams(db, target.entityType, target.entityId),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const data: StreamEntry[] = page.map((r) => ({
    id: r.id,
    type: r.type,
    createdAt: r.createdAt.toISOString(),
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '' } : null,
    data: r.data,
    ...(r.entityId !== target.entityId ? { record: { type: r.entityType, id: r.entityId } } : {}),
  }));
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor({ v: last.seq, id: last.id }) : null };
}

export async function addNote(db: Db, actor: Actor, target: StreamTarget, body: string): Promise<StreamEntry> {
  await target.ensureVisible(db, actor, target.entityId);
  const [written] = await inTransaction(db, async (tx) => {
    const entries = await appendStream(tx, {
      entityType: target.entityType,
      entityId: target.entityId,
      type: 'note',
      actorId: actor.id,
      data: { body },
    });
    // @[Name](user:<id>) mentions notify the mentioned users who may see this record, in the same transaction.
    await notifyMentions(tx, actor, target, body);
    return entries;
  });
  if (!written) throw new Error('note was not written');
  return {
    id: written.id,
    type: 'note',
    createdAt: written.createdAt.toISOString(),
    actor: { id: actor.id, name: actor.name },
    data: { body },
  };
}
