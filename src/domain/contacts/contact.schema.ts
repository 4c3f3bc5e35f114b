import { z } from 'zod';
import {
  address,
  addressInput,
  email,
  listQueryBase,
  optionalText,
  phone,
  recordMeta,
  recordRef,
  requiredText,
  userRef,
  uuid,
} from '../common/fields.js';

const contactFields = {
  firstName: optionalText(100),
  lastName: requiredText(100),
  title: optionalText(120),
  emails: z.array(email).max(10),
  phones: z.array(phone).max(10),
  accountId: uuid.nullable().optional(),
  address: addressInput.optional(),
  notes: optionalText(10_000),
  ownerId: uuid.optional(),
};

export const contactCreateInput = z.object({
  ...contactFields,
  emails: contactFields.emails.default([]),
  phones: contactFields.phones.default([]),
});
export type ContactCreateInput = z.input<typeof contactCreateInput>;
export type ContactCreate = z.output<typeof contactCreateInput>;

export const contactUpdateInput = z.object(contactFields).partial();
export type ContactUpdateInput = z.input<typeof contactUpdateInput>;
export type ContactUpdate = z.output<typeof contactUpdateInput>;

export const contact = z.object({
  ...recordMeta,
  firstName: z.string().nullable(),
  lastName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  accountId: z.string().nullable(),
  account: recordRef.nullable(),
  address,
  notes: z.string().nullable(),
  ownerId: z.string(),
  owner: userRef.nullable(),
  deletedAt: z.string().nullable(),
});
export type Contact = z.infer<typeof contact>;

export const CONTACT_SORTS = ['lastName', '-lastName', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

export const contactListQuery = listQueryBase.extend({
  sort: z.enum(CONTACT_SORTS).default('lastName'),
  accountId: uuid.optional(),
  ownerId: uuid.optional(),
});
export type ContactListQuery = z.output<typeof contactListQuery>;

export function contactName(c: { firstName: string | null; lastName: string }): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ');
}
