import type { Conn } from '../../platform/db.js';
import { invalidField } from '../../platform/errors.js';

/** Checks that `userId` names an active user, for owner fields; the error names the field. */
export async function requireActiveUser(conn: Conn, userId: string, field = 'ownerId') {
  const user = await conn.selectFrom('users').select(['id', 'name', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw invalidField(field, 'no such user');
  if (!user.active) throw invalidField(field, 'this user is deactivated');
  return user;
}

/** Checks that `teamId` names a team (a receiving team, a default for imports); the error names the field. */
export async function requireTeam(conn: Conn, teamId: string, field = 'teamId') {
  const team = await conn.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw invalidField(field, 'no such team');
}

/** The longest-serving active administrator, who stands in when no user is named (a CLI import, a form's fallback). */
export async function firstActiveAdminId(conn: Conn): Promise<string | undefined> {
  const admin = await conn
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .orderBy('createdAt')
    .executeTakeFirst();
  return admin?.id;
}
