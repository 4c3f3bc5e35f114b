import { Badge, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { IMPORT_MAX_BYTES, type ImportStatus } from '../../../domain/imports/import.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { errorMessage } from '../../app/notify.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { importKeys, uploadImport, useImports } from './api.js';
import { IMPORTS_NS } from './i18n.js';

export const STATUS_COLOR: Record<ImportStatus, string> = {
  uploaded: 'gray',
  queued: 'blue',
  running: 'blue',
  completed: 'teal',
  failed: 'red',
};

/** Lead import: a drop zone to start a new import, and the list of past ones. */
export default function ImportsPage() {
  const { t } = useTranslation(IMPORTS_NS);
  const { dateTime, number } = useFormat();
  const navigate = useNavigate();
  const imports = useImports();
  const rows = imports.data?.data ?? [];
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <UploadZone onUploaded={(id) => navigate(`/leads/import/${id}`)} />
      <Text fw={600} mt="xl" mb="xs">
        {t('history')}
      </Text>
      <Paper withBorder shadow="xs">
        {imports.isSuccess && rows.length === 0 ? (
          <ListEmpty icon={<IconFileSpreadsheet size={28} />} title={t('empty')} description={t('emptyHint')} />
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={t('history')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.file')}</Table.Th>
                <Table.Th>{t('columns.status')}</Table.Th>
                <Table.Th ta="right">{t('columns.rows')}</Table.Th>
                <Table.Th ta="right">{t('columns.created')}</Table.Th>
                <Table.Th ta="right">{t('columns.rejected')}</Table.Th>
                <Table.Th>{t('columns.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((imp) => (
                <Table.Tr key={imp.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/leads/import/${imp.id}`)}>
                  <Table.Td fw={500}>
                    <Link to={`/leads/import/${imp.id}`} onClick={(e) => e.stopPropagation()}>
                      {imp.fileName}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[imp.status]}>
                      {t(`statuses.${imp.status}`)}
                      {imp.status === 'running' ? ` ${imp.progress} %` : ''}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{number(imp.totals.rows)}</Table.Td>
                  <Table.Td ta="right">{number(imp.totals.created)}</Table.Td>
                  <Table.Td ta="right">{number(imp.totals.rejected)}</Table.Td>
                  <Table.Td>{dateTime(imp.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}

/** Drag and drop (or click) a CSV/XLSX file; it is uploaded at once and the wizard continues with its columns. */
export function UploadZone({ onUploaded }: { onUploaded: (id: string) => void }) {
  const { t } = useTranslation(IMPORTS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(file: File | undefined) {
    if (!file) return;
    setError(null);
    if (file.size > IMPORT_MAX_BYTES) {
      setError(t('upload.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      const created = await uploadImport(file);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
      onUploaded(created.id);
    } catch (err) {
      setError(errorMessage(tc, err));
    } finally {
      setBusy(false);
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void send(e.dataTransfer.files[0]);
  };

  return (
    <Paper
      withBorder
      p="xl"
      role="button"
      tabIndex={0}
      aria-label={t('upload.drop')}
      onClick={() => !busy && input.current?.click()}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        cursor: busy ? 'progress' : 'pointer',
        background: over ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          void send(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <Stack align="center" gap="xs">
        {busy ? <Loader size="md" /> : <IconUpload size={36} stroke={1.5} />}
        <Text fw={500} ta="center">
          {busy ? t('upload.uploading') : t('upload.drop')}
        </Text>
        <Text size="sm" c="dimmed" ta="center">
          {t('upload.hint')}
        </Text>
        {error && (
          <Group>
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
