import { sql } from 'kysely';
import type { Activity } from '../../../domain/activities/activity.schema.js';
import type { Conn } from '../../platform/db.js';
import { isoOrNull, recordMetaOf } from '../../platform/record-meta.js';
import { type ActivityRow, participantsOf } from './activities.repo.js';

/** Display names of related records, fetched per type in one query each. */
async function relatedNames(conn: Conn, rows: ActivityRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.relatedType === type).map((r) => r.relatedId as string))];
  const queries: Record<string, (ids: string[]) => RawQuery> = {
    lead: (ids) =>
      sql`SELECT id, coalesce(nullif(btrim(concat_ws(' ', first_name, last_name)), ''), company, email) AS name FROM leads WHERE id = ANY(${ids}::uuid[])`,
    contact: (ids) =>
      sql`SELECT id, btrim(concat_ws(' ', first_name, last_name)) AS name FROM contacts WHERE id = ANY(${ids}::uuid[])`,
    account: (ids) => sql`SELECT id, name FROM accounts WHERE id = ANY(${ids}::uuid[])`,
    opportunity: (ids) => sql`SELECT id, name FROM opportunities WHERE id = ANY(${ids}::uuid[])`,
  };
  for (const [type, query] of Object.entries(queries)) {
    const ids = idsOf(type);
    if (ids.length === 0) continue;
    const result = await query(ids).execute(conn);
    for (const r of result.rows) names.set(r.id, r.name);
  }
  return names;
}
type RawQuery = ReturnType<typeof sql<{ id: string; name: string }>>;

export async function toActivities(conn: Conn, rows: ActivityRow[], at: Date): Promise<Activity[]> {
  const [participants, names] = await Promise.all([
    participantsOf(
      conn,
      rows.map((r) => r.id),
    ),
    relatedNames(conn, rows),
  ]);
  return rows.map((r) => {
    const when = r.dueAt ?? r.startsAt;
    return {
      ...recordMetaOf(r),
      type: r.type as Activity['type'],
      subject: r.subject,
      description: r.description,
      status: r.status as Activity['status'],
      startsAt: isoOrNull(r.startsAt),
      endsAt: isoOrNull(r.endsAt),
      dueAt: isoOrNull(r.dueAt),
      at: isoOrNull(r.at),
      location: r.location,
      videoUrl: r.videoUrl,
      outcome: r.outcome,
      reminderAt: isoOrNull(r.reminderAt),
      relatedTo:
        r.relatedType && r.relatedId
          ? { type: r.relatedType as 'lead', id: r.relatedId, name: names.get(r.relatedId) ?? null }
          : null,
      ownerId: r.ownerId,
      owner: r.ownerName ? { id: r.ownerId, name: r.ownerName } : null,
      participants: participants.filter((p) => p.activityId === r.id).map(({ type, id, name }) => ({ type, id, name })),
      completedAt: isoOrNull(r.completedAt),
      overdue: r.status === 'planned' && when !== null && new Date(when).getTime() < at.getTime(),
      deletedAt: isoOrNull(r.deletedAt),
      sendInvitations: r.sendInvitations,
    };
  });
}
