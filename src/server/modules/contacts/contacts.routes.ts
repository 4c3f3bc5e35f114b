import { mergeInput } from '../../../domain/common/merge.js';
import { contact, contactCreateInput, contactListQuery, contactUpdateInput } from '../../../domain/contacts/contact.schema.js';
import { registerCrudRoutes } from '../../http/crud-routes.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
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
  });
  app.post(
    '/api/v1/contacts/:id/merge',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Merge another contact into this one (the survivor); the other is kept as deleted',
        params: idParams,
        body: mergeInput,
        response: { 200: contact, ...errorResponses },
      },
    },
    async (req, reply) =>
      withEtag(reply, await mergeContacts(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
}
