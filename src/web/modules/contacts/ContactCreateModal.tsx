import { useTranslation } from 'react-i18next';
import { type Contact, contactCreateInput } from '../../../domain/contacts/contact.schema.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { LiveDuplicates } from '../../ui/merge/DuplicateCandidates.js';
import { RecordCreateModal } from '../../ui/records/RecordCreateModal.js';
import { useCreateRecordForm } from '../../ui/records/useCreateRecordForm.js';
import { useCreateContact } from './api.js';
import { useLiveContactDuplicates } from './ContactDuplicates.js';
import { ContactFormFields } from './ContactFormFields.js';
import { type ContactFormValues, contactCreatePayload, contactFieldAliases, emptyContactValues } from './contactForm.js';

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: (contact: Contact) => void;
  defaults?: Partial<ContactFormValues>;
  accountName?: string | null;
};

export function ContactCreateModal({ opened, onClose, onCreated, defaults, accountName }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateContact();
  const { form, submit } = useCreateRecordForm({
    initialValues: emptyContactValues({ ownerId: me.id, ...defaults }),
    toPayload: contactCreatePayload,
    validate: (payload) => contactCreateInput.safeParse(payload),
    create: create.mutateAsync,
    fieldAliases: contactFieldAliases,
    createdMessage: t('common.created'),
    onCreated,
  });
  const duplicates = useLiveContactDuplicates(form.getValues());

  return (
    <RecordCreateModal opened={opened} onClose={onClose} title={t('contacts.new')} onSubmit={submit} saving={create.isPending}>
      <ContactFormFields form={form} accountName={accountName} />
      <LiveDuplicates candidates={duplicates.candidates} fetching={duplicates.isFetching} />
    </RecordCreateModal>
  );
}
