import { type ActivityStatus, type ActivityType, countsAsContact } from '../../../domain/activities/activity.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Tx } from '../../platform/db.js';
import { recordFirstContact } from '../leads/first-contact.js';
import { appendStream } from '../stream/stream.repo.js';

/**
 * What an activity's outcome means for the record it belongs to: an `activity` entry in that record's Stream
 * ("if it is not in the Stream, it did not happen"), and for a lead a held call/meeting or sent email stops the
 * first-contact clock.
 */
export async function onActivityOutcome(
  tx: Tx,
  actor: Actor,
  activity: { id: string; type: ActivityType; subject: string; status: ActivityStatus; outcome: string | null },
  related: { type: string; id: string },
  at: Date,
) {
  await appendStream(tx, {
    entityType: related.type as 'lead',
    entityId: related.id,
    type: 'activity',
    actorId: actor.id,
    data: {
      record: { type: 'activity', id: activity.id, name: activity.subject, activityType: activity.type },
      status: activity.status,
      outcome: activity.outcome,
    },
  });
  if (related.type === 'lead' && countsAsContact(activity.type, activity.status)) await recordFirstContact(tx, related.id, at);
}
