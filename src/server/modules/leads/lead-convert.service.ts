import { accountCreateInput } from '../../../domain/accounts/account.schema.js';
import { contactCreateInput } from '../../../domain/contacts/contact.schema.js';
import { type ConvertInput, type Lead, leadName } from '../../../domain/leads/lead.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertWritable, canRead } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction, type Tx } from '../../platform/db.js';
import { AppError, invalidField, stale } from '../../platform/errors.js';
import { findAccount } from '../accounts/accounts.repo.js';
import { createAccountInTx } from '../accounts/accounts.service.js';
import { findContact } from '../contacts/contacts.repo.js';
import { createContactInTx } from '../contacts/contacts.service.js';
import { createOpportunityInTx } from '../opportunities/opportunities.service.js';
import { appendStream } from '../stream/stream.repo.js';
import { updateLeadRow } from './leads.repo.js';
import { getVisibleLead } from './leads.service.js';

export type ConvertResult = { lead: Lead; accountId: string; contactId: string; opportunityId: string | null };

/**
 * Converts a qualified lead (in_process) into an account and a contact — new ones made from the lead, or existing
 * ones the user picked (e.g. from the duplicate check) — and, when asked, an opportunity in the first open stage. The lead becomes `converted`, read-only and linked to what
 * it became; every record involved gets a Stream entry pointing back, all in one transaction.
 */
export async function convertLead(
  db: Db,
  actor: Actor,
  id: string,
  input: ConvertInput,
  ifMatch: number | undefined,
): Promise<ConvertResult> {
  return inTransaction(db, async (tx) => {
    const lead = await getVisibleLead(tx, actor, id);
    assertWritable(actor, 'lead', lead);
    if (ifMatch !== undefined && ifMatch !== lead.version) throw stale();
    if (lead.status !== 'in_process') {
      throw new AppError('invalid_transition', `Only a lead in process can be converted (this one is ${lead.status})`, [
        { field: 'status', message: `not allowed from ${lead.status}`, from: lead.status, to: 'converted' },
      ]);
    }
    const ownerId = lead.ownerId ?? actor.id;
    const accountId = await resolveAccount(tx, actor, lead, input.account, ownerId);
    const contactId = await resolveContact(tx, actor, lead, input.contact, ownerId, accountId);
    const fromLead = { type: 'lead', id, name: lead.name };
    const opportunityId = input.opportunity
      ? (
          await asOpportunityField(
            createOpportunityInTx(
              tx,
              actor,
              {
                name: input.opportunity.name,
                accountId,
                primaryContactId: contactId,
                pipelineId: input.opportunity.pipelineId,
                amount: input.opportunity.amount,
                currency: input.opportunity.currency,
                expectedCloseDate: input.opportunity.closeDate ?? null,
                ownerId,
                source: lead.source,
                nextStep: null,
                description: null,
              },
              { id, name: lead.name },
            ),
          )
        ).id
      : null;

    const ok = await updateLeadRow(tx, id, lead.version, {
      status: 'converted',
      convertedAt: now(),
      convertedAccountId: accountId,
      convertedContactId: contactId,
      updatedAt: now(),
    });
    if (!ok) throw stale();
    await appendStream(tx, [
      { entityType: 'lead', entityId: id, type: 'status', actorId: actor.id, data: { from: lead.status, to: 'converted' } },
      { entityType: 'lead', entityId: id, type: 'convert', actorId: actor.id, data: { accountId, contactId, opportunityId } },
      { entityType: 'account', entityId: accountId, type: 'convert', actorId: actor.id, data: { lead: fromLead } },
      { entityType: 'contact', entityId: contactId, type: 'convert', actorId: actor.id, data: { lead: fromLead } },
    ]);
    return { lead: await getVisibleLead(tx, actor, id), accountId, contactId, opportunityId };
  });
}

async function resolveAccount(
  tx: Tx,
  actor: Actor,
  lead: Lead,
  target: ConvertInput['account'],
  ownerId: string,
): Promise<string> {
  if ('id' in target) {
    const account = await findAccount(tx, target.id);
    if (!account || account.deletedAt || !canRead(actor, 'account', account)) throw invalidField('account.id', 'no such account');
    return account.id;
  }
  const name = lead.company ?? leadName(lead);
  const account = await createAccountInTx(
    tx,
    actor,
    accountCreateInput.parse({
      name,
      type: 'prospect',
      website: lead.website,
      email: null,
      phone: lead.company ? null : lead.phone,
      registrationNumber: lead.registrationNumber,
      billingAddress: { street: null, city: lead.city, postalCode: null, country: lead.country },
      description: lead.description,
      ownerId,
    }),
  );
  return account.id;
}

async function resolveContact(
  tx: Tx,
  actor: Actor,
  lead: Lead,
  target: ConvertInput['contact'],
  ownerId: string,
  accountId: string,
): Promise<string> {
  if ('id' in target) {
    const contact = await findContact(tx, target.id);
    if (!contact || contact.deletedAt || !canRead(actor, 'contact', contact)) throw invalidField('contact.id', 'no such contact');
    return contact.id;
  }
  if (!lead.lastName && !lead.firstName)
    throw invalidField('contact', 'the lead has no person name: pick an existing contact or add a name first');
  const contact = await createContactInTx(
    tx,
    actor,
    contactCreateInput.parse({
      firstName: lead.firstName,
      lastName: lead.lastName ?? lead.firstName ?? '',
      title: lead.title,
      emails: lead.email ? [lead.email] : [],
      phones: lead.phone ? [lead.phone] : [],
      accountId,
      address: { street: null, city: lead.city, postalCode: null, country: lead.country },
      ownerId,
    }),
  );
  return contact.id;
}

/** Errors about the opportunity's fields name them as the request did (`opportunity.pipelineId`). */
async function asOpportunityField<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') {
      const details = err.details.map((d) => (d.field ? { ...d, field: `opportunity.${d.field}` } : d));
      throw new AppError(err.code, details[0]?.field ? `${details[0].field}: ${details[0].message}` : err.message, details);
    }
    throw err;
  }
}
