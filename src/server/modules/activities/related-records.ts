import { sql } from 'kysely';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import { leadName } from '../../../domain/leads/lead.schema.js';
import type { Actor } from '../../access/actor.js';
import { canRead, type Guarded, type OwnedEntity } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import { invalidField } from '../../platform/errors.js';

export type RelatedRecord = Guarded & { type: RelatedRef['type']; id: string; name: string };

/** Loads the record an activity belongs to (name, owner and team for the access check), or undefined. */
export async function loadRelated(conn: Conn, ref: RelatedRef): Promise<RelatedRecord | undefined> {
  switch (ref.type) {
    case 'lead': {
      const l = await conn
        .selectFrom('leads')
        .select(['id', 'firstName', 'lastName', 'company', 'email', 'ownerId', 'teamId'])
        .where('id', '=', ref.id)
        .where('deletedAt', 'is', null)
        .executeTakeFirst();
      return l && { type: 'lead', id: l.id, name: leadName(l), ownerId: l.ownerId, teamId: l.teamId };
    }
    case 'contact': {
      const c = await conn
        .selectFrom('contacts')
        .select(['id', 'firstName', 'lastName', 'ownerId'])
        .where('id', '=', ref.id)
        .where('deletedAt', 'is', null)
        .executeTakeFirst();
      return c && { type: 'contact', id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' '), ownerId: c.ownerId };
    }
    case 'account': {
      const a = await conn
        .selectFrom('accounts')
        .select(['id', 'name', 'ownerId'])
        .where('id', '=', ref.id)
        .where('deletedAt', 'is', null)
        .executeTakeFirst();
      return a && { type: 'account', id: a.id, name: a.name, ownerId: a.ownerId };
    }
    case 'opportunity': {
      // read by SQL so this module does not depend on the opportunities module
      const o = await sql<{
        id: string;
        name: string;
        ownerId: string;
      }>`SELECT id, name, owner_id FROM opportunities WHERE id = ${ref.id} AND deleted_at IS NULL`.execute(conn);
      const row = o.rows[0];
      return row && { type: 'opportunity', id: row.id, name: row.name, ownerId: row.ownerId };
    }
  }
}

/** The related record when the actor may see it; otherwise a 400 naming the field (as if it did not exist). */
export async function requireVisibleRelated(
  conn: Conn,
  actor: Actor,
  ref: RelatedRef,
  field = 'relatedTo.id',
): Promise<RelatedRecord> {
  const record = await loadRelated(conn, ref);
  if (!record || !canRead(actor, ref.type as OwnedEntity, record)) throw invalidField(field, `no such ${ref.type}`);
  return record;
}
