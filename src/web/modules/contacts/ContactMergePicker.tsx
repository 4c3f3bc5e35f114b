import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Contact } from '../../../domain/contacts/contact.schema.js';
import { api, type Page } from '../../app/api/client.js';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
  excludeId?: string;
};

/** Picks a contact by typing part of its name, email or phone; the server searches (`GET /contacts?q=`). */
export function ContactMergePicker({ value, onChange, excludeId, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const results = useQuery({
    queryKey: ['contacts', 'picker', q],
    queryFn: () => api.get<Page<Contact>>('/contacts', { q, limit: 20 }),
    staleTime: 30_000,
  });
  // The picked option stays listed when the search text (now its label) finds nothing else.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const data = useMemo(() => {
    const options = (results.data?.data ?? [])
      .filter((c) => c.id !== excludeId)
      .map((c) => ({ value: c.id, label: [c.name, c.account?.name ?? c.emails[0]].filter(Boolean).join(' · ') }));
    if (value && picked?.value === value && !options.some((o) => o.value === value)) options.unshift(picked);
    return options;
  }, [results.data, excludeId, value, picked]);
  return (
    <Select
      {...rest}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null);
        onChange(id);
      }}
      nothingFoundMessage={results.isFetching ? '…' : '—'}
    />
  );
}
