import { Badge, Button, Group, Modal, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconChecklist } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { useRelatedActivities } from '../activities/api.js';
import { useApplyPlan, usePlanProgress, usePlans } from './api.js';
import './i18n.js';

/** On a record's page: the plans applied to it with their progress, and "Apply plan". */
export function PlanPanel({ related, canEdit: canEditRecord = true }: { related: RelatedRef; canEdit?: boolean }) {
  const { t } = useTranslation('activityPlans');
  const fmt = useFormat();
  const canEdit = useCanEdit() && canEditRecord;
  const activities = useRelatedActivities(related);
  const progress = usePlanProgress(related, activities.dataUpdatedAt);
  const [applying, setApplying] = useState(false);
  const applied = progress.data?.data ?? [];

  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={t('panel.title')} data-testid="plan-panel">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('panel.title')}</Title>
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconChecklist size={14} />} onClick={() => setApplying(true)}>
            {t('panel.apply')}
          </Button>
        )}
      </Group>
      {applied.length === 0 ? (
        <Text size="sm" c="dimmed">
          {progress.isPending ? '…' : t('panel.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {applied.map((p) => (
            <div key={p.applicationId}>
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600}>
                  {p.planName}
                </Text>
                <Group gap={6}>
                  {p.skipped > 0 && (
                    <Badge size="xs" color="gray" variant="light">
                      {t('panel.skipped', { count: p.skipped })}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {t('panel.progress', { done: p.done, total: p.total })}
                  </Text>
                </Group>
              </Group>
              <Progress
                value={p.total ? ((p.done + p.skipped) / p.total) * 100 : 0}
                size="sm"
                mt={4}
                color={p.open === 0 ? 'teal' : 'indigo'}
              />
              <Stack gap={2} mt={6}>
                {p.items.map((i) => (
                  <Group key={i.itemId} gap={6} wrap="nowrap">
                    <Text
                      size="xs"
                      c={i.status === 'planned' ? undefined : 'dimmed'}
                      td={i.status === 'cancelled' || i.deleted ? 'line-through' : undefined}
                    >
                      {i.status === 'held' || i.status === 'completed' ? '✓' : '○'}{' '}
                      <Link to={`/activities/${i.activityId}`}>{i.subject}</Link>
                    </Text>
                    {i.at && (
                      <Text size="xs" c="dimmed" ml="auto">
                        {fmt.dateTime(i.at)}
                      </Text>
                    )}
                  </Group>
                ))}
              </Stack>
              <Text size="xs" c="dimmed" mt={4}>
                {t('panel.appliedBy', { when: fmt.relative(p.appliedAt), who: p.appliedBy?.name ?? '—' })}
              </Text>
            </div>
          ))}
        </Stack>
      )}
      <ApplyPlanModal related={related} opened={applying} onClose={() => setApplying(false)} />
    </Paper>
  );
}

function ApplyPlanModal({ related, opened, onClose }: { related: RelatedRef; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('activityPlans');
  const plans = usePlans({ activeOnly: true });
  const apply = useApplyPlan(related);
  const [planId, setPlanId] = useState<string | null>(null);
  const [startAt, setStartAt] = useState<string | null>(null);
  const chosen = plans.data?.data.find((p) => p.id === planId);
  return (
    <Modal opened={opened} onClose={onClose} title={t('panel.applyTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!planId) return;
          apply.mutate(
            { planId, startAt: startAt ? new Date(startAt).toISOString() : undefined },
            {
              onSuccess: (p) => {
                notifySuccess(t('panel.applied', { count: p.total }));
                onClose();
              },
              onError: (err) => notifyError(t, err),
            },
          );
        }}
      >
        <Stack>
          <Select
            label={t('panel.plan')}
            data={(plans.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={planId}
            onChange={setPlanId}
            searchable
            required
          />
          {chosen && (
            <Stack gap={2}>
              {chosen.items.map((i) => (
                <Text key={i.id} size="xs" c="dimmed">
                  {t('dueDay')} {i.dueDayOffset}: {t(`types.${i.type}`)} — {i.subject}
                </Text>
              ))}
            </Stack>
          )}
          <DateTimePicker
            label={t('panel.startAt')}
            value={startAt}
            onChange={(v) => setStartAt(v ? String(v) : null)}
            clearable
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={apply.isPending} disabled={!planId}>
              {t('panel.apply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
