import '@mantine/dates/styles.css';
import 'dayjs/locale/cs';
import 'dayjs/locale/de';
import {
  type ComboboxItem,
  Group,
  MultiSelect,
  type OptionsFilter,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DatesProvider, DateTimePicker } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, type ActivityType, type RelatedRef } from '../../../domain/activities/activity.schema.js';
import { foldText } from '../../../domain/common/text.js';
import type { FormOf } from '../../ui/forms.js';
import { InviteSwitch } from '../calendar-feed/InviteSwitch.js';
import { useUserOptions } from '../users/api.js';
import type { ActivityFormValues } from './activityForm.js';
import { parseRef, refKey } from './activityForm.js';
import { TypeIcon } from './activityLabels.js';
import { searchRecords } from './api.js';

const PICKABLE_RELATED: RelatedRef['type'][] = ['lead', 'contact', 'account'];

/** Diacritics-blind option filter: "dvorakova" finds "Dvořáková". */
const foldFilter: OptionsFilter = ({ options, search }) => {
  const q = foldText(search);
  const keep = (o: ComboboxItem) => foldText(o.label).includes(q);
  return options
    .map((o) => ('group' in o ? { ...o, items: o.items.filter((i) => 'value' in i && keep(i as ComboboxItem)) } : o))
    .filter((o) => ('group' in o ? o.items.length > 0 : keep(o as ComboboxItem)));
};

type Props = {
  form: FormOf<ActivityFormValues>;
  mode: 'create' | 'edit';
  /** The related record's name when the form was opened from it (shown, not editable). */
  lockedRelated?: { type: string; name: string | null } | null;
  /** Names of already chosen participants and related record, so the pickers can label them. */
  knownLabels?: Record<string, string>;
};

export function ActivityFormFields({ form, mode, lockedRelated, knownLabels = {} }: Props) {
  const { t, i18n } = useTranslation('activities');
  const values = form.getValues();
  const type = values.type as ActivityType;
  const timed = type === 'meeting' || type === 'call';
  const dateFormat = i18n.language === 'en' ? 'MMM D, YYYY h:mm A' : 'D. M. YYYY HH:mm';
  const pickerProps = {
    valueFormat: dateFormat,
    clearable: true,
    dropdownType: 'popover' as const,
    timePickerProps: { withDropdown: true },
  };

  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: i18n.language === 'en' ? 0 : 1 }}>
      <Stack>
        {mode === 'create' && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="activity-type-label">
              {t('form.type')}
            </Text>
            <SegmentedControl
              aria-labelledby="activity-type-label"
              data={ACTIVITY_TYPES.map((value) => ({
                value,
                label: (
                  <Group gap={6} justify="center" wrap="nowrap">
                    <TypeIcon type={value} size={14} />
                    <span>{t(`type.${value}`)}</span>
                  </Group>
                ),
              }))}
              {...form.getInputProps('type')}
            />
          </Stack>
        )}
        <TextInput label={t('form.subject')} required data-autofocus {...form.getInputProps('subject')} />
        {timed ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateTimePicker
              label={t('form.startsAt')}
              required={!values.held}
              {...pickerProps}
              {...form.getInputProps('startsAt')}
            />
            <DateTimePicker label={t('form.endsAt')} {...pickerProps} {...form.getInputProps('endsAt')} />
          </SimpleGrid>
        ) : (
          <DateTimePicker label={t('form.dueAt')} {...pickerProps} {...form.getInputProps('dueAt')} />
        )}
        {mode === 'create' && timed && (
          <Switch label={t('form.alreadyHeld')} {...form.getInputProps('held', { type: 'checkbox' })} />
        )}
        {mode === 'create' && timed && values.held && (
          <Textarea label={t('form.outcome')} autosize minRows={2} {...form.getInputProps('outcome')} />
        )}
        {type === 'meeting' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('form.location')} {...form.getInputProps('location')} />
            <TextInput
              label={t('form.videoUrl')}
              placeholder={t('form.videoUrlPlaceholder')}
              type="url"
              {...form.getInputProps('videoUrl')}
            />
          </SimpleGrid>
        )}
        {lockedRelated ? (
          <TextInput
            label={t('form.relatedTo')}
            value={`${t(`relatedType.${lockedRelated.type}`)}: ${lockedRelated.name ?? ''}`}
            readOnly
            variant="filled"
          />
        ) : (
          <RelatedPicker form={form} knownLabels={knownLabels} />
        )}
        <ParticipantsPicker form={form} knownLabels={knownLabels} />
        {type === 'meeting' && <InviteSwitch {...form.getInputProps('sendInvitations', { type: 'checkbox' })} />}
        <Textarea label={t('form.description')} autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
        <DateTimePicker label={t('form.reminderAt')} {...pickerProps} {...form.getInputProps('reminderAt')} />
      </Stack>
    </DatesProvider>
  );
}

