import { Badge, type MantineColor, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LeadStatus } from '../../../domain/leads/lead.lifecycle.js';

const STATUS_COLORS: Record<LeadStatus, MantineColor> = {
  new: 'blue',
  assigned: 'cyan',
  in_process: 'violet',
  converted: 'teal',
  recycled: 'orange',
  dead: 'gray',
};

export function LeadStatusBadge({ status, size = 'md' }: { status: LeadStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm" size={size} data-testid="lead-status">
      {t(`leads.status.${status}`)}
    </Badge>
  );
}

/** Hot leads stand out: green from 70, yellow from 40, grey below; no score yet is a dash. */
export function scoreColor(score: number | null): MantineColor {
  if (score == null) return 'gray';
  if (score >= 70) return 'teal';
  if (score >= 40) return 'yellow';
  return 'red';
}

export function ScoreBadge({ score, size = 'md' }: { score: number | null; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('leads.score.tooltip')}>
      <Badge
        variant={score == null ? 'outline' : 'filled'}
        color={scoreColor(score)}
        radius="xl"
        size={size}
        miw={42}
        data-testid="lead-score"
      >
        {score ?? '–'}
      </Badge>
    </Tooltip>
  );
}
