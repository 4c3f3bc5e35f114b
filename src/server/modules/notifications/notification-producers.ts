import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import { mentionsToText, parseMentions } from '../../../domain/notifications/mentions.js';
import { notificationTitles } from '../../../domain/notifications/messages.js';
import type { Actor } from '../../access/actor.js';
import type { Conn, Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { loadRelated } from '../activities/related-records.js';
import { loadActor } from '../auth/actor.loader.js';
import { notify, recordLink } from './notify.js';

/** What a Stream note is attached to and how to prove a user may see it (the record's own check). */
export type MentionTarget = {
  entityType: string;
  entityId: string;
  ensureVisible: (db: Db, actor: Actor, id: string) => Promise<unknown>;
};

async function recordName(conn: Conn, type: string, id: string): Promise<string> {
  if (type === 'lead' || type === 'contact' || type === 'account' || type === 'opportunity') {
    const rec = await loadRelated(conn, { type, id } as RelatedRef);
    if (rec?.name) return rec.name;
  }
  return type;
}

/**
 * Notifies the users @mentioned in a note. Each mentioned user is checked with the record's own visibility rule
 * AS THAT USER: someone who cannot open the record gets nothing (not even its name), so a mention never leaks.
 */
export async function notifyMentions(tx: Conn, actor: Actor, target: MentionTarget, body: string): Promise<string[]> {
  const mentions = parseMentions(body).filter((m) => m.userId !== actor.id);
  if (mentions.length === 0) return [];
  const visibleTo: string[] = [];
  for (const m of mentions) {
    const mentioned = await loadActor(tx, m.userId);
    if (!mentioned) continue;
    try {
      await target.ensureVisible(tx as Db, mentioned, target.entityId);
      visibleTo.push(mentioned.id);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'not_found' || err.code === 'forbidden')) continue;
      throw err;
    }
  }
  if (visibleTo.length === 0) return [];
  const name = await recordName(tx, target.entityType, target.entityId);
  const text = mentionsToText(body);
  return notify(
    tx,
    visibleTo.map((userId) => ({
      userId,
      type: 'mention' as const,
      title: (locale: string) => notificationTitles.mention(locale, actor.name, name),
      body: text.length > 500 ? `${text.slice(0, 499)}…` : text,
      link: recordLink(target.entityType, target.entityId),
      entity: { type: target.entityType, id: target.entityId },
      actorId: actor.id,
    })),
  );
}

/**
 * "X assigned the lead Y to you": call it in the transaction that changes the owner, right after its Stream entry.
 * Assigning to oneself notifies nobody.
 */
export async function notifyAssignment(
  tx: Conn,
  actor: Actor | { id: string | null; name: string },
  record: { type: 'lead' | 'contact' | 'account' | 'opportunity'; id: string; name?: string | null },
  newOwnerId: string | null | undefined,
): Promise<void> {
  if (!newOwnerId || newOwnerId === actor.id) return;
  const name = record.name || (await recordName(tx, record.type, record.id));
  await notify(tx, {
    userId: newOwnerId,
    type: 'assignment',
    title: (locale) => notificationTitles.assignment(locale, actor.name, record.type, name),
    link: recordLink(record.type, record.id),
    entity: { type: record.type, id: record.id },
    actorId: actor.id,
  });
}
