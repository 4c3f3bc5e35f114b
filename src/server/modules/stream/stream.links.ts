import type { StreamEntityType } from '../../../domain/stream/stream.schema.js';
import type { Conn } from '../../platform/db.js';
import type { StreamRef } from './stream.repo.js';

/**
 * Records whose history continues in another record's Stream: a contact made by converting a lead shows the
 * lead's Stream too (issue 3: "the lead's Stream history is visible from the new contact").
 */
export async function linkedStreams(conn: Conn, entityType: StreamEntityType, entityId: string): Promise<StreamRef[]> {
  if (entityType !== 'contact') return [];
  const leads = await conn.selectFrom('leads').select('id').where('convertedContactId', '=', entityId).execute();
  return leads.map((l) => ({ entityType: 'lead', entityId: l.id }));
}
