import { activityCreateInput } from '../../../domain/activities/activity.schema.js';
import { canTransition, type LeadStatus } from '../../../domain/leads/lead.lifecycle.js';
import type { Lead, LeadTransition } from '../../../domain/leads/lead.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertWritable } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction } from '../../platform/db.js';
import { AppError, stale } from '../../platform/errors.js';
import { createActivityInTx } from '../activities/activities.service.js';
import { appendStream } from '../stream/stream.repo.js';
import { updateLeadRow } from './leads.repo.js';
import { getVisibleLead } from './leads.service.js';

/**
 * Moves a lead along its lifecycle (seed 002): start work (in_process; also re-contact of a recycled lead),
 * recycle (with a re-contact date), or mark dead (with a reason). Refused moves answer 422 invalid_transition.
 */
export async function transitionLead(
  db: Db,
  actor: Actor,
  id: string,
  input: LeadTransition,
  ifMatch: number | undefined,
): Promise<Lead> {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleLead(tx, actor, id);
    assertWritable(actor, 'lead', current);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const from = current.status;
    const to: LeadStatus = input.status;
    if (!canTransition(from, to)) {
      throw new AppError('invalid_transition', `A lead cannot go from ${from} to ${to}`, [
        { field: 'status', message: `not allowed from ${from}`, from, to },
      ]);
    }
    const ok = await updateLeadRow(tx, id, current.version, {
      status: to,
      statusReason: to === 'dead' ? (input.reason ?? null) : to === 'recycled' ? (input.reason ?? null) : null,
      recontactOn: to === 'recycled' ? (input.recontactOn ?? null) : null,
      updatedAt: now(),
    });
    if (!ok) throw stale();
    if (to === 'recycled' && input.recontactOn) {
      // Seed 002: a recycled lead is re-contacted later — the owner gets a task for that day.
      await createActivityInTx(
        tx,
        actor,
        activityCreateInput.parse({
          type: 'task',
          subject: `Re-contact ${current.name}`,
          description: input.reason ?? null,
          dueAt: `${input.recontactOn}T08:00:00.000Z`,
          relatedTo: { type: 'lead', id },
          ownerId: current.ownerId ?? actor.id,
        }),
      );
    }
    await appendStream(tx, {
      entityType: 'lead',
      entityId: id,
      type: 'status',
      actorId: actor.id,
      data: {
        from,
        to,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.recontactOn ? { recontactOn: input.recontactOn } : {}),
      },
    });
    return getVisibleLead(tx, actor, id);
  });
}
