import { sql } from 'kysely';
import type { Team } from '../../../domain/users/user.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { diffFields } from '../stream/diff.js';
import { appendStream } from '../stream/stream.repo.js';

type TeamInput = { name?: string; leadId?: string | null; memberIds?: string[] };

async function toTeams(
  conn: Conn,
  rows: Array<{
    id: string;
    name: string;
    leadId: string | null;
    version: number;
    createdAt: Date;
    updatedAt: Date;
    createdBy: string | null;
  }>,
): Promise<Team[]> {
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await conn.selectFrom('teamMembers').select(['teamId', 'userId']).where('teamId', 'in', ids).execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    leadId: r.leadId,
    memberIds: members.filter((m) => m.teamId === r.id).map((m) => m.userId),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    createdBy: r.createdBy,
  }));
}

export async function listTeams(db: Db, _actor: Actor) {
  const rows = await db.selectFrom('teams').selectAll().orderBy(sql`lower(name)`).execute();
  return { data: await toTeams(db, rows), nextCursor: null };
}

export async function getTeam(conn: Conn, _actor: Actor, id: string): Promise<Team> {
  const row = await conn.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Team');
  return (await toTeams(conn, [row]))[0] as Team;
}

async function assertUsersExist(conn: Conn, ids: string[], field: string) {
  if (ids.length === 0) return;
  const found = await conn.selectFrom('users').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) throw invalidField(field, 'contains a user that does not exist');
}

async function setMembers(conn: Conn, teamId: string, memberIds: string[]) {
  await conn.deleteFrom('teamMembers').where('teamId', '=', teamId).execute();
  const unique = [...new Set(memberIds)];
  if (unique.length)
    await conn
      .insertInto('teamMembers')
      .values(unique.map((userId) => ({ teamId, userId })))
      .execute();
}

export async function createTeam(db: Db, actor: Actor | null, input: TeamInput & { name: string }): Promise<Team> {
  if (actor) assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    await assertUsersExist(tx, input.memberIds ?? [], 'memberIds');
    if (input.leadId) await assertUsersExist(tx, [input.leadId], 'leadId');
    const clash = await tx
      .selectFrom('teams')
      .select('id')
      .where(sql`lower(name)`, '=', input.name.toLowerCase())
      .executeTakeFirst();
    if (clash)
      throw new AppError('conflict', 'name: a team with this name exists', [{ field: 'name', message: 'is already taken' }]);
    const id = newId();
    const at = now();
    await tx
      .insertInto('teams')
      .values({ id, name: input.name, leadId: input.leadId ?? null, createdAt: at, updatedAt: at, createdBy: actor?.id ?? null })
      .execute();
    await setMembers(tx, id, input.memberIds ?? []);
    await appendStream(tx, {
      entityType: 'team',
      entityId: id,
      type: 'create',
      actorId: actor?.id ?? null,
      data: { name: input.name },
    });
    return getTeam(tx, actor as Actor, id);
  });
}

export async function updateTeam(db: Db, actor: Actor, id: string, input: TeamInput, ifMatch: number | undefined): Promise<Team> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const current = await getTeam(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (input.memberIds) await assertUsersExist(tx, input.memberIds, 'memberIds');
    if (input.leadId) await assertUsersExist(tx, [input.leadId], 'leadId');
    const after = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.leadId !== undefined ? { leadId: input.leadId } : {}),
      ...(input.memberIds ? { memberIds: [...new Set(input.memberIds)].sort() } : {}),
    };
    const changes = diffFields({ ...current, memberIds: [...current.memberIds].sort() }, after, ['name', 'leadId', 'memberIds']);
    if (changes.length === 0) return current;
    const result = await tx
      .updateTable('teams')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.leadId !== undefined ? { leadId: input.leadId } : {}),
        updatedAt: now(),
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale();
    if (input.memberIds) await setMembers(tx, id, input.memberIds);
    await appendStream(tx, { entityType: 'team', entityId: id, type: 'update', actorId: actor.id, data: { changes } });
    return getTeam(tx, actor, id);
  });
}

export async function deleteTeam(db: Db, actor: Actor, id: string): Promise<void> {
  assertAdmin(actor);
  await inTransaction(db, async (tx) => {
    const current = await getTeam(tx, actor, id);
    await tx.deleteFrom('teams').where('id', '=', id).execute();
    await appendStream(tx, { entityType: 'team', entityId: id, type: 'delete', actorId: actor.id, data: { name: current.name } });
  });
}
