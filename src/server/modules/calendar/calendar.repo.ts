import { sql } from 'kysely';
import type { Conn } from '../../platform/db.js';

export async function findFeedToken(conn: Conn, userId: string) {
  return conn.selectFrom('calendarFeedTokens').selectAll().where('userId', '=', userId).executeTakeFirst();
}

export async function replaceFeedToken(conn: Conn, userId: string, tokenHash: string, tokenEncrypted: string, at: Date) {
  // Call in a transaction: the old token stops working the moment the new one exists.
  await conn.deleteFrom('calendarFeedTokens').where('userId', '=', userId).execute();
  await conn.insertInto('calendarFeedTokens').values({ userId, tokenHash, tokenEncrypted, createdAt: at }).execute();
}

/** The active user a feed token belongs to. */
export async function feedOwnerByTokenHash(conn: Conn, tokenHash: string) {
  return conn
    .selectFrom('calendarFeedTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select(['u.id', 'u.name', 'u.email'])
    .where('t.tokenHash', '=', tokenHash)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export type CalendarActivityRow = {
  id: string;
  type: string;
  subject: string;
  description: string | null;
  status: string;
  startsAt: Date | null;
  endsAt: Date | null;
  dueAt: Date | null;
  location: string | null;
  videoUrl: string | null;
  version: number;
  updatedAt: Date;
  deletedAt: Date | null;
  sendInvitations: boolean;
  relatedType: string | null;
  relatedId: string | null;
  ownerId: string;
  ownerName: string;
  ownerEmail: string;
};

function selectCalendarActivities(conn: Conn) {
  return conn
    .selectFrom('activities as a')
    .innerJoin('users as o', 'o.id', 'a.ownerId')
    .select([
      'a.id',
      'a.type',
      'a.subject',
      'a.description',
      'a.status',
      'a.startsAt',
      'a.endsAt',
      'a.dueAt',
      'a.location',
      'a.videoUrl',
      'a.version',
      'a.updatedAt',
      'a.deletedAt',
      'a.sendInvitations',
      'a.relatedType',
      'a.relatedId',
      'a.ownerId',
      'o.name as ownerName',
      'o.email as ownerEmail',
    ]);
}

/** A user's calendar items in a window: activities they own or take part in, cancelled ones included. */
export async function feedActivities(
  conn: Conn,
  userId: string,
  types: readonly string[],
  from: Date,
  to: Date,
): Promise<CalendarActivityRow[]> {
  return selectCalendarActivities(conn)
    .where('a.deletedAt', 'is', null)
    .where('a.type', 'in', [...types])
    .where('a.at', '>=', from)
    .where('a.at', '<', to)
    .where((eb) =>
      eb.or([
        eb('a.ownerId', '=', userId),
        eb.exists(
          eb
            .selectFrom('activityParticipants as p')
            .select(sql`1`.as('one'))
            .whereRef('p.activityId', '=', 'a.id')
            .where('p.participantType', '=', 'user')
            .where('p.participantId', '=', userId),
        ),
      ]),
    )
    .orderBy('a.at')
    .orderBy('a.id')
    .limit(5000)
    .execute() as Promise<CalendarActivityRow[]>;
}

export async function findCalendarActivity(conn: Conn, id: string): Promise<CalendarActivityRow | undefined> {
  return selectCalendarActivities(conn).where('a.id', '=', id).executeTakeFirst() as Promise<CalendarActivityRow | undefined>;
}

/** Contact and lead participants of an activity that have an email address (the external invitees). */
export async function externalInvitees(conn: Conn, activityId: string) {
  const result = await sql<{ type: string; id: string; name: string | null; email: string }>`
    SELECT p.participant_type AS type, p.participant_id AS id,
      coalesce(nullif(btrim(concat_ws(' ', c.first_name, c.last_name)), ''),
               nullif(btrim(concat_ws(' ', l.first_name, l.last_name)), '')) AS name,
      coalesce(c.emails->>0, l.email) AS email
    FROM activity_participants p
    LEFT JOIN contacts c ON p.participant_type = 'contact' AND c.id = p.participant_id AND c.deleted_at IS NULL
    LEFT JOIN leads l ON p.participant_type = 'lead' AND l.id = p.participant_id AND l.deleted_at IS NULL
    WHERE p.activity_id = ${activityId} AND p.participant_type IN ('contact','lead')
      AND coalesce(c.emails->>0, l.email) IS NOT NULL
    ORDER BY 4`.execute(conn);
  return result.rows;
}

export async function findInvitation(conn: Conn, activityId: string) {
  return conn.selectFrom('activityInvitations').selectAll().where('activityId', '=', activityId).executeTakeFirst();
}

export async function saveInvitation(
  conn: Conn,
  v: {
    activityId: string;
    method: string;
    sequence: number;
    recipients: Array<{ email: string; name: string | null }>;
    sentAt: Date;
  },
) {
  const values = { ...v, recipients: JSON.stringify(v.recipients) };
  await conn
    .insertInto('activityInvitations')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('activityId')
        .doUpdateSet({ method: v.method, sequence: v.sequence, recipients: values.recipients, sentAt: v.sentAt }),
    )
    .execute();
}
