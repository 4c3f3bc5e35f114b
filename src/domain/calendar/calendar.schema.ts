import { z } from 'zod';

/** The private ICS feed covers this window around today. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 365;
/** Activity types in the feed (emails are not calendar items). Tasks appear as all-day events on their due day. */
export const FEED_ACTIVITY_TYPES = ['meeting', 'call', 'task'] as const;
/** All-day tasks are placed on their due date in this time zone (the seeds' teams work in Central Europe). */
export const FEED_DATE_TIME_ZONE = 'Europe/Prague';

/** A calendar item's UID: stable for the life of the activity, shared by the feed and invitations. */
export const icsUid = (activityId: string) => `${activityId}@stride`;

export const calendarFeed = z.object({
  url: z.string().describe("The user's private ICS feed; anyone with the URL can read it, rotate it to revoke"),
  createdAt: z.string(),
});
export type CalendarFeed = z.infer<typeof calendarFeed>;

/** `{token}.ics` in the public feed path. */
export const feedTokenParam = z.object({ file: z.string().max(200) });
