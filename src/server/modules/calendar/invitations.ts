import type { Activity } from '../../../domain/activities/activity.schema.js';
import { icsUid } from '../../../domain/calendar/calendar.schema.js';
import type { StreamEntityType } from '../../../domain/stream/stream.schema.js';
import { now } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import { type Db, inTransaction, type Tx } from '../../platform/db.js';
import { enqueue, type Job, type JobRunner } from '../../platform/jobs.js';
import { notify, recordLink } from '../notifications/notify.js';
import { appendStream } from '../stream/stream.repo.js';
import {
  type CalendarActivityRow,
  externalInvitees,
  findCalendarActivity,
  findInvitation,
  saveInvitation,
} from './calendar.repo.js';
import { activityLink, addActivityEvent, newCalendar } from './ics.js';
import { mailFrom, smtpTransport } from './mailer.js';

/**
 * Meeting invitations to external participants (contacts and leads with an email) as iCalendar emails: METHOD
 * REQUEST with a stable UID (`<activity id>@stride`) and SEQUENCE = the activity's version, re-sent on every
 * relevant change; METHOD CANCEL when the meeting is cancelled or deleted (and to participants who were removed).
 * Sending runs in a job (one queued job per meeting: quick successive edits send once, with the latest state),
 * never inside the user's transaction; what was sent is recorded in activity_invitations and as `email_sent` in
 * the related record's Stream.
 */
export const INVITATION_JOB = 'calendar.invitation';
/** The notification a meeting owner gets when invitations could not be sent. */
export const INVITATION_FAILED_NOTIFICATION = 'invitation_failed' as const;

type Payload = { activityId: string };
type Recipient = { email: string; name: string | null };

const RELEVANT: Array<keyof Activity> = [
  'subject',
  'description',
  'startsAt',
  'endsAt',
  'location',
  'videoUrl',
  'deletedAt',
  'sendInvitations' as keyof Activity,
];

type InvitableActivity = Activity & { sendInvitations?: boolean };

/** Call in the transaction that created/updated/deleted the activity. */
export async function scheduleInvitation(tx: Tx, before: InvitableActivity | null, after: InvitableActivity): Promise<void> {
  if (after.type !== 'meeting') return;
  if (!after.sendInvitations && !before?.sendInvitations) return;
  const participants = (a: Activity) =>
    a.participants
      .map((p) => `${p.type}:${p.id}`)
      .sort()
      .join(',');
  const changed =
    before === null ||
    participants(before) !== participants(after) ||
    // Only cancelling (or un-cancelling) matters to the invitees: marking a meeting held/not held sends nothing.
    (before.status === 'cancelled') !== (after.status === 'cancelled') ||
    RELEVANT.some((f) => (before[f] ?? null) !== (after[f] ?? null));
  if (!changed) return;
  const payload: Payload = { activityId: after.id };
  await enqueue(tx, INVITATION_JOB, payload, { singletonKey: after.id, maxAttempts: 6 });
}

function dedupe(list: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of list) if (!seen.has(r.email.toLowerCase())) seen.set(r.email.toLowerCase(), r);
  return [...seen.values()];
}

function whenText(a: CalendarActivityRow) {
  const at = a.startsAt ?? a.dueAt;
  if (!at) return '';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Prague' }).format(
    new Date(at),
  );
}

async function sendOne(
  config: Config,
  a: CalendarActivityRow,
  method: 'REQUEST' | 'CANCEL',
  recipients: Recipient[],
  updated: boolean,
): Promise<{ subject: string; text: string }> {
  const cal = newCalendar({ method });
  addActivityEvent(cal, a, { stamp: now(), publicUrl: config.publicUrl, cancelled: method === 'CANCEL', attendees: recipients });
  const ics = cal.toString();
  const subject =
    method === 'CANCEL'
      ? `Cancelled: ${a.subject}`
      : `${updated ? 'Updated invitation' : 'Invitation'}: ${a.subject} @ ${whenText(a)}`;
  const text = [
    method === 'CANCEL' ? 'This meeting has been cancelled.' : `${a.ownerName} invites you to a meeting.`,
    '',
    a.subject,
    whenText(a) ? `When: ${whenText(a)} (Europe/Prague)` : null,
    a.location ? `Where: ${a.location}` : null,
    a.videoUrl ? `Video: ${a.videoUrl}` : null,
    a.description ? `\n${a.description}` : null,
  ]
    .filter((l) => l !== null)
    .join('\n');
  await smtpTransport(config).sendMail({
    from: mailFrom(config),
    replyTo: { name: a.ownerName, address: a.ownerEmail },
    to: recipients.map((r) => ({ name: r.name ?? '', address: r.email })),
    subject,
    text,
    icalEvent: { method, content: ics, filename: 'invite.ics' },
    attachments: [{ filename: 'invite.ics', content: ics, contentType: `application/ics; method=${method}` }],
    headers: { 'X-Stride-Activity': a.id },
  });
  return { subject, text };
}

