import { Button } from '@mantine/core';
import { IconPlus, IconRestore } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Column } from '../VirtualTable.js';
import { type IdMutation, restoreRecord } from './recordMutations.js';

/** "New account" at the top right of a list page. */
export function NewRecordButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={onClick}>
      {label}
    </Button>
  );
}

/** The trash list's last column: Restore on each row. */
export function restoreColumn<T extends { id: string; name: string }>(t: TFunction, restore: IdMutation): Column<T> {
  return {
    key: 'restore',
    header: t('common.actions'),
    width: 130,
    render: (row) => <RestoreRowButton id={row.id} name={row.name} restore={restore} />,
  };
}

function RestoreRowButton({ id, name, restore }: { id: string; name: string; restore: IdMutation }) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-sm"
      variant="light"
      leftSection={<IconRestore size={14} />}
      aria-label={`${t('common.restore')} ${name}`}
      onClick={() => restoreRecord(t, restore, id)}
    >
      {t('common.restore')}
    </Button>
  );
}
