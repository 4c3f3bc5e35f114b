import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Contact, contactUpdateInput } from '../../../domain/contacts/contact.schema.js';
import { notifySuccess } from '../../app/notify.js';
import { RecordEditForm, useReloadRecord } from '../../ui/records/RecordEditForm.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { contactKeys, fetchContact, updateContact } from './api.js';
import { ContactFormFields } from './ContactFormFields.js';
import { type ContactFormValues, contactFieldAliases, contactPatch, contactToValues } from './contactForm.js';

/** Edits a contact against the version it was opened on; a 412 opens the conflict dialog. */
export function ContactEditForm({ contact, onDone }: { contact: Contact; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formatValue = useValueFormatter();
  const reload = useReloadRecord(contactKeys.detail(contact.id), { resource: 'contacts', id: contact.id });
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
      reload();
      notifySuccess(t('common.saved'));
      onDone();
    },
  });

  return (
    <RecordEditForm label={t('contacts.editTitle')} editor={editor} formatValue={formatValue} onCancel={onDone} reload={reload}>
      <ContactFormFields form={editor.form} accountName={contact.account?.name} />
    </RecordEditForm>
  );
}
