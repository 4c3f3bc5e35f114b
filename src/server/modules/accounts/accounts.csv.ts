import type { Account } from '../../../domain/accounts/account.schema.js';
import type { CsvColumn } from '../../platform/csv.js';

export const ACCOUNT_CSV_COLUMNS: CsvColumn<Account>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'name', value: (a) => a.name },
  { header: 'type', value: (a) => a.type },
  { header: 'industry', value: (a) => a.industry },
  { header: 'size', value: (a) => a.size },
  { header: 'registrationNumber', value: (a) => a.registrationNumber },
  { header: 'vatNumber', value: (a) => a.vatNumber },
  { header: 'email', value: (a) => a.email },
  { header: 'phone', value: (a) => a.phone },
  { header: 'website', value: (a) => a.website },
  { header: 'street', value: (a) => a.billingAddress.street },
  { header: 'city', value: (a) => a.billingAddress.city },
  { header: 'postalCode', value: (a) => a.billingAddress.postalCode },
  { header: 'country', value: (a) => a.billingAddress.country },
  { header: 'parent', value: (a) => a.parent?.name },
  { header: 'owner', value: (a) => a.owner?.name },
  { header: 'createdAt', value: (a) => a.createdAt },
  { header: 'updatedAt', value: (a) => a.updatedAt },
];
