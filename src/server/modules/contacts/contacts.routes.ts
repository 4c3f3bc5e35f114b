import { contact, contactCreateInput, contactListQuery, contactUpdateInput } from '../../../domain/contacts/contact.schema.js';
import { registerCrudRoutes } from '../../http/crud-routes.js';
import type { App } from '../../http/types.js';
import { mergeContacts } from './contact-merge.service.js';
import { CONTACT_CSV_COLUMNS } from './contacts.csv.js';
import {
  countContacts,
  createContact,
  deleteContact,
  getVisibleContact,
  listContacts,
  restoreContact,
  updateContact,
} from './contacts.service.js';

export function contactRoutes(app: App) {
  registerCrudRoutes(app, {
    resource: 'contacts',
    entityType: 'contact',
    label: 'a contact',
    schemas: { listQuery: contactListQuery, create: contactCreateInput, update: contactUpdateInput, record: contact },
    service: {
      list: listContacts,
      get: (db, actor, id) => getVisibleContact(db, actor, id),
      create: createContact,
      update: updateContact,
      remove: deleteContact,
      restore: restoreContact,
      count: countContacts,
    },
    csvColumns: CONTACT_CSV_COLUMNS,
    merge: mergeContacts,
  });
}
