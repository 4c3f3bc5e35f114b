import { Anchor, Badge, Breadcrumbs, Button, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../PageHeader.js';
import { type IdMutation, restoreRecord } from './recordMutations.js';

/** "Accounts / [children] / Name" above a record's title. */
export function RecordBreadcrumbs({
  listPath,
  listLabel,
  current,
  children,
}: {
  listPath: string;
  listLabel: string;
  current: string;
  /** Crumbs between the list and the record (e.g. the parent account). */
  children?: ReactNode;
}) {
  return (
    <Breadcrumbs mb="xs" fz="sm">
      <Anchor component={Link} to={listPath} size="sm">
        {listLabel}
      </Anchor>
      {children}
      <Text size="sm">{current}</Text>
    </Breadcrumbs>
  );
}

type HeaderProps<R> = {
  title: string;
  subtitle?: ReactNode;
  /** The record's own badges (type, status); "Deleted" is added after them. */
  badge?: ReactNode;
  record: { id: string; deletedAt: string | null };
  canEdit: boolean;
  editing: boolean;
  /** Restore, offered on a deleted record; without it a deleted record shows no actions. */
  restore?: IdMutation<R>;
  onRestored?: (record: R) => void;
  /** The page's buttons (edit, delete, merge…): only for who may edit, and not on a deleted record or while editing. */
  actions: ReactNode;
};

/** A record page's title line: badges, and either the page's actions or, on a deleted record, Restore. */
export function RecordPageHeader<R>({
  title,
  subtitle,
  badge,
  record,
  canEdit,
  editing,
  restore,
  onRestored,
  actions,
}: HeaderProps<R>) {
  const { t } = useTranslation();
  const deleted = record.deletedAt !== null;
  return (
    <PageHeader
      title={title}
      badge={
        <>
          {badge}
          {deleted && <Badge color="red">{t('common.deletedBadge')}</Badge>}
        </>
      }
      subtitle={subtitle}
      actions={
        canEdit &&
        (deleted
          ? restore && (
              <Button
                leftSection={<IconRestore size={16} />}
                loading={restore.isPending}
                onClick={() => restoreRecord(t, restore, record.id, onRestored)}
              >
                {t('common.restore')}
              </Button>
            )
          : !editing && actions)
      }
    />
  );
}
