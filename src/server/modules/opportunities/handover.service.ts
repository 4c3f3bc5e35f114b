import type { HandoverInput, HandoverResult } from '../../../domain/opportunities/handover.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertCanAssign, assertWritable } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction, type Tx } from '../../platform/db.js';
import { AppError, invalidField, stale } from '../../platform/errors.js';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import { createActivityInTx } from '../activities/activities.service.js';
import { notifyAssignment } from '../notifications/notification-producers.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import { requireActiveUser } from '../users/users.lookup.js';

const DAY_MS = 86_400_000;

/** The new owner: the named user, or the lead of the named team (a team without a lead cannot take an account). */
async function resolveNewOwner(conn: Conn, input: HandoverInput): Promise<{ id: string; name: string }> {
  let ownerId = input.toOwnerId;
  const field = ownerId ? 'toOwnerId' : 'toTeamId';
  if (!ownerId) {
    const team = await conn
      .selectFrom('teams')
      .select(['id', 'leadId'])
      .where('id', '=', input.toTeamId as string)
      .executeTakeFirst();
    if (!team) throw invalidField('toTeamId', 'no such team');
    if (!team.leadId) throw invalidField('toTeamId', 'the team has no team lead to take the account');
    ownerId = team.leadId;
  }
  await requireActiveUser(conn, ownerId, field);
  const user = await conn.selectFrom('users').select(['id', 'name']).where('id', '=', ownerId).executeTakeFirstOrThrow();
  return user;
}

type Moved = { id: string; ownerId: string; name: string };

async function reassign(
  tx: Tx,
  table: 'contacts' | 'opportunities' | 'activities',
  rows: Moved[],
  to: string,
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .updateTable(table)
    .set((eb) => ({ ownerId: to, updatedAt: at, version: eb('version', '+', 1) }))
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
}

/**
 * Hands an account to another owner or team (seeds 002 "Account handover", 004 step 9 "transfer to the group"):
 * the account, its contacts, its open opportunities and the planned activities of the people handing over move
 * to the new owner in one transaction. Nothing is deleted — every moved record gets an `assign` Stream entry and
 * the account a `handover` entry with the note, so the complete history stays where it was. The new owner gets an
 * intro task for today and a "satisfaction check" task 30 days out.
 */
export async function handOverAccount(db: Db, actor: Actor, accountId: string, input: HandoverInput): Promise<HandoverResult> {
  return inTransaction(db, async (tx) => {
    await tx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirst();
    const account = await getVisibleAccount(tx, actor, accountId);
    assertWritable(actor, 'account', account);
    const to = await resolveNewOwner(tx, input);
    assertCanAssign(actor, 'account', to.id);
    if (to.id === account.ownerId && !input.includeOpenOpportunities && !input.includeActivities)
      throw new AppError('conflict', 'The account already belongs to this user');
    const at = now();
    const fromOwner = account.ownerId;

    const accountOk = await tx
      .updateTable('accounts')
      .set((eb) => ({ ownerId: to.id, updatedAt: at, version: eb('version', '+', 1) }))
      .where('id', '=', accountId)
      .where('version', '=', account.version)
      .executeTakeFirst();
    if (Number(accountOk.numUpdatedRows) !== 1) throw stale();

    const contacts = (
      await tx
        .selectFrom('contacts')
        .select(['id', 'ownerId', 'firstName', 'lastName'])
        .where('accountId', '=', accountId)
        .where('deletedAt', 'is', null)
        .where('ownerId', '<>', to.id)
        .execute()
    ).map((c) => ({ id: c.id, ownerId: c.ownerId, name: [c.firstName, c.lastName].filter(Boolean).join(' ') }));
    await reassign(tx, 'contacts', contacts, to.id, at);

    const opportunities: Moved[] = input.includeOpenOpportunities
      ? await tx
          .selectFrom('opportunities')
          .select(['id', 'ownerId', 'name'])
          .where('accountId', '=', accountId)
          .where('status', '=', 'open')
          .where('deletedAt', 'is', null)
          .where('ownerId', '<>', to.id)
          .execute()
      : [];
    await reassign(tx, 'opportunities', opportunities, to.id, at);

    // planned activities on the handed-over records that belonged to the people handing over
    let activities: Moved[] = [];
    if (input.includeActivities) {
      const previousOwners = [
        ...new Set([fromOwner, ...contacts.map((c) => c.ownerId), ...opportunities.map((o) => o.ownerId)]),
      ].filter((id) => id !== to.id);
      const related = [
        { type: 'account', ids: [accountId] },
        { type: 'contact', ids: contacts.map((c) => c.id) },
        { type: 'opportunity', ids: opportunities.map((o) => o.id) },
      ].filter((r) => r.ids.length);
      if (previousOwners.length)
        activities = (
          await tx
            .selectFrom('activities')
            .select(['id', 'ownerId', 'subject'])
            .where('status', '=', 'planned')
            .where('deletedAt', 'is', null)
            .where('ownerId', 'in', previousOwners)
            .where((eb) => eb.or(related.map((r) => eb.and([eb('relatedType', '=', r.type), eb('relatedId', 'in', r.ids)]))))
            .execute()
        ).map((a) => ({ id: a.id, ownerId: a.ownerId, name: a.subject }));
      await reassign(tx, 'activities', activities, to.id, at);
    }

    const assign = (entityType: NewStreamEntry['entityType'], r: Moved): NewStreamEntry => ({
      entityType,
      entityId: r.id,
      type: 'assign',
      actorId: actor.id,
      data: { from: r.ownerId, to: to.id, handover: { accountId } },
    });
    const moved = { contacts: contacts.length, opportunities: opportunities.length, activities: activities.length };
    await appendStream(tx, [
      ...(fromOwner !== to.id ? [assign('account', { id: accountId, ownerId: fromOwner, name: account.name })] : []),
      ...contacts.map((c) => assign('contact', c)),
      ...opportunities.map((o) => assign('opportunity', o)),
      ...activities.map((a) => assign('activity', a)),
      {
        entityType: 'account',
        entityId: accountId,
        type: 'handover',
        actorId: actor.id,
        data: {
          from: fromOwner,
          to: { id: to.id, name: to.name },
          team: input.toTeamId ?? null,
          note: input.note,
          moved,
        },
      },
    ]);

    const intro = await createActivityInTx(tx, actor, {
      type: 'task',
      subject: `Introduction: take over ${account.name}`,
      description: input.note,
      dueAt: at.toISOString(),
      relatedTo: { type: 'account', id: accountId },
      ownerId: to.id,
      location: null,
      outcome: null,
    });
    const followUp = await createActivityInTx(tx, actor, {
      type: 'task',
      subject: `Satisfaction check: ${account.name} (30 days after handover)`,
      description: `Handed over on ${at.toISOString().slice(0, 10)}. ${input.note}`,
      dueAt: new Date(at.getTime() + 30 * DAY_MS).toISOString(),
      relatedTo: { type: 'account', id: accountId },
      ownerId: to.id,
      location: null,
      outcome: null,
    });
    await notifyAssignment(tx, actor, { type: 'account', id: accountId, name: account.name }, to.id);

    const from = await tx.selectFrom('users').select(['id', 'name']).where('id', '=', fromOwner).executeTakeFirst();
    return { accountId, from: from ?? null, to, moved, introTaskId: intro.id, followUpTaskId: followUp.id };
  });
}
