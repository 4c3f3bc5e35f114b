import { sql } from 'kysely';
import { type LeadCreate, leadCreateInput } from '../../../domain/leads/lead.schema.js';
import { companyFromSignature, guessCompany, parsePersonName } from '../../../domain/mailboxes/mail-sender.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { threadReply } from '../emails/email-threading.js';
import { intakeLead } from '../leads/lead-intake.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import type { ParsedMail } from './mail-parse.js';

export type IntakeOutcome = 'lead_created' | 'lead' | 'contact' | 'duplicate';

type MessageKey = { mailboxId: string; mailboxName: string; teamId: string | null; uidValidity: number; uid: number };

/**
 * Runs a use case written for `Db` (it opens its own transaction) inside an already open transaction, so that the
 * lead it creates, its Stream entry and the ledger row below commit or roll back together. Only `transaction()`
 * is redirected; everything else is the transaction itself.
 */
function joinTransaction(tx: Tx): Db {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(work: (t: Tx) => Promise<T>) => work(tx) });
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as Db;
}

/** The Stream entry data of a received mail. */
export function emailEntryData(mail: ParsedMail, key: MessageKey) {
  return {
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    date: mail.date,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments,
    mailbox: { id: key.mailboxId, name: key.mailboxName },
  };
}

/** What a new lead from an unknown sender looks like: name from the display name, company from signature or domain. */
export function leadFromMail(mail: ParsedMail, teamId: string | null): LeadCreate {
  const { firstName, lastName } = parsePersonName(mail.from.name, mail.from.address);
  const raw = {
    firstName,
    lastName,
    company: guessCompany(mail.text, mail.from.address),
    email: mail.from.address,
    description: (mail.text?.trim() || mail.subject || '').slice(0, 10_000) || null,
    source: 'email' as const,
    teamId,
  };
  const parsed = leadCreateInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A field the lead schema refuses (an odd address, an over-long name) is dropped rather than losing the mail.
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const fallback = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  const retry = leadCreateInput.safeParse({ lastName: mail.from.address ? undefined : 'Unknown sender', ...fallback });
  if (retry.success) return retry.data;
  return leadCreateInput.parse({ lastName: 'Unknown sender', company: companyFromSignature(mail.text), source: 'email', teamId });
}

async function findContactByEmail(tx: Tx, address: string) {
  return tx
    .selectFrom('contacts')
    .select(['id', 'accountId'])
    .where('deletedAt', 'is', null)
    .where(sql<boolean>`emails @> ${JSON.stringify([address.toLowerCase()])}::jsonb`)
    .orderBy('updatedAt', 'desc')
    .executeTakeFirst();
}

/**
 * Takes one message in, exactly once: the ledger row (unique per mailbox, UIDVALIDITY and UID), the Stream
 * entries or the new lead, and the mailbox's lastUid all commit in ONE transaction. A message seen before (same
 * ledger key, or the same Message-ID after a UIDVALIDITY reset) only advances lastUid.
 * Order: a known contact (and its account) → a known open lead → a new lead via intakeLead.
 */
export async function takeInMail(db: Db, actor: Actor, key: MessageKey, mail: ParsedMail): Promise<IntakeOutcome> {
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .insertInto('mailboxMessages')
      .values({
        mailboxId: key.mailboxId,
        uidValidity: key.uidValidity,
        uid: key.uid,
        messageId: mail.messageId,
        outcome: 'processing',
        processedAt: now(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('uid')
      .executeTakeFirst();
    let outcome: IntakeOutcome = 'duplicate';
    let entity: { type: string; id: string } | null = null;
    const seenBefore =
      !claimed ||
      (mail.messageId !== null &&
        (await tx
          .selectFrom('mailboxMessages')
          .select('uid')
          .where('mailboxId', '=', key.mailboxId)
          .where('messageId', '=', mail.messageId)
          .where('outcome', 'in', ['lead_created', 'lead', 'contact'])
          .executeTakeFirst()) !== undefined);
    if (!seenBefore) {
      const data = emailEntryData(mail, key);
      const address = mail.from.address;
      // A reply to an email sent from Stride lands on that email's record (issue 5), before address matching.
      const threaded = await threadReply(tx, actor, mail, data);
      const contact = !threaded && address ? await findContactByEmail(tx, address) : undefined;
      if (threaded) {
        outcome = threaded.outcome;
        entity = threaded.entity;
      } else if (contact) {
        const entries: NewStreamEntry[] = [
          { entityType: 'contact', entityId: contact.id, type: 'email_received', actorId: actor.id, data },
        ];
        if (contact.accountId) {
          entries.push({
            entityType: 'account',
            entityId: contact.accountId,
            type: 'email_received',
            actorId: actor.id,
            data: { ...data, contactId: contact.id },
          });
        }
        await appendStream(tx, entries);
        await tx.updateTable('contacts').set({ updatedAt: now() }).where('id', '=', contact.id).execute();
        outcome = 'contact';
        entity = { type: 'contact', id: contact.id };
      } else {
        // intakeLead finds a known open lead by the sender's email (findOpenLeadByEmail) or creates one.
        const result = await intakeLead(joinTransaction(tx), actor, leadFromMail(mail, key.teamId), {
          type: 'email_received',
          data,
        });
        outcome = result.created ? 'lead_created' : 'lead';
        entity = { type: 'lead', id: result.lead.id };
      }
    }
    if (claimed) {
      await tx
        .updateTable('mailboxMessages')
        .set({ outcome, entityType: entity?.type ?? null, entityId: entity?.id ?? null })
        .where('mailboxId', '=', key.mailboxId)
        .where('uidValidity', '=', key.uidValidity)
        .where('uid', '=', key.uid)
        .execute();
    }
    // lastUid moves only with the message's own commit: a crash before it means the message comes again.
    await tx
      .updateTable('mailboxes')
      .set((eb) => ({
        lastUid: eb.fn('greatest', ['lastUid', eb.val(key.uid)]),
        processedCount: claimed && outcome !== 'duplicate' ? eb('processedCount', '+', 1) : eb.ref('processedCount'),
      }))
      .where('id', '=', key.mailboxId)
      .execute();
    return outcome;
  });
}

/** A message that cannot be taken in is recorded as failed (shown as the mailbox's error) so it does not block the rest. */
export async function recordFailedMail(db: Db, key: MessageKey, messageId: string | null, error: string) {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('mailboxMessages')
      .values({
        mailboxId: key.mailboxId,
        uidValidity: key.uidValidity,
        uid: key.uid,
        messageId,
        outcome: 'failed',
        error: error.slice(0, 2000),
        processedAt: now(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .updateTable('mailboxes')
      .set((eb) => ({ lastUid: eb.fn('greatest', ['lastUid', eb.val(key.uid)]) }))
      .where('id', '=', key.mailboxId)
      .execute();
  });
}
