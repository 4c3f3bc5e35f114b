import { Alert, Button, Group, Modal, Radio, ScrollArea, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowMerge } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lead, MERGEABLE_LEAD_FIELDS } from '../../../domain/leads/lead.schema.js';
import { isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { fetchLead, leadKeys, mergeLead, refreshLead } from './api.js';
import { useLeadValueFormatter } from './useLeadValueFormatter.js';

type Field = (typeof MERGEABLE_LEAD_FIELDS)[number];
type Pick = 'target' | 'source';

const isEmpty = (v: unknown) => v == null || v === '';
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** BANT answers default to "unknown"/"unclear": that counts as empty when choosing a default. */
function isUnset(field: Field, v: unknown) {
  if (isEmpty(v)) return true;
  if (field === 'timeline') return v === 'unclear';
  if (field === 'budget' || field === 'authority' || field === 'need') return v === 'unknown';
  return false;
}

/** Default pick: this lead's value, or the other's where this one is empty (same rule as the server). */
function defaultPicks(target: Lead, source: Lead): Record<Field, Pick> {
  const picks = {} as Record<Field, Pick>;
  for (const f of MERGEABLE_LEAD_FIELDS) picks[f] = isUnset(f, target[f]) && !isUnset(f, source[f]) ? 'source' : 'target';
  return picks;
}

export function LeadMergeModal({ target, sourceId, onClose }: { target: Lead; sourceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const source = useQuery({ queryKey: leadKeys.detail(sourceId), queryFn: () => fetchLead(sourceId) });
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('leads.merge.title')}</Text>} size="xl">
      {source.isPending && <Skeleton height={300} />}
      {source.isError && <Alert color="red">{errorMessage(t, source.error)}</Alert>}
      {source.data && (
        <MergeForm key={`${target.version}:${source.data.version}`} target={target} source={source.data} onClose={onClose} />
      )}
    </Modal>
  );
}

function MergeForm({ target, source, onClose }: { target: Lead; source: Lead; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formatValue = useLeadValueFormatter();
  const [picks, setPicks] = useState(() => defaultPicks(target, source));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fields = useMemo(
    () => MERGEABLE_LEAD_FIELDS.filter((f) => !(isEmpty(target[f]) && isEmpty(source[f]))),
    [target, source],
  );
  const show = (f: Field, v: unknown) => (isEmpty(v) ? t('common.noValue') : formatValue(f, v));

  const confirm = async () => {
    setSaving(true);
    setError(null);
    try {
      const body = Object.fromEntries(fields.filter((f) => !same(target[f], source[f])).map((f) => [f, picks[f]]));
      const merged = await mergeLead(target, source.id, body);
      refreshLead(queryClient, merged);
      queryClient.removeQueries({ queryKey: leadKeys.detail(source.id) });
      notifySuccess(t('leads.merge.done', { name: source.name }));
      onClose();
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) {
        setError(t('leads.merge.stale'));
        void queryClient.invalidateQueries({ queryKey: leadKeys.detail(target.id) });
        void queryClient.invalidateQueries({ queryKey: leadKeys.detail(source.id) });
      } else setError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  };

  const column = (pick: Pick, lead: Lead, f: Field) => {
    const value = lead[f];
    const equal = same(target[f], source[f]);
    return (
      <Table.Td bg={!equal && picks[f] === pick ? 'var(--mantine-color-teal-0)' : undefined}>
        {equal ? (
          <Text size="sm" c="dimmed">
            {show(f, value)}
          </Text>
        ) : (
          <Radio
            name={`merge-${f}`}
            value={pick}
            checked={picks[f] === pick}
            onChange={() => setPicks((p) => ({ ...p, [f]: pick }))}
            label={show(f, value)}
            aria-label={`${t(`fields.${f}`)}: ${pick === 'target' ? t('leads.merge.thisLead') : t('leads.merge.otherLead')}`}
            disabled={isEmpty(value) && pick === 'source'}
            styles={{ label: { overflowWrap: 'anywhere' } }}
          />
        )}
      </Table.Td>
    );
  };

  return (
    <Stack>
      <Text size="sm">{t('leads.merge.hint', { other: source.name })}</Text>
      {error && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} role="alert">
          {error}
        </Alert>
      )}
      <ScrollArea.Autosize mah="55vh">
        <Table withTableBorder withColumnBorders aria-label={t('leads.merge.title')} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('conflict.field')}</Table.Th>
              <Table.Th>
                {t('leads.merge.thisLead')}: {target.name}
              </Table.Th>
              <Table.Th>
                {t('leads.merge.otherLead')}: {source.name}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((f) => (
              <Table.Tr key={f} data-testid={`merge-field-${f}`}>
                <Table.Td fw={500}>{t(`fields.${f}`)}</Table.Td>
                {column('target', target, f)}
                {column('source', source, f)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Text size="xs" c="dimmed">
        {t('leads.merge.after', { other: source.name })}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button leftSection={<IconArrowMerge size={16} />} onClick={() => void confirm()} loading={saving}>
          {t('leads.merge.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
