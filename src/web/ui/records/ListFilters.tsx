import { Group, type MantineSpacing, Select, Switch, Text, TextInput } from '@mantine/core';
import { IconSearch, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserOptions } from '../../modules/users/api.js';
import type { useListParams } from '../useListParams.js';

/** A list's filters as kept in the URL (see useListParams). */
export type ListParams = ReturnType<typeof useListParams>;

/** The row above a list: the search box, the page's own filters, and (where records go to the trash) "Show deleted". */
export function RecordFilterBar({
  list,
  searchPlaceholder,
  searchWidth = 300,
  withTrash = false,
  mb = 'md',
  children,
}: {
  list: ListParams;
  searchPlaceholder: string;
  searchWidth?: number;
  withTrash?: boolean;
  mb?: MantineSpacing;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group mb={mb} gap="sm" wrap="wrap">
      <TextInput
        aria-label={t('common.search')}
        placeholder={searchPlaceholder}
        leftSection={<IconSearch size={16} />}
        value={list.search}
        onChange={(e) => list.setSearch(e.currentTarget.value)}
        w={searchWidth}
        type="search"
      />
      {children}
      {withTrash && (
        <Switch
          ml="auto"
          label={
            <Group gap={4}>
              <IconTrash size={14} />
              <Text size="sm">{t('common.showDeleted')}</Text>
            </Group>
          }
          checked={list.trash}
          onChange={(e) => list.set('trash', e.currentTarget.checked ? '1' : null)}
        />
      )}
    </Group>
  );
}

/** A select bound to one URL parameter of the list; clearing it drops the filter. */
export function ListParamSelect({
  list,
  param,
  label,
  placeholder,
  data,
  w,
  searchable,
}: {
  list: ListParams;
  param: string;
  label: string;
  placeholder: string;
  data: Array<{ value: string; label: string }>;
  w: number;
  searchable?: boolean;
}) {
  return (
    <Select
      aria-label={label}
      placeholder={placeholder}
      data={data}
      value={list.get(param) || null}
      onChange={(v) => list.set(param, v)}
      clearable
      searchable={searchable}
      w={w}
    />
  );
}

/** "Any owner" filter (URL parameter `owner`), every user including deactivated ones. */
export function OwnerFilter({ list, placeholder, w }: { list: ListParams; placeholder: string; w: number }) {
  const { t } = useTranslation();
  const owners = useUserOptions();
  return (
    <ListParamSelect
      list={list}
      param="owner"
      label={t('fields.ownerId')}
      placeholder={placeholder}
      data={owners}
      w={w}
      searchable
    />
  );
}
