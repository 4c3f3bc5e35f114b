import {
  ActionIcon,
  Alert,
  Button,
  FileButton,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileUpload, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeRate } from '../../../domain/money/exchange-rate.schema.js';
import { api, apiRequest, isApiError, type Page } from '../../app/api/client.js';
import { useFormat } from '../../app/i18n/format.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { AdminOnly } from '../admin/AdminOnly.js';
import { BASE_CURRENCY_KEY, useBaseCurrency } from '../opportunities/api.js';
import { CURRENCIES } from '../opportunities/money.js';
import '../opportunities/i18n.js';

const RATES_KEY = ['exchange-rates', 'list'] as const;

export default function ExchangeRatesPage() {
  return (
    <AdminOnly>
      <ExchangeRates />
    </AdminOnly>
  );
}

/** Admin: dated rates (units of the base currency per unit), manual entry and rate files (ČNB daily/year, CSV). */
function ExchangeRates() {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [currency, setCurrency] = useState<string | null>(null);
  const rates = useInfiniteQuery({
    queryKey: [...RATES_KEY, currency],
    queryFn: ({ pageParam }) =>
      api.get<Page<ExchangeRate>>('/exchange-rates', { currency: currency ?? undefined, limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = rates.data?.pages.flatMap((p) => p.data) ?? [];
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: RATES_KEY });
    void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
  };

  return (
    <>
      <PageHeader title={t('rates.title')} subtitle={t('rates.subtitle')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder p="md" shadow="xs">
            <Group justify="space-between" mb="sm">
              <Title order={5}>{t('rates.title')}</Title>
              <Select
                aria-label={t('rates.filterCurrency')}
                placeholder={t('rates.filterCurrency')}
                data={CURRENCIES}
                value={currency}
                onChange={setCurrency}
                clearable
                searchable
                w={140}
              />
            </Group>
            {rows.length === 0 && rates.isSuccess ? (
              <Text c="dimmed" ta="center" py="lg">
                {t('rates.empty')}
              </Text>
            ) : (
              <Table aria-label={t('rates.title')} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rates.date')}</Table.Th>
                    <Table.Th>{t('rates.currency')}</Table.Th>
                    <Table.Th>{t('rates.rate')}</Table.Th>
                    <Table.Th>{t('rates.source')}</Table.Th>
                    <Table.Th>{t('rates.updatedAt')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{fmt.date(r.date)}</Table.Td>
                      <Table.Td>{r.currency}</Table.Td>
                      <Table.Td>
                        {/* the rate as stored (up to 8 decimals), with the locale's decimal separator */}
                        {localDecimal(fmt.locale, r.rate)} {r.baseCurrency}
                      </Table.Td>
                      <Table.Td>{t(SOURCE_LABEL[r.source])}</Table.Td>
                      <Table.Td>{fmt.dateTime(r.updatedAt)}</Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={tc('common.delete')}
                          onClick={() =>
                            void api
                              .delete(`/exchange-rates/${r.id}`)
                              .then(() => {
                                notifySuccess(t('rates.removed'));
                                refresh();
                              })
                              .catch((e) => notifyError(tc, e))
                          }
                        >
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {rates.hasNextPage && (
              <Button variant="subtle" size="xs" onClick={() => void rates.fetchNextPage()} loading={rates.isFetchingNextPage}>
                {tc('common.loadMore')}
              </Button>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <BaseCurrencyPanel />
            <AddRatePanel onSaved={refresh} />
            <RateImportPanel onImported={refresh} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function localDecimal(locale: string, value: string): string {
  const sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return value.replace('.', sep);
}

function BaseCurrencyPanel() {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const base = useBaseCurrency();
  const [value, setValue] = useState<string | null>(null);
  const current = value ?? base.data ?? null;
  return (
    <Paper withBorder p="md" shadow="xs">
      <Group align="flex-end">
        <Select
          label={t('rates.baseCurrency')}
          data={Array.from(new Set([...(base.data ? [base.data] : []), ...CURRENCIES]))}
          value={current}
          onChange={setValue}
          allowDeselect={false}
          searchable
          w={160}
        />
        <Button
          variant="default"
          disabled={!value || value === base.data}
          onClick={() =>
            void apiRequest<{ baseCurrency: string }>('/exchange-rates/base-currency', {
              method: 'PUT',
              body: { baseCurrency: value },
            })
              .then(() => {
                notifySuccess(t('rates.baseSaved'));
                void queryClient.invalidateQueries({ queryKey: BASE_CURRENCY_KEY });
                void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
              })
              .catch((e) => notifyError(tc, e))
          }
        >
          {tc('common.save')}
        </Button>
      </Group>
    </Paper>
  );
}

function AddRatePanel({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const [currency, setCurrency] = useState<string | null>('EUR');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [rate, setRate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    setErrors({});
    try {
      await api.post('/exchange-rates', { currency, date, rate: rate.replace(',', '.').trim() });
      notifySuccess(t('rates.saved'));
      setRate('');
      onSaved();
    } catch (e) {
      if (isApiError(e, 'validation_failed') && e.details.length)
        setErrors(Object.fromEntries(e.details.map((d) => [d.field, d.message])));
      else notifyError(tc, e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper
      withBorder
      p="md"
      shadow="xs"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Title order={5} mb="sm">
        {t('rates.add')}
      </Title>
      <Group align="flex-end" gap="xs">
        <Select
          label={t('rates.currency')}
          data={CURRENCIES}
          value={currency}
          onChange={setCurrency}
          searchable
          w={100}
          error={errors.currency}
        />
        <TextInput
          type="date"
          label={t('rates.date')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          w={150}
          error={errors.date}
        />
        <TextInput
          label={t('rates.rate')}
          value={rate}
          onChange={(e) => setRate(e.currentTarget.value)}
          placeholder="24,325"
          w={110}
          error={errors.rate}
        />
        <Button type="submit" loading={saving}>
          {t('rates.add')}
        </Button>
      </Group>
    </Paper>
  );
}

const SOURCE_LABEL = { manual: 'rates.sourceManual', cnb: 'rates.sourceCnb', import: 'rates.sourceImport' } as const;

type ImportResult = { date: string; from: string; to: string; days: number; imported: number; currencies: string[] };

function RateImportPanel({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    setResult(null);
    setProblems([]);
    try {
      const r = await api.post<ImportResult>('/exchange-rates/import', { text });
      setResult(r);
      onImported();
    } catch (e) {
      if (isApiError(e) && e.details.length) setProblems([e.message, ...e.details.map((d) => `${d.field}: ${d.message}`)]);
      else setProblems([errorMessage(tc, e)]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper withBorder p="md" shadow="xs">
      <Title order={5}>{t('rates.import')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('rates.importHint')}
      </Text>
      <Stack gap="xs">
        <Textarea
          aria-label={t('rates.import')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={5}
          maxRows={12}
          placeholder={'23.11.2026 #226\nzemě|měna|množství|kód|kurz\nEMU|euro|1|EUR|24,325'}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <Group justify="space-between">
          <FileButton onChange={(file) => void file?.text().then(setText)} accept=".txt,.csv,text/plain,text/csv">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconFileUpload size={14} />}>
                {t('rates.upload')}
              </Button>
            )}
          </FileButton>
          <Button onClick={() => void submit()} loading={saving} disabled={!text.trim()}>
            {t('rates.importSubmit')}
          </Button>
        </Group>
        {result && (
          <Alert color="teal" role="status">
            {result.days > 1
              ? t('rates.importedRange', {
                  count: result.imported,
                  from: fmt.date(result.from),
                  to: fmt.date(result.to),
                  currencies: result.currencies.join(', '),
                })
              : t('rates.imported', {
                  count: result.imported,
                  date: fmt.date(result.date),
                  currencies: result.currencies.join(', '),
                })}
          </Alert>
        )}
        {problems.length > 0 && (
          <Alert color="red" role="alert">
            <Stack gap={2}>
              {problems.map((p) => (
                <Text key={p} size="sm">
                  {p}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
