import { Alert, Button, Group, List, Modal, Radio, ScrollArea, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowMerge } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api/client.js';
import { errorMessage } from '../../app/notify.js';
import { useValueFormatter } from '../stream/useValueFormatter.js';
import type { MergePicks } from './api.js';
import './i18n.js';

export type MergeableRecord = { id: string; version: number; name: string };

/** One row of the merge screen: an API field name (`fields.<key>` is its label) and how to read it from a record. */
export type MergeField<R> = {
  key: string;
  /** Defaults to the shared label `fields.<key>`. */
  label?: string;
  value: (r: R) => unknown;
  /** How the value shows (e.g. a linked record's name); defaults to the shared Stream value formatter. */
  display?: (r: R) => ReactNode;
  /** Lists (emails, phones): a third choice "keep both", the default and the server's own default. */
  keepBoth?: boolean;
};

type Choice = 'target' | 'source' | 'both';

export type MergeModalProps<R extends MergeableRecord> = {
  title: string;
  /** Column headings, e.g. "This account" / "Other account"; also the radios' accessible names. */
  labels: { thisRecord: string; otherRecord: string };
  /** The survivor: the record whose page is open. */
  target: R;
  /** The record merged into it; `null` until picked with `picker`. */
  sourceId: string | null;
  /** A search field to choose (or change) the other record. */
  picker?: (value: string | null, onChange: (id: string | null) => void) => ReactNode;
  sourceQuery: (id: string) => { queryKey: readonly unknown[]; queryFn: () => Promise<R> };
  fields: MergeField<R>[];
  /** What moves with the other record (counts of contacts, sub-accounts…). */
  summary?: (source: R) => ReactNode;
  merge: (target: R, sourceId: string, picks: MergePicks) => Promise<R>;
  onMerged: (merged: R, source: R) => void;
  /** A 412: reload both records (the form resets to their latest values). */
  onStale: (sourceId: string) => void;
  onClose: () => void;
};

const isEmpty = (v: unknown) => v == null || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Merge two records of one type: a column per record, a radio per differing field to choose the surviving value
 * (default: this record's, or the other's where this one is empty), what moves, then one POST with If-Match.
 */
export function MergeModal<R extends MergeableRecord>(props: MergeModalProps<R>) {
  const { t } = useTranslation();
  const [sourceId, setSourceId] = useState(props.sourceId);
  const source = useQuery({
    ...props.sourceQuery(sourceId ?? ''),
    enabled: sourceId !== null && sourceId !== props.target.id,
  });
  return (
    <Modal opened onClose={props.onClose} title={<Text fw={600}>{props.title}</Text>} size="xl">
      <Stack>
        {props.picker?.(sourceId, setSourceId)}
        {sourceId === null && (
          <Text size="sm" c="dimmed">
            {t('merge:pickFirst')}
          </Text>
        )}
        {sourceId !== null && source.isPending && <Skeleton height={300} />}
        {source.isError && <Alert color="red">{errorMessage(t, source.error)}</Alert>}
        {sourceId !== null && source.data && (
          <MergeForm key={`${props.target.version}:${source.data.id}:${source.data.version}`} {...props} source={source.data} />
        )}
      </Stack>
    </Modal>
  );
}

function defaultChoices<R>(fields: MergeField<R>[], target: R, source: R): Record<string, Choice> {
  const choices: Record<string, Choice> = {};
  for (const f of fields) {
    if (f.keepBoth) choices[f.key] = 'both';
    else choices[f.key] = isEmpty(f.value(target)) && !isEmpty(f.value(source)) ? 'source' : 'target';
  }
  return choices;
}

