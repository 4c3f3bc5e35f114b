import { sql } from 'kysely';
import type { Activity } from '../../../domain/activities/activity.schema.js';
import { now } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import { type Db, inTransaction, type Tx } from '../../platform/db.js';
import { cancelJob, enqueue, type JobRunner } from '../../platform/jobs.js';
import { notify, recordLink } from '../notifications/notify.js';

/**
 * Activity reminders: setting `reminderAt` schedules one durable job (singleton key = the activity), changing it
 * replaces that job, cancelling/completing/deleting the activity cancels it. When the job runs, ONE transaction
 * sets `activities.reminded_at` (only if still unset and the reminder time is the one the job was made for)
 * and creates the in-app notification (emailed by the notifications module when SMTP_URL is set and the user
 * wants reminder emails) — so a reminder is delivered exactly once, also when a job runs twice after a crash.
 */
export const REMINDER_JOB = 'activity.reminder';

type ReminderPayload = { activityId: string; reminderAt: string };

type ActivityState = Pick<Activity, 'id' | 'reminderAt' | 'status' | 'deletedAt'>;

/** Call in the transaction that created/updated/deleted the activity. */
export async function scheduleReminder(tx: Tx, before: ActivityState | null, after: ActivityState): Promise<void> {
  const wants = after.reminderAt !== null && after.status === 'planned' && !after.deletedAt;
  const timeChanged = (before?.reminderAt ?? null) !== after.reminderAt;
  const stateChanged =
    before !== null && (before.status !== after.status || (before.deletedAt === null) !== (after.deletedAt === null));
  if (!timeChanged && !stateChanged) return;
  // A new reminder time is a new reminder: it may fire again even if the old one did.
  if (timeChanged) await tx.updateTable('activities').set({ remindedAt: null }).where('id', '=', after.id).execute();
  if (wants) {
    const payload: ReminderPayload = { activityId: after.id, reminderAt: after.reminderAt as string };
    await enqueue(tx, REMINDER_JOB, payload, { runAt: new Date(after.reminderAt as string), singletonKey: after.id });
  } else {
    await cancelJob(tx, REMINDER_JOB, after.id);
  }
}

function whenText(a: { startsAt: Date | null; dueAt: Date | null }) {
  const at = a.startsAt ?? a.dueAt;
  return at ? `${new Date(at).toISOString().replace('T', ' ').slice(0, 16)} UTC` : null;
}

/** Fires a reminder if it is still due; returns whether a notification was created. */
export async function fireReminder(db: Db, payload: ReminderPayload): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const fired = await sql<{
      id: string;
      type: string;
      subject: string;
      ownerId: string;
      startsAt: Date | null;
      dueAt: Date | null;
      location: string | null;
    }>`
      UPDATE activities SET reminded_at = ${now()}
      WHERE id = ${payload.activityId} AND reminded_at IS NULL AND reminder_at = ${new Date(payload.reminderAt)}
        AND status = 'planned' AND deleted_at IS NULL
      RETURNING id, type, subject, owner_id, starts_at, due_at, location`.execute(tx);
    const a = fired.rows[0];
    if (!a) return false;
    const when = whenText(a);
    const titles: Record<string, string> = {
      cs: `Připomínka: ${a.subject}`,
      de: `Erinnerung: ${a.subject}`,
      en: `Reminder: ${a.subject}`,
    };
    await notify(tx, {
      userId: a.ownerId,
      type: 'reminder',
      title: (locale) => titles[locale] ?? (titles.en as string),
      body: [when, a.location].filter(Boolean).join(' · ') || null,
      link: recordLink('activity', a.id),
      entity: { type: 'activity', id: a.id },
      actorId: null,
      dedupeKey: `reminder:${a.id}:${new Date(payload.reminderAt).toISOString()}`,
    });
    return true;
  });
}

export function registerReminderJobs(runner: JobRunner, deps: { db: Db; config: Config }) {
  runner.work<ReminderPayload>(REMINDER_JOB, async (job) => {
    await fireReminder(deps.db, job.payload);
  });
}
