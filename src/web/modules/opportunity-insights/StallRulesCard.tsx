import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StallRule, StallRules } from '../../../domain/opportunities/stalled.schema.js';
import { apiRequest, isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import './workflows.i18n.js';

const RULES_KEY = ['stalled-deal-rules'] as const;
const FIELDS = ['noActivityDays', 'maxDaysInStage', 'escalateAfterDays'] as const;

/** Admin card on the pipelines page: the stalled-deal rules (default and per pipeline), `GET/PUT /stalled-deal-rules`. */
export function StallRulesCard({ pipelines }: { pipelines: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation('opportunityWorkflows');
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const rules = useQuery({
    queryKey: RULES_KEY,
    queryFn: async () => (await apiRequest<StallRules>('/stalled-deal-rules')).data,
  });
  const [draft, setDraft] = useState<StallRules | null>(null);
  useEffect(() => {
    if (rules.data) setDraft(rules.data);
  }, [rules.data]);
  const save = useMutation({
    mutationFn: async (body: StallRules) => (await apiRequest<StallRules>('/stalled-deal-rules', { method: 'PUT', body })).data,
    onSuccess: (saved) => {
      qc.setQueryData(RULES_KEY, saved);
      void qc.invalidateQueries({ queryKey: ['opportunities'] });
      notifySuccess(t('stallRules.saved'));
    },
  });
  if (!draft) return rules.error ? <Alert color="red">{errorMessage(tc, rules.error)}</Alert> : null;

  const setRule = (pipelineId: string | null, rule: StallRule | null) =>
    setDraft((d) => {
      if (!d) return d;
      if (pipelineId === null) return { ...d, default: rule ?? d.default };
      const pipelinesRules = { ...d.pipelines };
      if (rule) pipelinesRules[pipelineId] = rule;
      else delete pipelinesRules[pipelineId];
      return { ...d, pipelines: pipelinesRules };
    });
  const fieldErrors =
    save.error && isApiError(save.error) ? Object.fromEntries(save.error.details.map((d) => [d.field, d.message])) : {};
  const inputs = (pipelineId: string | null, rule: StallRule) =>
    FIELDS.map((f) => {
      const path = pipelineId === null ? `default.${f}` : `pipelines.${pipelineId}.${f}`;
      return (
        <Table.Td key={f}>
          <NumberInput
            aria-label={`${t(`stallRules.${f}`)} — ${pipelineId === null ? t('stallRules.default') : pipelineId}`}
            size="xs"
            min={1}
            max={f === 'escalateAfterDays' ? 365 : 3650}
            allowDecimal={false}
            value={rule[f] ?? ''}
            error={fieldErrors[path]}
            onChange={(v) =>
              setRule(pipelineId, { ...rule, [f]: typeof v === 'number' ? v : v === '' ? null : Number(v) || null })
            }
            w={110}
          />
        </Table.Td>
      );
    });

  return (
    <Paper withBorder p="md" mt="lg" data-testid="stall-rules">
      <Stack gap="sm">
        <Title order={4}>{t('stallRules.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('stallRules.hint')}
        </Text>
        {save.error && !(isApiError(save.error) && save.error.details.length) && (
          <Alert color="red">{errorMessage(tc, save.error)}</Alert>
        )}
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stallRules.pipeline')}</Table.Th>
              <Table.Th />
              {FIELDS.map((f) => (
                <Table.Th key={f}>{t(`stallRules.${f}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td fw={600}>{t('stallRules.default')}</Table.Td>
              <Table.Td />
              {inputs(null, draft.default)}
            </Table.Tr>
            {pipelines.map((p) => {
              const own = draft.pipelines[p.id];
              return (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>
                    <Switch
                      size="xs"
                      label={t('stallRules.own')}
                      checked={Boolean(own)}
                      onChange={(e) => setRule(p.id, e.currentTarget.checked ? { ...draft.default } : null)}
                    />
                  </Table.Td>
                  {own ? (
                    inputs(p.id, own)
                  ) : (
                    <Table.Td colSpan={3}>
                      <Text size="sm" c="dimmed">
                        {t('stallRules.useDefault')}
                      </Text>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button loading={save.isPending} onClick={() => save.mutate(draft)}>
            {t('stallRules.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