function MergeForm<R extends MergeableRecord>({
  target,
  source,
  fields: allFields,
  labels,
  summary,
  merge,
  onMerged,
  onStale,
  onClose,
}: MergeModalProps<R> & { source: R }) {
  const { t } = useTranslation();
  const formatValue = useValueFormatter();
  const fields = useMemo(
    () => allFields.filter((f) => !(isEmpty(f.value(target)) && isEmpty(f.value(source)))),
    [allFields, target, source],
  );
  const [choices, setChoices] = useState(() => defaultChoices(fields, target, source));
  const [error, setError] = useState<{ title?: string; lines: string[]; fields: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const differs = (f: MergeField<R>) => !same(f.value(target), f.value(source));
  const show = (f: MergeField<R>, r: R): ReactNode => {
    const v = f.value(r);
    if (isEmpty(v)) return t('merge:noValue');
    return f.display ? f.display(r) : formatValue(f.key, v);
  };
  const label = (key: string) => allFields.find((f) => f.key === key)?.label ?? t(`fields.${key}`, { defaultValue: key });

  const confirm = async () => {
    setSaving(true);
    setError(null);
    try {
      const picks: MergePicks = {};
      for (const f of fields) {
        const choice = choices[f.key];
        if (differs(f) && choice && choice !== 'both') picks[f.key] = choice;
      }
      const merged = await merge(target, source.id, picks);
      onMerged(merged, source);
      onClose();
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) {
        setError({ title: t('conflict.title'), lines: [t('merge:stale')], fields: [] });
        onStale(source.id);
      } else if (isApiError(e, 'validation_failed') && e.details.length) {
        // Details name `fields.<field>` (a pick) or `sourceId` (the other record).
        const named = e.details.map((d) => ({ ...d, field: d.field.replace(/^fields\./, '') }));
        setError({
          title: t('errors.validation', { defaultValue: '' }) || undefined,
          lines: named.map((d) =>
            t('merge:fieldError', { field: d.field === 'sourceId' ? labels.otherRecord : label(d.field), message: d.message }),
          ),
          fields: named.map((d) => d.field),
        });
      } else setError({ lines: [errorMessage(t, e)], fields: [] });
    } finally {
      setSaving(false);
    }
  };

  const cell = (choice: 'target' | 'source', r: R, f: MergeField<R>) => {
    const picked = choices[f.key] === choice || (choices[f.key] === 'both' && !isEmpty(f.value(r)));
    if (!differs(f)) {
      return (
        <Table.Td>
          <Text size="sm" c="dimmed" title={t('merge:identical')}>
            {show(f, r)}
          </Text>
        </Table.Td>
      );
    }
    return (
      <Table.Td bg={picked ? 'var(--mantine-color-teal-0)' : undefined}>
        <Radio
          name={`merge-${f.key}`}
          value={choice}
          checked={choices[f.key] === choice}
          onChange={() => setChoices((c) => ({ ...c, [f.key]: choice }))}
          label={show(f, r)}
          aria-label={`${label(f.key)}: ${choice === 'target' ? labels.thisRecord : labels.otherRecord}`}
          disabled={choice === 'source' && isEmpty(f.value(r))}
          styles={{ label: { overflowWrap: 'anywhere', whiteSpace: 'pre-line' } }}
        />
      </Table.Td>
    );
  };

  return (
    <>
      <Text size="sm">{t('merge:hint', { other: source.name, target: target.name })}</Text>
      {error && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} role="alert" title={error.title}>
          {error.lines.map((line) => (
            <Text key={line} size="sm">
              {line}
            </Text>
          ))}
        </Alert>
      )}
      {fields.every((f) => !differs(f)) && (
        <Text size="sm" c="dimmed">
          {t('merge:sameValues')}
        </Text>
      )}
      <ScrollArea.Autosize mah="50vh">
        <Table withTableBorder withColumnBorders layout="fixed" aria-label={t('merge:field')} data-testid="merge-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="24%">{t('merge:field')}</Table.Th>
              <Table.Th>
                {labels.thisRecord}: {target.name}
              </Table.Th>
              <Table.Th>
                {labels.otherRecord}: {source.name}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((f) => (
              <Table.Tr
                key={f.key}
                data-testid={`merge-field-${f.key}`}
                bg={error?.fields.includes(f.key) ? 'var(--mantine-color-red-0)' : undefined}
              >
                <Table.Td fw={500}>
                  <Stack gap={4}>
                    {label(f.key)}
                    {f.keepBoth && differs(f) && (
                      <Radio
                        size="xs"
                        name={`merge-${f.key}`}
                        value="both"
                        checked={choices[f.key] === 'both'}
                        onChange={() => setChoices((c) => ({ ...c, [f.key]: 'both' }))}
                        label={t('merge:keepBoth')}
                        aria-label={`${label(f.key)}: ${t('merge:keepBoth')}`}
                      />
                    )}
                  </Stack>
                </Table.Td>
                {cell('target', target, f)}
                {cell('source', source, f)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {summary && (
        <Stack gap={4} data-testid="merge-summary">
          <Text size="sm" fw={600}>
            {t('merge:moves', { target: target.name })}
          </Text>
          <List size="sm" spacing={2}>
            {summary(source)}
          </List>
        </Stack>
      )}
      <Text size="xs" c="dimmed">
        {t('merge:after', { other: source.name })}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button leftSection={<IconArrowMerge size={16} />} onClick={() => void confirm()} loading={saving}>
          {t('merge:confirm')}
        </Button>
      </Group>
    </>
  );
}
