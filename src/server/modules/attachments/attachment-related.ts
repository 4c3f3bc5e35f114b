import type { AttachmentRelatedRef } from '../../../domain/attachments/attachment.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertReadable, assertWritable, type OwnedEntity } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import { loadRelated, type RelatedRecord } from '../activities/related-records.js';

export type AttachmentParent = Omit<RelatedRecord, 'type'> & { type: AttachmentRelatedRef['type'] };

const LABELS: Record<AttachmentRelatedRef['type'], string> = {
  lead: 'Lead',
  contact: 'Contact',
  account: 'Account',
  opportunity: 'Opportunity',
  activity: 'Activity',
};

async function loadParent(conn: Conn, ref: AttachmentRelatedRef): Promise<AttachmentParent | undefined> {
  if (ref.type !== 'activity') return loadRelated(conn, { type: ref.type, id: ref.id });
  const a = await conn
    .selectFrom('activities')
    .select(['id', 'subject', 'ownerId'])
    .where('id', '=', ref.id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return a && { type: 'activity', id: a.id, name: a.subject, ownerId: a.ownerId };
}

/**
 * The record a file hangs on, checked by the access policy: invisible or absent → 404; with `write`, visible but
 * not changeable by the actor → 403. Attachments have no access rules of their own: they follow their record.
 */
export async function requireParent(
  conn: Conn,
  actor: Actor,
  ref: AttachmentRelatedRef,
  mode: 'read' | 'write',
): Promise<AttachmentParent> {
  const entity = ref.type as OwnedEntity;
  const parent = assertReadable(actor, entity, await loadParent(conn, ref), LABELS[ref.type]);
  if (mode === 'write') assertWritable(actor, entity, parent);
  return parent;
}
