import type { Conn } from '../../platform/db.js';
import { invalidField } from '../../platform/errors.js';

/** Checks that `userId` names an active user, for owner fields; the error names the field. */
export async function requireActiveUser(conn: Conn, userId: string, field = 'ownerId') {
  const user = await conn.selectFrom('users').select(['id', 'name', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw invalidField(field, 'no such user');
  if (!user.active) throw invalidField(field, 'this user is deactivated');
  return user;
}
