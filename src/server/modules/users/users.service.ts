import { sql } from 'kysely';
import { foldText } from '../../../domain/common/text.js';
import type { Role, User, UserCreateInput, UserUpdateInput } from '../../../domain/users/user.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickDefined } from '../../platform/objects.js';
import { hashPassword } from '../../platform/passwords.js';
import { diffFields } from '../stream/diff.js';
import { appendStream } from '../stream/stream.repo.js';

const iso = (d: Date) => d.toISOString();

async function teamIdsByUser(conn: Conn, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await conn.selectFrom('teamMembers').select(['userId', 'teamId']).where('userId', 'in', userIds).execute();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.teamId]);
  return map;
}

function selectUsers(conn: Conn) {
  return conn
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'locale', 'active', 'version', 'createdAt', 'updatedAt', 'createdBy']);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

function toUser(r: UserRow, teamIds: string[]): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    locale: r.locale as User['locale'],
    active: r.active,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    createdBy: r.createdBy,
    teamIds,
  };
}

/** Everyone signed in may see the user directory (names for owner pickers); never password hashes. */
export async function listUsers(db: Db, _actor: Actor, query: { q?: string; role?: Role; active?: boolean; limit: number }) {
  // With a search term the limit applies after matching, or matches beyond the first page would be missed.
  let q = selectUsers(db).orderBy(sql`lower(name)`).orderBy('id');
  if (!query.q) q = q.limit(query.limit);
  if (query.role) q = q.where('role', '=', query.role);
  if (query.active !== undefined) q = q.where('active', '=', query.active);
  const rows = await q.execute();
  const needle = query.q ? foldText(query.q) : undefined;
  const filtered = needle ? rows.filter((r) => foldText(`${r.name} ${r.email}`).includes(needle)).slice(0, query.limit) : rows;
  const teams = await teamIdsByUser(
    db,
    filtered.map((r) => r.id),
  );
  return { data: filtered.map((r) => toUser(r, teams.get(r.id) ?? [])), nextCursor: null };
}

export async function getUser(conn: Conn, _actor: Actor, id: string): Promise<User> {
  const row = await selectUsers(conn).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('User');
  return toUser(row, (await teamIdsByUser(conn, [id])).get(id) ?? []);
}

async function assertTeamsExist(conn: Conn, teamIds: string[]) {
  if (teamIds.length === 0) return;
  const found = await conn.selectFrom('teams').select('id').where('id', 'in', teamIds).execute();
  if (found.length !== new Set(teamIds).size) throw invalidField('teamIds', 'contains a team that does not exist');
}

async function setMemberships(conn: Conn, userId: string, teamIds: string[]) {
  await conn.deleteFrom('teamMembers').where('userId', '=', userId).execute();
  const unique = [...new Set(teamIds)];
  if (unique.length)
    await conn
      .insertInto('teamMembers')
      .values(unique.map((teamId) => ({ teamId, userId })))
      .execute();
}

/** Creates a user; `actor` null means the CLI or first-start bootstrap (no acting user yet). */
export async function createUser(db: Db, actor: Actor | null, input: UserCreateInput & { email: string }): Promise<User> {
  if (actor) assertAdmin(actor);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const exists = await tx
      .selectFrom('users')
      .select('id')
      .where(sql`lower(email)`, '=', input.email.toLowerCase())
      .executeTakeFirst();
    if (exists)
      throw new AppError('conflict', 'email: a user with this email already exists', [
        { field: 'email', message: 'is already taken' },
      ]);
    await assertTeamsExist(tx, input.teamIds ?? []);
    const id = newId();
    const at = now();
    await tx
      .insertInto('users')
      .values({
        id,
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        passwordHash,
        locale: input.locale ?? 'en',
        createdAt: at,
        updatedAt: at,
        createdBy: actor?.id ?? null,
      })
      .execute();
    await setMemberships(tx, id, input.teamIds ?? []);
    await appendStream(tx, {
      entityType: 'user',
      entityId: id,
      type: 'create',
      actorId: actor?.id ?? null,
      data: { name: input.name, role: input.role },
    });
    return getUser(tx, actor as Actor, id);
  });
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  input: UserUpdateInput,
  ifMatch: number | undefined,
): Promise<User> {
  const isSelf = actor.id === id;
  const adminOnly = ['role', 'active', 'teamIds', 'password'] as const;
  if (actor.role !== 'admin' && (!isSelf || adminOnly.some((k) => input[k] !== undefined))) assertAdmin(actor);
  if (isSelf && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw new AppError('validation_failed', 'You cannot deactivate or demote yourself', [
      { field: input.active === false ? 'active' : 'role', message: 'cannot be changed on your own account' },
    ]);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return inTransaction(db, async (tx) => {
    const current = await getUser(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (input.teamIds) await assertTeamsExist(tx, input.teamIds);
    const patch = pickDefined(input, ['name', 'role', 'locale', 'active']);
    const changes = diffFields(
      { ...current, teamIds: [...current.teamIds].sort() },
      { ...patch, ...(input.teamIds ? { teamIds: [...new Set(input.teamIds)].sort() } : {}) },
      ['name', 'role', 'locale', 'active', 'teamIds'],
    );
    if (changes.length === 0 && !passwordHash) return current;
    const result = await tx
      .updateTable('users')
      .set({ ...patch, ...(passwordHash ? { passwordHash } : {}), updatedAt: now(), version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale();
    if (input.teamIds) await setMemberships(tx, id, input.teamIds);
    if (input.active === false || passwordHash) await tx.deleteFrom('sessions').where('userId', '=', id).execute();
    await appendStream(tx, {
      entityType: 'user',
      entityId: id,
      type: 'update',
      actorId: actor.id,
      data: { changes: passwordHash ? [...changes, { field: 'password', old: null, new: '(changed)' }] : changes },
    });
    return getUser(tx, actor, id);
  });
}
