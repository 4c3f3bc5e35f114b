import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Tx } from '../../platform/db.js';
import { loadRelated } from '../activities/related-records.js';
import { appendEmailEntries } from './email-context.js';
import { findEmailsByMessageIds } from './emails.repo.js';

/** The Message-IDs a header names: "<a@x> <b@y>" → ["<a@x>", "<b@y>"]. */
export function messageIdsIn(...headers: Array<string | string[] | null | undefined>): string[] {
  const out: string[] = [];
  for (const h of headers.flat()) {
    for (const m of String(h ?? '').matchAll(/<[^<>\s]+>/g)) if (!out.includes(m[0])) out.push(m[0]);
  }
  return out;
}

export type ThreadedReply = { outcome: 'lead' | 'contact'; entity: { type: RelatedRef['type']; id: string } };

/**
 * Mail intake's first question: is this a reply to an email sent from Stride? In-Reply-To (then References, newest
 * first) is looked up among our Message-IDs; a hit lands the mail as `email_received` on the record that email was
 * written on (and its account), whoever the sender is. No hit (or the record is gone) → null, and intake goes on
 * with address matching.
 */
export async function threadReply(
  tx: Tx,
  actor: Actor,
  mail: { inReplyTo: string | null; references?: string[] | null },
  data: Record<string, unknown>,
): Promise<ThreadedReply | null> {
  const inReplyTo = messageIdsIn(mail.inReplyTo);
  const references = messageIdsIn(mail.references ?? []).reverse();
  const ids = [...new Set([...inReplyTo, ...references])];
  if (ids.length === 0) return null;
  const sent = await findEmailsByMessageIds(tx, ids);
  for (const id of ids) {
    const email = sent.find((e) => e.messageId === id);
    if (!email) continue;
    const ref = { type: email.relatedType as RelatedRef['type'], id: email.relatedId };
    if (!(await loadRelated(tx, ref))) continue;
    await appendEmailEntries(tx, ref, 'email_received', actor.id, { ...data, replyToEmailId: email.id });
    return { outcome: ref.type === 'lead' ? 'lead' : 'contact', entity: ref };
  }
  return null;
}
