import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import type { RecipientSuggestion } from '../../../domain/emails/email.schema.js';
import type { TemplateValues } from '../../../domain/emails/email-template.js';
import type { StreamEntityType } from '../../../domain/stream/stream.schema.js';
import type { Conn } from '../../platform/db.js';
import { appendStream } from '../stream/stream.repo.js';

type Person = { id: string; firstName: string | null; lastName: string | null; emails: string[] };

const fullName = (p: { firstName: string | null; lastName: string | null }) =>
  [p.firstName, p.lastName].filter(Boolean).join(' ') || null;

async function contactRow(conn: Conn, id: string | null | undefined) {
  if (!id) return undefined;
  return conn
    .selectFrom('contacts')
    .select(['id', 'firstName', 'lastName', 'emails', 'accountId'])
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

async function accountRow(conn: Conn, id: string | null | undefined) {
  if (!id) return undefined;
  return conn
    .selectFrom('accounts')
    .select(['id', 'name', 'email'])
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

async function opportunityRow(conn: Conn, id: string) {
  return conn
    .selectFrom('opportunities')
    .select(['id', 'name', 'accountId', 'primaryContactId'])
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

async function contactsOfAccount(conn: Conn, accountId: string): Promise<Person[]> {
  return conn
    .selectFrom('contacts')
    .select(['id', 'firstName', 'lastName', 'emails'])
    .where('accountId', '=', accountId)
    .where('deletedAt', 'is', null)
    .orderBy('lastName')
    .limit(50)
    .execute();
}

/**
 * The variable values for a template rendered for a record. "contact" is the person written to: the contact, a
 * lead's person, or an opportunity's primary contact; "account" is the contact's or opportunity's company.
 */
export async function templateValues(
  conn: Conn,
  ref: RelatedRef | null | undefined,
  user: { name: string; email: string; signature: string | null },
): Promise<TemplateValues> {
  const values: TemplateValues = { 'user.name': user.name, 'user.email': user.email, 'user.signature': user.signature };
  if (!ref) return values;
  const setContact = (c: { firstName: string | null; lastName: string | null }) => {
    values['contact.firstName'] = c.firstName;
    values['contact.lastName'] = c.lastName;
    values['contact.name'] = fullName(c);
  };
  switch (ref.type) {
    case 'contact': {
      const c = await contactRow(conn, ref.id);
      if (c) setContact(c);
      values['account.name'] = (await accountRow(conn, c?.accountId))?.name ?? null;
      break;
    }
    case 'lead': {
      const l = await conn
        .selectFrom('leads')
        .select(['firstName', 'lastName', 'company'])
        .where('id', '=', ref.id)
        .executeTakeFirst();
      if (l) {
        setContact(l);
        values['lead.firstName'] = l.firstName;
        values['lead.lastName'] = l.lastName;
        values['lead.company'] = l.company;
        values['account.name'] = l.company;
      }
      break;
    }
    case 'account':
      values['account.name'] = (await accountRow(conn, ref.id))?.name ?? null;
      break;
    case 'opportunity': {
      const o = await opportunityRow(conn, ref.id);
      values['opportunity.name'] = o?.name ?? null;
      values['account.name'] = (await accountRow(conn, o?.accountId))?.name ?? null;
      const c = await contactRow(conn, o?.primaryContactId);
      if (c) setContact(c);
      break;
    }
  }
  return values;
}

/** Addresses to offer in the composer: the record's own, then its people's. */
export async function recipientSuggestions(conn: Conn, ref: RelatedRef): Promise<RecipientSuggestion[]> {
  const out: RecipientSuggestion[] = [];
  const add = (name: string | null, email: string | null | undefined, source: string) => {
    const e = email?.trim().toLowerCase();
    if (e && !out.some((x) => x.email === e)) out.push({ name, email: e, source });
  };
  const addPeople = (people: Person[], source: string) => {
    for (const p of people) for (const e of p.emails ?? []) add(fullName(p), e, source);
  };
  switch (ref.type) {
    case 'contact': {
      const c = await contactRow(conn, ref.id);
      if (c) addPeople([c], 'contact');
      break;
    }
    case 'lead': {
      const l = await conn
        .selectFrom('leads')
        .select(['firstName', 'lastName', 'email'])
        .where('id', '=', ref.id)
        .executeTakeFirst();
      if (l) add(fullName(l), l.email, 'lead');
      break;
    }
    case 'account': {
      const a = await accountRow(conn, ref.id);
      addPeople(await contactsOfAccount(conn, ref.id), 'contact');
      if (a) add(a.name, a.email, 'account');
      break;
    }
    case 'opportunity': {
      const o = await opportunityRow(conn, ref.id);
      if (!o) break;
      const primary = await contactRow(conn, o.primaryContactId);
      if (primary) addPeople([primary], 'primary_contact');
      const linked = await conn
        .selectFrom('opportunityContacts as oc')
        .innerJoin('contacts as c', 'c.id', 'oc.contactId')
        .select(['c.id', 'c.firstName', 'c.lastName', 'c.emails'])
        .where('oc.opportunityId', '=', o.id)
        .where('c.deletedAt', 'is', null)
        .execute();
      addPeople(linked, 'contact');
      addPeople(await contactsOfAccount(conn, o.accountId), 'account_contact');
      break;
    }
  }
  return out;
}

export type StreamTarget = { entityType: StreamEntityType; entityId: string; extra: Record<string, unknown> };

/**
 * Whose Streams an email on a record goes to: the record itself, and for a contact or an opportunity also its
 * account (the account's Stream is where the whole customer's communication is read).
 */
export async function streamTargets(conn: Conn, ref: RelatedRef): Promise<StreamTarget[]> {
  const targets: StreamTarget[] = [{ entityType: ref.type, entityId: ref.id, extra: {} }];
  if (ref.type === 'contact') {
    const c = await contactRow(conn, ref.id);
    if (c?.accountId) targets.push({ entityType: 'account', entityId: c.accountId, extra: { contactId: c.id } });
  } else if (ref.type === 'opportunity') {
    const o = await opportunityRow(conn, ref.id);
    if (o?.accountId) targets.push({ entityType: 'account', entityId: o.accountId, extra: { opportunityId: o.id } });
  }
  return targets;
}

/** Records an email sent or received on a record in each Stream it belongs to (see streamTargets). */
export async function appendEmailEntries(
  conn: Conn,
  ref: RelatedRef,
  type: 'email_sent' | 'email_received',
  actorId: string,
  data: Record<string, unknown>,
) {
  const targets = await streamTargets(conn, ref);
  await appendStream(
    conn,
    targets.map((t) => ({ entityType: t.entityType, entityId: t.entityId, type, actorId, data: { ...data, ...t.extra } })),
  );
}
