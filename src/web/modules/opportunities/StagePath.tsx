import { Paper, Skeleton, Stepper, Text, Title } from '@mantine/core';
import { IconTrophy, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { Stage } from '../../../domain/pipelines/pipeline.schema.js';
import { useStageHistory } from './api.js';
import './i18n.js';

/**
 * The pipeline's stages as a stepper: those the deal went through with the days it spent there (from the stage
 * history), the current one highlighted, the rest still ahead. A closed deal ends in its won/lost step.
 */
export function StagePath({ opportunity, stages }: { opportunity: Opportunity; stages: Stage[] }) {
  const { t } = useTranslation('opportunities');
  const history = useStageHistory(opportunity.id);
  if (history.isPending) return <Skeleton h={70} />;
  const days = new Map<string, number>();
  for (const h of history.data ?? []) days.set(h.stage.id, (days.get(h.stage.id) ?? 0) + h.days);
  const open = stages.filter((s) => s.kind === 'open');
  const closing = stages.find((s) => s.kind === (opportunity.status === 'lost' ? 'lost' : 'won'));
  const steps = [...open, ...(closing ? [closing] : [])];
  // A retired stage the deal is in still shows, at the position it had.
  if (!steps.some((s) => s.id === opportunity.stageId))
    steps.push({ ...opportunity.stage, position: 999, requiresApproval: false, requiresPlanDone: false, checklist: [] });
  const current = steps.findIndex((s) => s.id === opportunity.stageId);
  const activeIndex = opportunity.status === 'open' ? current : steps.length;

  return (
    <Paper withBorder p="md" shadow="xs" mb="lg" component="section" aria-label={t('detail.stagePath')}>
      <Title order={5} mb="sm">
        {t('detail.stagePath')}
      </Title>
      <Stepper active={activeIndex} size="xs" allowNextStepsSelect={false} data-testid="stage-path" wrap>
        {steps.map((s) => {
          const d = days.get(s.id);
          const isCurrent = s.id === opportunity.stageId;
          const before = steps.indexOf(s) < activeIndex;
          return (
            <Stepper.Step
              key={s.id}
              label={s.name}
              color={s.kind === 'lost' ? 'red' : s.kind === 'won' ? 'teal' : undefined}
              completedIcon={s.kind === 'lost' ? <IconX size={14} /> : s.kind === 'won' ? <IconTrophy size={14} /> : undefined}
              aria-current={isCurrent ? 'step' : undefined}
              description={
                <Text size="xs" c={d === undefined ? 'dimmed' : undefined}>
                  {d !== undefined ? t('detail.days', { count: d }) : before ? t('detail.skipped') : t('detail.notReached')}
                </Text>
              }
            />
          );
        })}
      </Stepper>
    </Paper>
  );
}
