import type { FieldChange, StreamEntityType } from '../../../domain/stream/stream.schema.js';
import type { NewStreamEntry } from './stream.repo.js';

/** The entries of an edit: `update` with the field changes, and `assign` when the owner is among them. */
export function updateEntries(
  entityType: StreamEntityType,
  entityId: string,
  actorId: string,
  changes: FieldChange[],
): NewStreamEntry[] {
  const entries: NewStreamEntry[] = [{ entityType, entityId, type: 'update', actorId, data: { changes } }];
  const ownerChange = changes.find((c) => c.field === 'ownerId');
  if (ownerChange) {
    entries.push({ entityType, entityId, type: 'assign', actorId, data: { from: ownerChange.old, to: ownerChange.new } });
  }
  return entries;
}

/**
 * When a record moves under another one (a contact to another account, an account to another parent), the related
 * list of each side records it: `unrelate` on the one it left, `relate` on the one it joined.
 */
export function relinkEntries(
  change: FieldChange | undefined,
  parentType: StreamEntityType,
  relation: string,
  record: { type: string; id: string; name: string },
  actorId: string,
): NewStreamEntry[] {
  const entries: NewStreamEntry[] = [];
  if (change?.old) {
    entries.push({ entityType: parentType, entityId: String(change.old), type: 'unrelate', actorId, data: { relation, record } });
  }
  if (change?.new) {
    entries.push({ entityType: parentType, entityId: String(change.new), type: 'relate', actorId, data: { relation, record } });
  }
  return entries;
}
