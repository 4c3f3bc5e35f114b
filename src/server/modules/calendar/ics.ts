import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  type ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { FEED_DATE_TIME_ZONE, icsUid } from '../../../domain/calendar/calendar.schema.js';
import type { CalendarActivityRow } from './calendar.repo.js';

const PROD_ID = { company: 'Stride', product: 'Stride CRM', language: 'EN' };

export function newCalendar(opts: { name?: string; method?: 'REQUEST' | 'CANCEL' }): ICalCalendar {
  return ical({
    prodId: PROD_ID,
    name: opts.name ?? null,
    method: opts.method ? ICalCalendarMethod[opts.method] : null,
  });
}

/** The calendar day of an instant in the feed's time zone, as a UTC-midnight Date (how all-day values are written). */
function dayOf(at: Date): Date {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: FEED_DATE_TIME_ZONE }).format(at);
  return new Date(`${ymd}T00:00:00Z`);
}

export function activityLink(publicUrl: string, id: string) {
  return `${publicUrl.replace(/\/$/, '')}/activities/${id}`;
}

/**
 * Adds one activity as a VEVENT: UID `<id>@stride` (stable), SEQUENCE = the activity's version (grows with every
 * change), STATUS CANCELLED for cancelled ones. Meetings and calls keep their times; a task is an all-day event
 * on its due day (VTODO is poorly supported by Google Calendar and Outlook subscriptions).
 */
export function addActivityEvent(
  cal: ICalCalendar,
  a: CalendarActivityRow,
  opts: { stamp: Date; publicUrl: string; cancelled?: boolean; attendees?: Array<{ email: string; name: string | null }> },
) {
  const isTask = a.type === 'task';
  const when = isTask ? (a.dueAt ?? a.startsAt) : (a.startsAt ?? a.dueAt);
  if (!when) return;
  const start = isTask ? dayOf(new Date(when)) : new Date(when);
  const end = isTask
    ? new Date(start.getTime() + 86_400_000)
    : a.endsAt
      ? new Date(a.endsAt)
      : new Date(start.getTime() + (a.type === 'call' ? 15 : 60) * 60_000);
  const link = activityLink(opts.publicUrl, a.id);
  const description = [a.description, a.videoUrl ? `Video: ${a.videoUrl}` : null, `Stride: ${link}`].filter(Boolean).join('\n\n');
  const cancelled = opts.cancelled ?? a.status === 'cancelled';
  cal.createEvent({
    id: icsUid(a.id),
    sequence: a.version,
    stamp: opts.stamp,
    lastModified: new Date(a.updatedAt),
    start,
    end,
    allDay: isTask,
    summary: a.subject,
    description,
    location: a.location ?? (a.videoUrl ? a.videoUrl : null),
    url: a.videoUrl ?? link,
    organizer: { name: a.ownerName, email: a.ownerEmail },
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    attendees: opts.attendees?.map((p) => ({
      email: p.email,
      name: p.name,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: true,
    })),
  });
}
