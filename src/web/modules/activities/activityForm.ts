import dayjs from 'dayjs';
import type {
  Activity,
  ActivityCreate,
  ActivityType,
  ActivityUpdate,
  RelatedRef,
} from '../../../domain/activities/activity.schema.js';
import { textOrNull } from '../../ui/forms.js';

/** Flat form values; date-times are Mantine's local "YYYY-MM-DD HH:mm:ss" strings, refs are "type:id". */
export type ActivityFormValues = {
  type: string;
  subject: string;
  startsAt: string;
  endsAt: string;
  dueAt: string;
  location: string;
  videoUrl: string;
  description: string;
  reminderAt: string;
  related: string;
  participants: string[];
  /** create only: log a call/meeting that already happened */
  held: boolean;
  outcome: string;
  /** meetings: email iCalendar invitations to contact/lead participants */
  sendInvitations: boolean;
};

const LOCAL = 'YYYY-MM-DD HH:mm:ss';
export const toLocal = (iso: string | null | undefined) => (iso ? dayjs(iso).format(LOCAL) : '');
export const toIso = (local: string) => (local ? dayjs(local).toISOString() : null);

export const refKey = (ref: { type: string; id: string }) => `${ref.type}:${ref.id}`;
export function parseRef<T extends string>(key: string): { type: T; id: string } | null {
  const i = key.indexOf(':');
  return i > 0 ? { type: key.slice(0, i) as T, id: key.slice(i + 1) } : null;
}

export type ActivityDefaults = {
  type?: ActivityType;
  related?: RelatedRef & { name?: string | null };
  held?: boolean;
  subject?: string;
  /** local date "YYYY-MM-DD" the activity is planned on (e.g. the day shown on My day or clicked in the calendar) */
  start?: Date;
  end?: Date;
};

/** Sensible times: a meeting at the next full hour for an hour, a call now, a task due at 17:00. */
export function initialValues(d: ActivityDefaults): ActivityFormValues {
  const type = d.type ?? 'meeting';
  const nextHour = dayjs().add(1, 'hour').startOf('hour');
  const start = d.start ? dayjs(d.start) : type === 'call' && d.held ? dayjs().startOf('minute') : nextHour;
  const end = d.end ? dayjs(d.end) : start.add(type === 'call' ? 15 : 60, 'minute');
  const due = (d.start ? dayjs(d.start) : dayjs()).hour(17).minute(0).second(0);
  const timed = type === 'meeting' || type === 'call';
  return {
    type,
    subject: d.subject ?? '',
    startsAt: timed ? start.format(LOCAL) : '',
    endsAt: timed ? end.format(LOCAL) : '',
    dueAt: timed ? '' : due.format(LOCAL),
    location: '',
    videoUrl: '',
    description: '',
    reminderAt: '',
    related: d.related ? refKey(d.related) : '',
    participants: [],
    held: d.held ?? false,
    outcome: '',
    sendInvitations: false,
  };
}

export function toCreateInput(v: ActivityFormValues): ActivityCreate {
  const type = v.type as ActivityType;
  const timed = type === 'meeting' || type === 'call';
  return {
    type,
    subject: v.subject.trim(),
    description: textOrNull(v.description),
    status: timed && v.held ? 'held' : undefined,
    outcome: timed && v.held ? textOrNull(v.outcome) : undefined,
    startsAt: timed ? toIso(v.startsAt) : null,
    endsAt: timed ? toIso(v.endsAt) : null,
    dueAt: timed ? null : toIso(v.dueAt),
    location: textOrNull(v.location),
    videoUrl: textOrNull(v.videoUrl),
    reminderAt: toIso(v.reminderAt),
    relatedTo: parseRef<RelatedRef['type']>(v.related),
    participants: v.participants.map((p) => parseRef<'user' | 'contact' | 'lead'>(p)).filter((p) => p !== null),
    sendInvitations: type === 'meeting' ? v.sendInvitations : undefined,
  };
}

export function activityToValues(a: Activity): ActivityFormValues {
  return {
    type: a.type,
    subject: a.subject,
    startsAt: toLocal(a.startsAt),
    endsAt: toLocal(a.endsAt),
    dueAt: toLocal(a.dueAt),
    location: a.location ?? '',
    videoUrl: a.videoUrl ?? '',
    description: a.description ?? '',
    reminderAt: toLocal(a.reminderAt),
    related: a.relatedTo ? refKey(a.relatedTo) : '',
    participants: a.participants.map(refKey),
    held: false,
    outcome: a.outcome ?? '',
    sendInvitations: a.sendInvitations ?? false,
  };
}

/** The PATCH body from the changed form fields. */
export function activityPatch(changed: Array<keyof ActivityFormValues>, v: ActivityFormValues): ActivityUpdate {
  const patch: Record<string, unknown> = {};
  for (const key of changed) {
    switch (key) {
      case 'startsAt':
      case 'endsAt':
      case 'dueAt':
      case 'reminderAt':
        patch[key] = toIso(v[key]);
        break;
      case 'subject':
        patch.subject = v.subject.trim();
        break;
      case 'location':
      case 'videoUrl':
      case 'description':
      case 'outcome':
        patch[key] = textOrNull(v[key]);
        break;
      case 'related':
        patch.relatedTo = parseRef(v.related);
        break;
      case 'sendInvitations':
        patch.sendInvitations = v.sendInvitations;
        break;
      case 'participants':
        patch.participants = v.participants.map((p) => parseRef(p)).filter((p) => p !== null);
        break;
      default:
        break;
    }
  }
  return patch as ActivityUpdate;
}

/** API field → form field, so a 400 naming `relatedTo.id` marks the related-record input. */
export const activityFieldAliases: Record<string, string> = {
  relatedTo: 'related',
  'relatedTo.id': 'related',
  'relatedTo.type': 'related',
  'participants.id': 'participants',
  'participants.type': 'participants',
};