function RelatedPicker({ form, knownLabels }: { form: FormOf<ActivityFormValues>; knownLabels: Record<string, string> }) {
  const { t } = useTranslation('activities');
  const current = parseRef<RelatedRef['type']>(form.getValues().related);
  const [type, setType] = useState<RelatedRef['type']>(current?.type ?? 'lead');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const found = useQuery({
    queryKey: ['activities', 'record-search', type, debounced],
    queryFn: () => searchRecords(type, debounced),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const list = (found.data ?? []).map((o) => ({ value: refKey({ type, id: o.value }), label: o.label }));
    const value = form.getValues().related;
    if (value && !list.some((o) => o.value === value) && current?.type === type)
      list.unshift({ value, label: knownLabels[value] ?? value });
    return list;
  }, [found.data, type, form, knownLabels, current?.type]);

  return (
    <Group grow align="flex-start" gap="sm">
      <Select
        label={t('form.relatedType')}
        data={PICKABLE_RELATED.map((value) => ({ value, label: t(`relatedType.${value}`) }))}
        value={type}
        allowDeselect={false}
        onChange={(v) => {
          if (v) setType(v as RelatedRef['type']);
          form.setFieldValue('related', '');
        }}
        style={{ flex: '0 0 30%' }}
      />
      <Select
        label={t('form.relatedTo')}
        placeholder={t('form.relatedSearch')}
        searchable
        clearable
        data={options}
        filter={foldFilter}
        searchValue={search}
        onSearchChange={setSearch}
        nothingFoundMessage={found.isFetching ? '…' : undefined}
        {...form.getInputProps('related')}
        onChange={(v) => form.setFieldValue('related', v ?? '')}
      />
    </Group>
  );
}

function ParticipantsPicker({ form, knownLabels }: { form: FormOf<ActivityFormValues>; knownLabels: Record<string, string> }) {
  const { t } = useTranslation('activities');
  const users = useUserOptions({ activeOnly: true });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [labels, setLabels] = useState<Record<string, string>>(knownLabels);
  const contacts = useQuery({
    queryKey: ['activities', 'record-search', 'contact', debounced],
    queryFn: () => searchRecords('contact', debounced),
    staleTime: 30_000,
  });
  const selected = form.getValues().participants;
  const related = form.getValues().related;
  const data = useMemo(() => {
    const label = (v: string) => labels[v] ?? knownLabels[v] ?? v.slice(v.indexOf(':') + 1, v.indexOf(':') + 9);
    const userItems = users.map((u) => ({ value: `user:${u.value}`, label: u.label }));
    const contactItems = (contacts.data ?? []).map((c) => ({ value: `contact:${c.value}`, label: c.label }));
    // A lead can take part (and be invited) only as the record the meeting is about.
    const leadItems = related.startsWith('lead:') ? [{ value: related, label: label(related) }] : [];
    const seen = new Set([...userItems, ...contactItems, ...leadItems].map((o) => o.value));
    const others = selected.filter((v) => !seen.has(v)).map((v) => ({ value: v, label: label(v) }));
    const otherLeads = others.filter((o) => o.value.startsWith('lead:'));
    return [
      { group: t('participantType.user'), items: userItems },
      { group: t('participantType.contact'), items: [...contactItems, ...others.filter((o) => o.value.startsWith('contact:'))] },
      ...(leadItems.length + otherLeads.length > 0
        ? [{ group: t('participantType.lead'), items: [...leadItems, ...otherLeads] }]
        : []),
    ];
  }, [users, contacts.data, selected, related, labels, knownLabels, t]);

  return (
    <MultiSelect
      label={t('form.participants')}
      description={t('form.participantsHint')}
      searchable
      clearable
      data={data}
      filter={foldFilter}
      searchValue={search}
      onSearchChange={setSearch}
      {...form.getInputProps('participants')}
      onChange={(values) => {
        const all = data.flatMap((g) => g.items);
        setLabels((prev) => {
          const next = { ...prev };
          for (const v of values) {
            const label = all.find((o) => o.value === v)?.label;
            if (label) next[v] = label;
          }
          return next;
        });
        form.setFieldValue('participants', values);
      }}
    />
  );
}
