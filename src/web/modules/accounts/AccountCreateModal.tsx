import { useTranslation } from 'react-i18next';
import { type Account, accountCreateInput } from '../../../domain/accounts/account.schema.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { LiveDuplicates } from '../../ui/merge/DuplicateCandidates.js';
import { RecordCreateModal } from '../../ui/records/RecordCreateModal.js';
import { useCreateRecordForm } from '../../ui/records/useCreateRecordForm.js';
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
  const { form, submit } = useCreateRecordForm({
    initialValues: emptyAccountValues({ ownerId: me.id, ...defaults }),
    toPayload: accountCreatePayload,
    validate: (payload) => accountCreateInput.safeParse(payload),
    create: create.mutateAsync,
    fieldAliases: accountFieldAliases,
    createdMessage: t('common.created'),
    onCreated,
  });
  const duplicates = useLiveAccountDuplicates(form.getValues());

  return (
    <RecordCreateModal opened={opened} onClose={onClose} title={t('accounts.new')} onSubmit={submit} saving={create.isPending}>
      <AccountFormFields form={form} parentName={parentName} />
      <LiveDuplicates candidates={duplicates.candidates} fetching={duplicates.isFetching} />
    </RecordCreateModal>
  );
}
