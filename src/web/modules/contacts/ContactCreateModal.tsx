import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { type Contact, contactCreateInput } from '../../../domain/contacts/contact.schema.js';
import { isApiError } from '../../app/api/client.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { LiveDuplicates } from '../../ui/merge/DuplicateCandidates.js';
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
  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: emptyContactValues({ ownerId: me.id, ...defaults }),
  });

  const duplicates = useLiveContactDuplicates(form.getValues());

  const submit = form.onSubmit(async (values) => {
    const payload = contactCreatePayload(values);
    const check = contactCreateInput.safeParse(payload);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues, contactFieldAliases));
    try {
      const contact = await create.mutateAsync(payload);
      notifySuccess(t('common.created'));
      form.reset();
      onCreated(contact);
    } catch (error) {
      if (isApiError(error, 'validation_failed') && error.details.length)
        form.setErrors(detailsToErrors(error.details, contactFieldAliases));
      else notifyError(t, error);
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('contacts.new')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ContactFormFields form={form} accountName={accountName} />
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
