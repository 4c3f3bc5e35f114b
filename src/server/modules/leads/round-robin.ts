import { sql } from 'kysely';
import type { Tx } from '../../platform/db.js';

/**
 * The next owner for a new unowned lead of `teamId`: active members in a stable order, after the one who got the
 * previous lead. The team's row is locked (SELECT … FOR UPDATE) for the rest of the transaction, so leads arriving
 * at the same moment queue up instead of landing on the same member. Returns null for a team without active members.
 */
export async function nextRoundRobinOwner(tx: Tx, teamId: string): Promise<string | null> {
  return (await nextRoundRobinOwners(tx, teamId, 1))[0] ?? null;
}

/**
 * The next `n` owners in the same rotation, for a batch of leads (an import): one lock on the team's round-robin
 * row, one update at the end. All null for a team without active members.
 */
export async function nextRoundRobinOwners(tx: Tx, teamId: string, n: number): Promise<Array<string | null>> {
  if (n === 0) return [];
  await tx
    .insertInto('teamRoundRobin')
    .values({ teamId, lastUserId: null })
    .onConflict((oc) => oc.column('teamId').doNothing())
    .execute();
  const state = await tx
    .selectFrom('teamRoundRobin')
    .select('lastUserId')
    .where('teamId', '=', teamId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const members = (
    await tx
      .selectFrom('teamMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select('u.id')
      .where('m.teamId', '=', teamId)
      .where('u.active', '=', true)
      .where('u.role', 'in', ['sdr', 'account_manager', 'team_lead'])
      .orderBy(sql`u.id`)
      .execute()
  ).map((m) => m.id);
  if (members.length === 0) return Array.from({ length: n }, () => null);
  // The first member after the previous one (ids compare as PostgreSQL orders uuids); a member who left the team or
  // was deactivated does not reset the rotation.
  const last = state.lastUserId;
  const first =
    last === null
      ? 0
      : Math.max(
          0,
          members.findIndex((id) => id > last),
        );
  const owners = Array.from({ length: n }, (_, i) => members[(first + i) % members.length] as string);
  await tx
    .updateTable('teamRoundRobin')
    .set({ lastUserId: owners.at(-1) as string })
    .where('teamId', '=', teamId)
    .execute();
  return owners;
}
