import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../domain/contacts/contact.schema.js';
import { type DuplicateProbe, probeValue, useDuplicateCandidates, useLiveDuplicates } from '../../ui/merge/api.js';
import { DuplicatesWithMerge } from '../../ui/records/DuplicatesWithMerge.js';
import { ContactMergeModal } from './ContactMergeModal.js';

/** By name and every email and phone of the contact (the API takes one of each per call). */
export function contactProbes(c: Pick<Contact, 'firstName' | 'lastName' | 'emails' | 'phones'>): DuplicateProbe[] {
  return [
    { firstName: c.firstName ?? undefined, lastName: c.lastName || undefined, email: c.emails[0], phone: c.phones[0] },
    ...c.emails.slice(1).map((email) => ({ email })),
    ...c.phones.slice(1).map((phone) => ({ phone })),
  ];
}

/** "1 possible duplicate": other contacts like this one (name, email, phone), each with Merge. */
export function ContactDuplicates({ contact, canMerge }: { contact: Contact; canMerge: boolean }) {
  const { t } = useTranslation();
  const { candidates } = useDuplicateCandidates(contactProbes(contact), {
    type: 'contact',
    exclude: contact.id,
    enabled: contact.deletedAt === null,
  });
  if (contact.deletedAt !== null) return null;
  return (
    <DuplicatesWithMerge
      candidates={candidates}
      hint={t('merge:duplicates.hintContact')}
      canMerge={canMerge}
      mergeModal={(sourceId, onClose) => <ContactMergeModal contact={contact} sourceId={sourceId} onClose={onClose} />}
    />
  );
}

/** Live "possible duplicates" for the contact create form: name and every complete email and phone as typed. */
export function useLiveContactDuplicates(v: { firstName: string; lastName: string; emails: string[]; phones: string[] }) {
  const emails = v.emails.map((e) => probeValue('email', e)).filter((e): e is string => Boolean(e));
  const phones = v.phones.map((p) => probeValue('phone', p)).filter((p): p is string => Boolean(p));
  const lastName = probeValue('text', v.lastName, 2);
  return useLiveDuplicates(
    contactProbes({
      firstName: lastName ? (probeValue('text', v.firstName, 2) ?? null) : null,
      lastName: lastName ?? '',
      emails,
      phones,
    }),
  );
}
