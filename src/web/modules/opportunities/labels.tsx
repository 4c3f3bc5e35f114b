import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OpportunityStatus } from '../../../domain/opportunities/opportunity.schema.js';
import './i18n.js';

const STATUS_COLOR: Record<OpportunityStatus, string> = { open: 'blue', won: 'teal', lost: 'red' };

export function StatusBadge({ status }: { status: OpportunityStatus }) {
  const { t } = useTranslation('opportunities');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="opportunity-status">
      {t(`status.${status}`)}
    </Badge>
  );
}
