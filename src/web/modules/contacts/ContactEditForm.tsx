import { Alert, Button, Group, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Contact, contactUpdateInput } from '../../../domain/contacts/contact.schema.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { ConflictModal } from '../../ui/ConflictModal.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { contactKeys, fetchContact, updateContact } from './api.js';
import { ContactFormFields } from './ContactFormFields.js';
import { type ContactFormValues, contactFieldAliases, contactPatch, contactToValues } from './contactForm.js';

export function ContactEditForm({ contact, onDone }: { contact: Contact; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formatValue = useValueFormatter();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: contactKeys.detail(contact.id) });
    void queryClient.invalidateQueries({ queryKey: ['stream', 'contacts', contact.id] });
  };
  const editor = useRecordEditor<Contact, ContactFormValues>({
    record: contact,
    toValues: contactToValues,
    toPatch: contactPatch,
    validate: (patch) => contactUpdateInput.safeParse(patch),
    save: (patch, version) => updateContact(contact.id, patch, version),
    fetchLatest: () => fetchContact(contact.id),
    fieldAliases: contactFieldAliases,
    onSaved: (saved) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), saved);
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      refresh();
      notifySuccess(t('common.saved'));
      onDone();
    },
  });

  return (
    <form
      noValidate
      aria-label={t('contacts.editTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void editor.submit();
      }}
    >
      <Stack>
        {editor.formError != null && (
          <Alert color="red" role="alert">
            {errorMessage(t, editor.formError)}
          </Alert>
        )}
        <ContactFormFields form={editor.form} accountName={contact.account?.name} />
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
          refresh();
          notifySuccess(t('conflict.reapplied'));
        }}
        onDiscard={() => {
          editor.discard();
          refresh();
          onDone();
        }}
      />
    </form>
  );
}
