import { Alert, Button, Group, Text } from '@mantine/core';
import { IconHourglassLow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import '../opportunity-insights/workflows.i18n.js';

/** An open deal that matches a stalled-deal rule: why, and (for who may edit it) Resolve. */
export function StalledAlert({
  opportunity: o,
  canResolve,
  onResolve,
}: {
  opportunity: Opportunity;
  canResolve: boolean;
  onResolve: () => void;
}) {
  const { t } = useTranslation();
  const { t: tw } = useTranslation('opportunityWorkflows');
  if (o.status !== 'open' || !o.stalled) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      mb="md"
      icon={<IconHourglassLow size={16} />}
      title={tw('stalledAlert.title', {
        reason: o.stalledReason ? t(`opportunityInsights:stalled.reasons.${o.stalledReason}`) : '',
      })}
      data-testid="stalled-alert"
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{tw('stalledAlert.body')}</Text>
        {canResolve && (
          <Button size="xs" variant="light" color="orange" onClick={onResolve}>
            {t('opportunityInsights:stalled.resolve')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
