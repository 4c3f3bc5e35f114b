import { type Contact, contactName } from '../../../domain/contacts/contact.schema.js';
import { iso, recordMetaOf } from '../../platform/record-meta.js';
import type { ContactRow } from './contacts.repo.js';

export function toContact(r: ContactRow): Contact {
  return {
    ...recordMetaOf(r),
    firstName: r.firstName,
    lastName: r.lastName,
    name: contactName(r),
    title: r.title,
    emails: r.emails,
    phones: r.phones,
    accountId: r.accountId,
    account: r.accountId && r.accountName ? { id: r.accountId, name: r.accountName } : null,
    address: { street: r.street, city: r.city, postalCode: r.postalCode, country: r.country },
    notes: r.notes,
    ownerId: r.ownerId,
    owner: r.ownerName ? { id: r.ownerId, name: r.ownerName } : null,
    deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
  };
}

export function contactDiffShape(c: Contact) {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    title: c.title,
    emails: c.emails,
    phones: c.phones,
    accountId: c.accountId,
    street: c.address.street,
    city: c.address.city,
    postalCode: c.address.postalCode,
    country: c.address.country,
    notes: c.notes,
    ownerId: c.ownerId,
  };
}
export const CONTACT_DIFF_FIELDS = Object.keys(contactDiffShape({ address: {} } as unknown as Contact)) as Array<
  keyof ReturnType<typeof contactDiffShape>
>;
