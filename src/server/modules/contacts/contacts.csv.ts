import type { Contact } from '../../../domain/contacts/contact.schema.js';
import type { CsvColumn } from '../../platform/csv.js';

export const CONTACT_CSV_COLUMNS: CsvColumn<Contact>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'firstName', value: (c) => c.firstName },
  { header: 'lastName', value: (c) => c.lastName },
  { header: 'title', value: (c) => c.title },
  { header: 'emails', value: (c) => c.emails.join('; ') },
  { header: 'phones', value: (c) => c.phones.join('; ') },
  { header: 'account', value: (c) => c.account?.name },
  { header: 'street', value: (c) => c.address.street },
  { header: 'city', value: (c) => c.address.city },
  { header: 'postalCode', value: (c) => c.address.postalCode },
  { header: 'country', value: (c) => c.address.country },
  { header: 'owner', value: (c) => c.owner?.name },
  { header: 'createdAt', value: (c) => c.createdAt },
  { header: 'updatedAt', value: (c) => c.updatedAt },
];
