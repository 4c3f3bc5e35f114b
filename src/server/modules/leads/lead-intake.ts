import type { Lead, LeadCreate } from '../../../domain/leads/lead.schema.js';
import type { StreamType } from '../../../domain/stream/stream.schema.js';
import type { Actor } from '../../access/actor.js';
import { canCreate } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import type { Conn, Db } from '../../platform/db.js';
import { invalidField } from '../../platform/errors.js';
import { loadActor } from '../auth/actor.loader.js';
import { appendStream } from '../stream/stream.repo.js';
import { toLead } from './leads.mapper.js';
import { findLead } from './leads.repo.js';
import { createLead } from './leads.service.js';
import { getScoreWeights } from './score-weights.js';

export type IntakeResult = { lead: Lead; created: boolean };

/**
 * Checks the user an intake channel (web form, sales mailbox) creates its leads as: an active user who may create
 * leads, or every arrival would fail.
 */
export async function requireIntakeUser(conn: Conn, userId: string) {
  const intake = await loadActor(conn, userId);
  if (!intake) throw invalidField('intakeUserId', 'no such active user');
  if (!canCreate(intake, 'lead')) throw invalidField('intakeUserId', 'this user may not create leads');
}

/**
 * The one way leads arrive from outside (web form, sales mailbox, import): a sender whose email already belongs to
 * an open lead adds to that lead's Stream instead of creating a duplicate; otherwise a new lead is created
 * (round-robin to the receiving team when it has no owner). `entry` describes what arrived, for the Stream.
 */
export async function intakeLead(
  db: Db,
  actor: Actor,
  input: LeadCreate,
  entry: { type: StreamType; data: Record<string, unknown> },
): Promise<IntakeResult> {
  if (input.email) {
    const existing = await findOpenLeadByEmail(db, input.email);
    if (existing) {
      await db.transaction().execute(async (tx) => {
        await appendStream(tx, {
          entityType: 'lead',
          entityId: existing.id,
          type: entry.type,
          actorId: actor.id,
          data: { ...entry.data, repeated: true },
        });
        await tx.updateTable('leads').set({ updatedAt: now() }).where('id', '=', existing.id).execute();
      });
      const row = await findLead(db, existing.id);
      return { lead: toLead(row as NonNullable<typeof row>, await getScoreWeights(db), now()), created: false };
    }
  }
  // Intake never defaults the owner to the acting (system or form) user: unowned leads go to the team's queue.
  return { lead: await createLead(db, actor, { ...input, ownerId: input.ownerId ?? null }, [entry]), created: true };
}

/** The newest lead with this email that is still being worked (not converted, dead or deleted). */
export async function findOpenLeadByEmail(db: Db, email: string) {
  return db
    .selectFrom('leads')
    .select(['id', 'status'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('deletedAt', 'is', null)
    .where('status', 'not in', ['converted', 'dead'])
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}
