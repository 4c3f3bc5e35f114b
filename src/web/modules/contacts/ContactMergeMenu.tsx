import { ActionIcon, Menu } from '@mantine/core';
import { IconArrowMerge, IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../domain/contacts/contact.schema.js';
import { ContactMergeModal } from './ContactMergeModal.js';
import '../../ui/merge/i18n.js';

/** The record menu's "Merge with…": the user searches for the other contact, then picks the surviving values. */
export function ContactMergeMenu({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={t('merge:more')}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconArrowMerge size={14} />} onClick={() => setOpen(true)}>
            {t('merge:mergeWith')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {open && <ContactMergeModal contact={contact} sourceId={null} onClose={() => setOpen(false)} />}
    </>
  );
}
