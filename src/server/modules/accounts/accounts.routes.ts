import { account, accountCreateInput, accountListQuery, accountUpdateInput } from '../../../domain/accounts/account.schema.js';
import { registerCrudRoutes } from '../../http/crud-routes.js';
import type { App } from '../../http/types.js';
import { mergeAccounts } from './account-merge.service.js';
import { ACCOUNT_CSV_COLUMNS } from './accounts.csv.js';
import {
  countAccounts,
  createAccount,
  deleteAccount,
  getVisibleAccount,
  listAccounts,
  restoreAccount,
  updateAccount,
} from './accounts.service.js';

export function accountRoutes(app: App) {
  registerCrudRoutes(app, {
    resource: 'accounts',
    entityType: 'account',
    label: 'an account',
    schemas: { listQuery: accountListQuery, create: accountCreateInput, update: accountUpdateInput, record: account },
    service: {
      list: listAccounts,
      get: (db, actor, id) => getVisibleAccount(db, actor, id),
      create: createAccount,
      update: updateAccount,
      remove: deleteAccount,
      restore: restoreAccount,
      count: countAccounts,
    },
    csvColumns: ACCOUNT_CSV_COLUMNS,
    merge: mergeAccounts,
  });
}
