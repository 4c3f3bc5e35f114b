import { ActionIcon, Menu } from '@mantine/core';
import { IconArrowMerge, IconDots } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../merge/i18n.js';

/** The record menu ("…") with "Merge with…": the user searches for the other record, then picks the surviving values. */
export function MergeWithMenu({ mergeModal }: { mergeModal: (onClose: () => void) => ReactNode }) {
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
      {open && mergeModal(() => setOpen(false))}
    </>
  );
}
