import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Account } from '../../../domain/accounts/account.schema.js';
import { api, type Page } from '../../app/api/client.js';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string;
  onChange: (id: string) => void;
  /** Name of the current value, so it shows before the search has loaded it. */
  currentName?: string | null;
  excludeId?: string;
};

/** Picks an account by typing part of its name; the server searches (diacritics-blind). */
export function AccountPicker({ value, onChange, currentName, excludeId, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [pickedName, setPickedName] = useState<string | null>(null);
  const results = useQuery({
    queryKey: ['accounts', 'picker', q],
    queryFn: () => api.get<Page<Account>>('/accounts', { q, limit: 20, sort: 'name' }),
    staleTime: 30_000,
  });
  const data = useMemo(() => {
    const options = (results.data?.data ?? []).filter((a) => a.id !== excludeId).map((a) => ({ value: a.id, label: a.name }));
    const name = pickedName ?? currentName;
    if (value && name && !options.some((o) => o.value === value)) options.unshift({ value, label: name });
    return options;
  }, [results.data, excludeId, value, currentName, pickedName]);

  return (
    <Select
      {...rest}
      searchable
      clearable
      data={data}
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id, option) => {
        setPickedName(option?.label ?? null);
        onChange(id ?? '');
      }}
      nothingFoundMessage={results.isFetching ? '…' : '—'}
    />
  );
}
