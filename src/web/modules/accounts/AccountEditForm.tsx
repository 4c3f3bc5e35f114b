import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Account, accountUpdateInput } from '../../../domain/accounts/account.schema.js';
import { notifySuccess } from '../../app/notify.js';
import { RecordEditForm, useReloadRecord } from '../../ui/records/RecordEditForm.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { AccountFormFields } from './AccountFormFields.js';
import { type AccountFormValues, accountFieldAliases, accountPatch, accountToValues } from './accountForm.js';
import { accountKeys, fetchAccount, updateAccount } from './api.js';

/** Edits an account against the version it was opened on; a 412 opens the conflict dialog. */
export function AccountEditForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formatValue = useValueFormatter();
  const reload = useReloadRecord(accountKeys.detail(account.id), { resource: 'accounts', id: account.id });
  const editor = useRecordEditor<Account, AccountFormValues>({
    record: account,
    toValues: accountToValues,
    toPatch: accountPatch,
    validate: (patch) => accountUpdateInput.safeParse(patch),
    save: (patch, version) => updateAccount(account.id, patch, version),
    fetchLatest: () => fetchAccount(account.id),
    fieldAliases: accountFieldAliases,
    onSaved: (saved) => {
      queryClient.setQueryData(accountKeys.detail(account.id), saved);
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['stream', 'accounts', account.id] });
      notifySuccess(t('common.saved'));
      onDone();
    },
  });

  return (
    <RecordEditForm label={t('accounts.editTitle')} editor={editor} formatValue={formatValue} onCancel={onDone} reload={reload}>
      <AccountFormFields form={editor.form} accountId={account.id} parentName={account.parent?.name} />
    </RecordEditForm>
  );
}
