import type { Role } from '../../../domain/users/user.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Conn } from '../../platform/db.js';

/** Builds the acting user with the team facts the access policy needs, in two small queries. */
export async function loadActor(conn: Conn, userId: string): Promise<Actor | undefined> {
  const user = await conn
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'locale', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.active) return undefined;
  const teams = await conn
    .selectFrom('teams as t')
    .select('t.id')
    .where((eb) =>
      eb.or([
        eb('t.leadId', '=', userId),
        eb.exists(
          eb.selectFrom('teamMembers as m').select('m.userId').whereRef('m.teamId', '=', 't.id').where('m.userId', '=', userId),
        ),
      ]),
    )
    .execute();
  const teamIds = teams.map((t) => t.id);
  let teamMateIds: string[] = [];
  if (teamIds.length) {
    const mates = await conn
      .selectFrom('teamMembers')
      .select('userId')
      .where('teamId', 'in', teamIds)
      .union(
        conn
          .selectFrom('teams')
          .select((eb) => eb.fn.coalesce('leadId', eb.val(userId)).as('userId'))
          .where('id', 'in', teamIds),
      )
      .execute();
    teamMateIds = [...new Set(mates.map((m) => m.userId as string))].filter((id) => id !== userId);
  }
  return { id: user.id, name: user.name, email: user.email, role: user.role as Role, locale: user.locale, teamIds, teamMateIds };
}
