import { Anchor, Avatar, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClock } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/i18n/format.js';
import type { Card } from './api.js';
import { useMoney } from './money.js';
import './i18n.js';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('');
}

/** What the board shows of a deal without opening it. */
export const BoardCardView = memo(function BoardCardView({
  card,
  baseCurrency,
  dragging,
}: {
  card: Card;
  baseCurrency: string;
  dragging?: boolean;
}) {
  const { t } = useTranslation('opportunities');
  const fmt = useFormat();
  const money = useMoney();
  return (
    <Paper
      withBorder
      p="xs"
      radius="md"
      shadow={dragging ? 'md' : 'xs'}
      data-testid="board-card"
      data-card-id={card.id}
      style={{ cursor: card.status === 'open' ? 'grab' : undefined, background: 'var(--mantine-color-body)' }}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
          <Anchor
            component={Link}
            to={`/opportunities/${card.id}`}
            size="sm"
            fw={600}
            lineClamp={2}
            onPointerDown={(e) => e.stopPropagation()}
          >
            {card.name}
          </Anchor>
          {card.stalled && (
            <Tooltip label={t('card.stalled')}>
              <Badge size="xs" color="orange" leftSection={<IconAlertTriangle size={10} />} data-testid="card-stalled">
                {t('card.stalled')}
              </Badge>
            </Tooltip>
          )}
        </Group>
        {card.account && (
          <Text size="xs" c="dimmed" truncate>
            {card.account.name}
          </Text>
        )}
        <Group gap={6} wrap="nowrap" align="baseline">
          <Text size="sm" fw={500} data-testid="card-amount">
            {money(card.amount, card.currency)}
          </Text>
          {card.currency !== baseCurrency && card.amountBase && (
            <Text size="xs" c="dimmed">
              ≈ {money(card.amountBase, baseCurrency)}
            </Text>
          )}
        </Group>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text size="xs" c="dimmed">
            {card.expectedCloseDate ? t('card.closeDate', { date: fmt.date(card.expectedCloseDate) }) : t('card.noCloseDate')}
          </Text>
          <Badge size="xs" variant="light" color="gray">
            {t('card.probability', { value: card.probability })}
          </Badge>
        </Group>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Group gap={4} wrap="nowrap">
            <IconClock size={12} color="var(--mantine-color-dimmed)" />
            <Text size="xs" c="dimmed">
              {t('card.daysInStage', { count: card.daysInStage })}
            </Text>
          </Group>
          {card.owner && (
            <Tooltip label={card.owner.name}>
              <Avatar size={22} radius="xl" color="initials" name={card.owner.name} aria-label={card.owner.name}>
                {initials(card.owner.name)}
              </Avatar>
            </Tooltip>
          )}
        </Group>
      </Stack>
    </Paper>
  );
});