export async function deliverInvitation(db: Db, config: Config, payload: Payload): Promise<void> {
  const a = await findCalendarActivity(db, payload.activityId);
  if (a?.type !== 'meeting') return;
  const prev = await findInvitation(db, a.id);
  const prevRecipients = (prev?.recipients ?? []) as Recipient[];
  const live = a.sendInvitations && a.status !== 'cancelled' && !a.deletedAt;
  const current = live ? dedupe(await externalInvitees(db, a.id)) : [];
  const sends: Array<{ method: 'REQUEST' | 'CANCEL'; to: Recipient[] }> = [];
  if (current.length > 0) {
    // Re-running a job for a version already sent (e.g. after a crash right after sending) sends nothing.
    if (!(prev && prev.method === 'REQUEST' && prev.sequence >= a.version)) sends.push({ method: 'REQUEST', to: current });
  }
  const invitedBefore = prev?.method === 'REQUEST' ? prevRecipients : [];
  const keep = new Set(current.map((r) => r.email.toLowerCase()));
  const removed = invitedBefore.filter((r) => !keep.has(r.email.toLowerCase()));
  if (removed.length > 0) sends.push({ method: 'CANCEL', to: removed });
  if (sends.length === 0) return;

  const sent: Array<{ method: string; to: Recipient[]; subject: string; text: string }> = [];
  for (const s of sends) sent.push({ ...s, ...(await sendOne(config, a, s.method, s.to, prev?.method === 'REQUEST')) });

  const at = now();
  const streamTarget: { entityType: StreamEntityType; entityId: string } =
    a.relatedType && a.relatedId
      ? { entityType: a.relatedType as StreamEntityType, entityId: a.relatedId }
      : { entityType: 'activity', entityId: a.id };
  await inTransaction(db, async (tx) => {
    await saveInvitation(tx, {
      activityId: a.id,
      method: current.length > 0 ? 'REQUEST' : 'CANCEL',
      sequence: a.version,
      recipients: current.length > 0 ? current : invitedBefore,
      sentAt: at,
    });
    await appendStream(
      tx,
      sent.map((s) => ({
        ...streamTarget,
        type: 'email_sent' as const,
        actorId: a.ownerId,
        data: {
          kind: 'invitation',
          to: s.to.map((r) => r.email),
          subject: s.subject,
          from: { name: a.ownerName, address: a.ownerEmail },
          body: s.text,
          format: 'text',
          uid: icsUid(a.id),
          sequence: a.version,
          method: s.method,
          activity: { id: a.id, name: a.subject },
        },
      })),
    );
  });
}

async function reportFailure(db: Db, job: Job<Payload>, error: Error) {
  const a = await findCalendarActivity(db, job.payload.activityId);
  if (!a) return;
  await inTransaction(db, async (tx) => {
    await notify(tx, {
      userId: a.ownerId,
      type: INVITATION_FAILED_NOTIFICATION,
      title: (locale) =>
        locale === 'cs'
          ? `Pozvánky na „${a.subject}“ nebyly odeslány`
          : locale === 'de'
            ? `Einladungen zu „${a.subject}“ wurden nicht versendet`
            : `Invitations for "${a.subject}" were not sent`,
      body: error.message,
      link: recordLink('activity', a.id),
      entity: { type: 'activity', id: a.id },
      actorId: null,
      dedupeKey: `invitation-failed:${job.id}`,
    });
  });
}

export function registerInvitationJobs(runner: JobRunner, deps: { db: Db; config: Config }) {
  runner.work<Payload>(INVITATION_JOB, (job) => deliverInvitation(deps.db, deps.config, job.payload), {
    onGiveUp: (job, error) => reportFailure(deps.db, job, error),
  });
}

export { activityLink };
