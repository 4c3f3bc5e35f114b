import { Alert, Button, Group, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Account, accountUpdateInput } from '../../../domain/accounts/account.schema.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { ConflictModal } from '../../ui/ConflictModal.js';
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
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void editor.submit();
      }}
      aria-label={t('accounts.editTitle')}
    >
      <Stack>
        {editor.formError != null && (
          <Alert color="red" role="alert">
            {errorMessage(t, editor.formError)}
          </Alert>
        )}
        <AccountFormFields form={editor.form} accountId={account.id} parentName={account.parent?.name} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={editor.saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      <ConflictModal
        conflict={editor.conflict}
        mine={editor.currentValues}
        display={(field, value) => formatValue(field, value)}
        onReapply={() => {
          editor.reapply();
          // The page header and Stream show the version now saved, with the other person's change.
          void queryClient.invalidateQueries({ queryKey: accountKeys.detail(account.id) });
          void queryClient.invalidateQueries({ queryKey: ['stream', 'accounts', account.id] });
          notifySuccess(t('conflict.reapplied'));
        }}
        onDiscard={() => {
          const latest = editor.conflict;
          editor.discard();
          if (latest) void queryClient.invalidateQueries({ queryKey: accountKeys.detail(account.id) });
          onDone();
        }}
      />
    </form>
  );
}
