import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPlayerPlay } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  DUPLICATE_POLICIES,
  type DuplicatePolicy,
  IMPORT_FIELDS,
  type ImportField,
  type ImportRecord,
  type ImportUpdate,
  type PreviewRow,
} from '../../../domain/imports/import.schema.js';
import { LEAD_SOURCES, type Lead } from '../../../domain/leads/lead.schema.js';
import { isApiError } from '../../app/api/client.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError } from '../../app/notify.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { useTeams, useUserOptions } from '../users/api.js';
import { importKeys, startImport, updateImport, useImport, usePreview } from './api.js';
import { STATUS_COLOR } from './ImportsPage.js';
import { IMPORTS_NS } from './i18n.js';

const ACTION_COLOR: Record<PreviewRow['action'], string> = { create: 'teal', update: 'blue', skip: 'gray', reject: 'red' };

function stepOf(status: ImportRecord['status']): number {
  if (status === 'uploaded') return 1;
  if (status === 'queued' || status === 'running') return 2;
  return 3;
}

/** One import through its steps: columns & options with a live preview → start → progress → result. */
export default function ImportWizardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(IMPORTS_NS);
  const imp = useImport(id);
  if (imp.isPending) return <RecordLoading />;
  if (imp.isError) return <RecordError error={imp.error} backTo="/leads/import" backLabel={t('title')} />;
  const record = imp.data;
  const step = stepOf(record.status);
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('mapping.fileInfo', { name: record.fileName, rows: record.totals.rows })}
        badge={<Badge color={STATUS_COLOR[record.status]}>{t(`statuses.${record.status}`)}</Badge>}
      />
      <Stepper active={step} mb="lg" size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('steps.upload')} />
        <Stepper.Step label={t('steps.mapping')} />
        <Stepper.Step label={t('steps.progress')} />
        <Stepper.Step label={t('steps.result')} />
      </Stepper>
      {step === 1 && <MappingStep record={record} />}
      {step === 2 && <ProgressStep record={record} />}
      {step === 3 && <ResultStep record={record} />}
    </>
  );
}

