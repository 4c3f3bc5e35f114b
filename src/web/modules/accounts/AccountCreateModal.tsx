import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { type Account, accountCreateInput } from '../../../domain/accounts/account.schema.js';
import { isApiError } from '../../app/api/client.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { LiveDuplicates } from '../../ui/merge/DuplicateCandidates.js';
import { useLiveAccountDuplicates } from './AccountDuplicates.js';
import { AccountFormFields } from './AccountFormFields.js';
import { type AccountFormValues, accountCreatePayload, accountFieldAliases, emptyAccountValues } from './accountForm.js';
import { useCreateAccount } from './api.js';

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: (account: Account) => void;
  defaults?: Partial<AccountFormValues>;
  parentName?: string | null;
};

export function AccountCreateModal({ opened, onClose, onCreated, defaults, parentName }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateAccount();
  const form = useForm<AccountFormValues>({
    mode: 'controlled',
    initialValues: emptyAccountValues({ ownerId: me.id, ...defaults }),
  });

  const duplicates = useLiveAccountDuplicates(form.getValues());

  const submit = form.onSubmit(async (values) => {
    const payload = accountCreatePayload(values);
    const check = accountCreateInput.safeParse(payload);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues, accountFieldAliases));
    try {
      const account = await create.mutateAsync(payload);
      notifySuccess(t('common.created'));
      form.reset();
      onCreated(account);
    } catch (error) {
      if (isApiError(error, 'validation_failed') && error.details.length)
        form.setErrors(detailsToErrors(error.details, accountFieldAliases));
      else notifyError(t, error);
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('accounts.new')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <AccountFormFields form={form} parentName={parentName} />
          <LiveDuplicates candidates={duplicates.candidates} fetching={duplicates.isFetching} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
