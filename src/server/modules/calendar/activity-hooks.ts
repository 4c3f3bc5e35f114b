import type { Activity } from '../../../domain/activities/activity.schema.js';
import type { Tx } from '../../platform/db.js';
import { scheduleReminder } from '../reminders/reminders.js';
import { scheduleInvitation } from './invitations.js';

/**
 * Background work an activity change asks for, enqueued in the SAME transaction as the change (so a rolled-back
 * edit schedules nothing): the reminder job and, for meetings with invitations on, the invitation email job.
 * `before` is null on create; on delete `after` carries `deletedAt`.
 */
export async function afterActivityChange(tx: Tx, before: Activity | null, after: Activity): Promise<void> {
  await scheduleReminder(tx, before, after);
  await scheduleInvitation(tx, before, after);
}
