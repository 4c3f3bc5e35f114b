import {
  type CalendarFeed,
  FEED_ACTIVITY_TYPES,
  FEED_FUTURE_DAYS,
  FEED_PAST_DAYS,
} from '../../../domain/calendar/calendar.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import { type Db, inTransaction } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { appendStream } from '../stream/stream.repo.js';
import { feedActivities, feedOwnerByTokenHash, findFeedToken, replaceFeedToken } from './calendar.repo.js';
import { decryptFeedToken, feedTokenHash, newFeedToken } from './feed-token.js';
import { addActivityEvent, newCalendar } from './ics.js';

const DAY = 86_400_000;

function feedUrl(config: Config, token: string) {
  return `${config.publicUrl.replace(/\/$/, '')}/api/v1/calendar/feed/${token}.ics`;
}

async function issue(db: Db, actor: Actor, config: Config, reason: 'create' | 'rotate'): Promise<CalendarFeed> {
  const { token, hash, encrypted } = newFeedToken(config.dataDir);
  const at = now();
  await inTransaction(db, async (tx) => {
    await replaceFeedToken(tx, actor.id, hash, encrypted, at);
    // Issuing or revoking a feed URL is a security-relevant change of the user: it goes to the user's Stream.
    await appendStream(tx, {
      entityType: 'user',
      entityId: actor.id,
      type: 'update',
      actorId: actor.id,
      data: { changes: [{ field: 'calendarFeed', old: reason === 'rotate' ? 'revoked' : null, new: 'issued' }] },
    });
  });
  return { url: feedUrl(config, token), createdAt: at.toISOString() };
}

/** The signed-in user's private feed URL, issued on first use. */
export async function getCalendarFeed(db: Db, actor: Actor, config: Config): Promise<CalendarFeed> {
  const row = await findFeedToken(db, actor.id);
  const token = row ? decryptFeedToken(config.dataDir, row.tokenEncrypted) : null;
  if (row && token) return { url: feedUrl(config, token), createdAt: new Date(row.createdAt).toISOString() };
  return issue(db, actor, config, 'create');
}

/** Revokes the current feed URL (it answers 404 from now on) and issues a new one. */
export function rotateCalendarFeed(db: Db, actor: Actor, config: Config): Promise<CalendarFeed> {
  return issue(db, actor, config, 'rotate');
}

/** The ICS text of the feed a token opens; an unknown or revoked token is a 404. */
export async function renderCalendarFeed(db: Db, config: Config, token: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) throw notFound('Calendar feed');
  const owner = await feedOwnerByTokenHash(db, feedTokenHash(token));
  if (!owner) throw notFound('Calendar feed');
  const at = now();
  const rows = await feedActivities(
    db,
    owner.id,
    FEED_ACTIVITY_TYPES,
    new Date(at.getTime() - FEED_PAST_DAYS * DAY),
    new Date(at.getTime() + FEED_FUTURE_DAYS * DAY),
  );
  const cal = newCalendar({ name: `Stride – ${owner.name}` });
  // DTSTAMP: when this copy was produced; clients order changes by SEQUENCE and LAST-MODIFIED.
  for (const row of rows) addActivityEvent(cal, row, { stamp: at, publicUrl: config.publicUrl });
  return cal.toString();
}