function MappingStep({ record }: { record: ImportRecord }) {
  const { t } = useTranslation(IMPORTS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const preview = usePreview(record.id, true);
  const users = useUserOptions({ activeOnly: true });
  const teams = useTeams();
  const [saving, setSaving] = useState(false);
  const [campaign, setCampaign] = useState(record.defaults.campaign ?? '');
  useEffect(() => setCampaign(record.defaults.campaign ?? ''), [record.defaults.campaign]);

  const firstValues = useMemo(() => preview.data?.data[0]?.cells ?? [], [preview.data]);
  const mappedCount = record.mapping.filter(Boolean).length;
  const columns = record.headers.map((header, index) => ({ header, index, key: `${index}:${header}` }));

  async function save(change: ImportUpdate) {
    setSaving(true);
    try {
      const saved = await updateImport(record.id, change, record.version);
      const { preview: rows, ...rest } = saved;
      queryClient.setQueryData(importKeys.one(record.id), rest);
      queryClient.setQueryData([...importKeys.one(record.id), 'preview'], { data: rows });
    } catch (error) {
      if (isApiError(error, 'precondition_failed')) void queryClient.invalidateQueries({ queryKey: importKeys.one(record.id) });
      notifyError(tc, error);
    } finally {
      setSaving(false);
    }
  }

  const setField = (index: number, field: ImportField | null) => {
    // A field belongs to one column: choosing it here frees it elsewhere.
    const mapping = record.mapping.map((f, i) => (i === index ? field : f === field ? null : f));
    void save({ mapping });
  };
  const defaults = record.defaults;
  const setDefaults = (patch: Partial<ImportRecord['defaults']>) => void save({ defaults: { ...defaults, ...patch } });

  async function start() {
    setSaving(true);
    try {
      const started = await startImport(record.id);
      queryClient.setQueryData(importKeys.one(record.id), started);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    } catch (error) {
      notifyError(tc, error);
    } finally {
      setSaving(false);
    }
  }

  const fieldOptions = [
    { value: '', label: t('mapping.notImported') },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) })),
  ];

  return (
    <Stack>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Text fw={600}>{t('mapping.title')}</Text>
          <Text size="sm" c="dimmed">
            {t(`mapping.${record.mappingSource}`)}
          </Text>
        </Group>
        <Table aria-label={t('mapping.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mapping.column')}</Table.Th>
              <Table.Th>{t('mapping.sample')}</Table.Th>
              <Table.Th>{t('mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columns.map(({ header, index: i, key }) => (
              <Table.Tr key={key}>
                <Table.Td fw={500}>{header}</Table.Td>
                <Table.Td c="dimmed" maw={260} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {firstValues[i] ?? ''}
                </Table.Td>
                <Table.Td w={260}>
                  <Select
                    aria-label={`${t('mapping.field')}: ${header}`}
                    size="xs"
                    data={fieldOptions}
                    value={record.mapping[i] ?? ''}
                    allowDeselect={false}
                    disabled={saving}
                    onChange={(v) => setField(i, (v || null) as ImportField | null)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <Paper withBorder p="md">
        <Text fw={600} mb="sm">
          {t('options.title')}
        </Text>
        <Radio.Group
          label={t('options.duplicates')}
          value={record.duplicatePolicy}
          onChange={(v) => void save({ duplicatePolicy: v as DuplicatePolicy })}
          mb="md"
        >
          <Group mt="xs">
            {DUPLICATE_POLICIES.map((p) => (
              <Radio key={p} value={p} label={t(`options.${p}`)} disabled={saving} />
            ))}
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select
            label={t('options.owner')}
            description={t('options.ownerHint')}
            data={users}
            value={defaults.ownerId}
            searchable
            clearable
            disabled={saving}
            onChange={(ownerId) => setDefaults({ ownerId })}
          />
          <Select
            label={t('options.team')}
            data={(teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            value={defaults.teamId}
            clearable
            disabled={saving}
            onChange={(teamId) => setDefaults({ teamId })}
          />
          <Select
            label={t('options.source')}
            data={LEAD_SOURCES.map((s) => ({ value: s, label: tc(`leads.source.${s}`) }))}
            value={defaults.source}
            allowDeselect={false}
            disabled={saving}
            onChange={(source) => source && setDefaults({ source: source as Lead['source'] })}
          />
          <TextInput
            label={t('options.campaign')}
            value={campaign}
            disabled={saving}
            onChange={(e) => setCampaign(e.currentTarget.value)}
            onBlur={() => campaign !== (defaults.campaign ?? '') && setDefaults({ campaign: campaign || null })}
          />
        </SimpleGrid>
      </Paper>

      <PreviewTable record={record} rows={preview.data?.data ?? []} />

      {mappedCount === 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={16} />}>
          {t('mapping.noneMapped')}
        </Alert>
      )}
      <Group justify="space-between">
        <Button component={Link} to="/leads/import" variant="default">
          {t('back')}
        </Button>
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          onClick={() => void start()}
          loading={saving}
          disabled={mappedCount === 0}
        >
          {t('start')}
        </Button>
      </Group>
    </Stack>
  );
}

function PreviewTable({ record, rows }: { record: ImportRecord; rows: PreviewRow[] }) {
  const { t } = useTranslation(IMPORTS_NS);
  const mapped = IMPORT_FIELDS.filter(
    (f) =>
      f !== 'fullName' &&
      (record.mapping.includes(f) || ((f === 'firstName' || f === 'lastName') && record.mapping.includes('fullName'))),
  );
  return (
    <Paper withBorder p="md">
      <Text fw={600} mb="sm">
        {t('preview.title', { count: rows.length })}
      </Text>
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label={t('preview.title', { count: rows.length })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('preview.row')}</Table.Th>
              <Table.Th>{t('preview.status')}</Table.Th>
              {mapped.map((f) => (
                <Table.Th key={f}>{t(`fields.${f}`)}</Table.Th>
              ))}
              <Table.Th>{t('preview.problems')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.rowNumber}>
                <Table.Td>{row.rowNumber}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={ACTION_COLOR[row.action]} variant="light" style={{ minWidth: 'max-content' }}>
                    {t(`preview.actions.${row.action}`)}
                  </Badge>
                </Table.Td>
                {mapped.map((f) => (
                  <Table.Td key={f}>{row.values[f] ?? ''}</Table.Td>
                ))}
                <Table.Td>
                  {row.errors.map((e) => (
                    <Text key={`${e.field}-${e.message}`} size="xs" c="red">
                      {e.field ? `${t(`fields.${e.field}`, { defaultValue: e.field })}: ` : ''}
                      {e.message}
                    </Text>
                  ))}
                  {row.duplicate && (
                    <Tooltip label={row.duplicate.id}>
                      <Text size="xs" c="dimmed">
                        {t('preview.duplicateOf', { type: t(`preview.${row.duplicate.type}`), name: row.duplicate.name })}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function ProgressStep({ record }: { record: ImportRecord }) {
  const { t } = useTranslation(IMPORTS_NS);
  const { number } = useFormat();
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Text fw={500}>
          {record.status === 'queued'
            ? t('progress.queued')
            : t('progress.running', { processed: number(record.totals.processed), rows: number(record.totals.rows) })}
        </Text>
        <Progress value={record.progress} size="xl" animated striped aria-label={`${record.progress} %`} />
        <Text size="sm" c="dimmed">
          {record.progress} % · {t('progress.keepWorking')}
        </Text>
      </Stack>
    </Paper>
  );
}

function ResultStep({ record }: { record: ImportRecord }) {
  const { t } = useTranslation(IMPORTS_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const queryClient = useQueryClient();
  const failed = record.status === 'failed';
  const totals: Array<[string, number, string]> = [
    [t('result.rows'), record.totals.rows, 'dark'],
    [t('result.created'), record.totals.created, 'teal'],
    [t('result.updated'), record.totals.updated, 'blue'],
    [t('result.skipped'), record.totals.skipped, 'gray'],
    [t('result.rejected'), record.totals.rejected, 'red'],
  ];
  return (
    <Stack>
      {failed ? (
        <Alert color="red" title={t('result.failed')} icon={<IconAlertTriangle size={16} />}>
          {record.error}
        </Alert>
      ) : (
        <Alert color="teal" title={t('result.completed')} />
      )}
      {failed && <Progress value={record.progress} size="lg" color="red" aria-label={`${record.progress} %`} />}
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {totals.map(([label, value, color]) => (
          <Paper key={label} withBorder p="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {label}
            </Text>
            <Text size="xl" fw={700} c={color}>
              {number(value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group>
        {record.rejectedReportUrl && (
          <Button
            component="a"
            href={record.rejectedReportUrl}
            download
            variant="light"
            color="red"
            leftSection={<IconDownload size={16} />}
          >
            {t('result.report')}
          </Button>
        )}
        {failed && (
          <Button
            onClick={async () => {
              try {
                queryClient.setQueryData(importKeys.one(record.id), await startImport(record.id));
              } catch (error) {
                notifyError(tc, error);
              }
            }}
          >
            {t('result.resume')}
          </Button>
        )}
        <Button component={Link} to="/leads" variant="default">
          {t('result.toLeads')}
        </Button>
        <Button component={Link} to="/leads/import" variant="subtle">
          {t('result.another')}
        </Button>
      </Group>
    </Stack>
  );
}
