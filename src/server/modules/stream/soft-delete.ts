import type { StreamEntityType } from '../../../domain/stream/stream.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import type { Tx } from '../../platform/db.js';
import { stale } from '../../platform/errors.js';
import { appendStream } from './stream.repo.js';

/** How a record type is soft-deleted: its Stream and its repository's versioned update (`UPDATE … WHERE version`). */
export type SoftDeletable = {
  entityType: StreamEntityType;
  update(tx: Tx, id: string, expectedVersion: number, patch: { deletedAt: Date | null; updatedAt: Date }): Promise<boolean>;
};

/**
 * Soft-deletes a record the caller has loaded and may change: `If-Match` must name its version, the row is marked
 * deleted only if nobody saved in between (412 otherwise), and its Stream gets a `delete` entry.
 */
export async function softDeleteRecord(
  tx: Tx,
  actor: Actor,
  kind: SoftDeletable,
  current: { id: string; version: number },
  ifMatch: number | undefined,
  data?: Record<string, unknown>,
): Promise<void> {
  if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
  if (!(await kind.update(tx, current.id, current.version, { deletedAt: now(), updatedAt: now() }))) throw stale();
  await appendStream(tx, { entityType: kind.entityType, entityId: current.id, type: 'delete', actorId: actor.id, data });
}

/**
 * Brings back a soft-deleted record the caller has loaded and may change (412 if someone saved in between) and
 * writes `restore` to its Stream.
 */
export async function restoreRecord(
  tx: Tx,
  actor: Actor,
  kind: SoftDeletable,
  current: { id: string; version: number },
  data?: Record<string, unknown>,
): Promise<void> {
  if (!(await kind.update(tx, current.id, current.version, { deletedAt: null, updatedAt: now() }))) throw stale();
  await appendStream(tx, { entityType: kind.entityType, entityId: current.id, type: 'restore', actorId: actor.id, data });
}
