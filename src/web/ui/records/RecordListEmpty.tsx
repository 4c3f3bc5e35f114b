import { Button } from '@mantine/core';
import { IconSearch, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ListEmpty } from '../ListEmpty.js';

type Props = {
  /** Nothing in the trash (checked first). */
  inTrash?: boolean;
  trashTitle?: string;
  /** Filters are set but nothing matches: offers to clear them. */
  filtered: boolean;
  noMatchesTitle: string;
  onClearFilters: () => void;
  /** No records at all yet. */
  icon: ReactNode;
  title: string;
  description?: string;
  action?: ReactNode;
};

/** What a list shows without rows: the trash is empty, nothing matches the filters, or there is nothing yet. */
export function RecordListEmpty(props: Props) {
  const { t } = useTranslation();
  if (props.inTrash) return <ListEmpty icon={<IconTrash size={28} />} title={props.trashTitle ?? ''} />;
  if (props.filtered)
    return (
      <ListEmpty
        icon={<IconSearch size={28} />}
        title={props.noMatchesTitle}
        action={
          <Button variant="default" onClick={props.onClearFilters}>
            {t('common.clearFilters')}
          </Button>
        }
      />
    );
  return <ListEmpty icon={props.icon} title={props.title} description={props.description} action={props.action} />;
}
