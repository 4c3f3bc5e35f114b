import { Anchor, Avatar, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClock } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { makeFormat } from '../../app/i18n/format.js';
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

const sameValue = (a: unknown, b: unknown) =>
  a === b ||
  (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

/**
 * Whether two cards show the same. A board refresh (after every drop) brings new objects for unchanged deals,
 * which would otherwise re-render every visible card.
 */
export function sameCard(a: Card, b: Card): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as Array<keyof Card>;
  return keys.length === Object.keys(b).length && keys.every((k) => sameValue(a[k], b[k]));
}

/** Intl formatters cost more to build than a card to draw: one set per language, shared by every card. */
const formats = new Map<string, ReturnType<typeof makeFormat>>();
function formatFor(locale: string) {
  let f = formats.get(locale);
  if (!f) {
    f = makeFormat(locale);
    formats.set(locale, f);
  }
  return f;
}

type CardProps = { card: Card; baseCurrency: string; dragging?: boolean };

/** What the board shows of a deal without opening it. */
export const BoardCardView = memo(
  CardView,
  (a: CardProps, b: CardProps) => a.baseCurrency === b.baseCurrency && a.dragging === b.dragging && sameCard(a.card, b.card),
);

function CardView({ card, baseCurrency, dragging }: CardProps) {
  const { t, i18n } = useTranslation('opportunities');
  const fmt = formatFor(i18n.language);
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
          {card.owner && <OwnerAvatar name={card.owner.name} />}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * The owner's initials; the name shows on hover. The tooltip is mounted on the first hover only: a Mantine
 * tooltip on every card took about a tenth of the board's first render.
 */
function OwnerAvatar({ name }: { name: string }) {
  const [hovered, setHovered] = useState<boolean | null>(null);
  const avatar = (
    <Avatar
      size={22}
      radius="xl"
      color="initials"
      name={name}
      aria-label={name}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      {initials(name)}
    </Avatar>
  );
  if (hovered === null) return avatar;
  return (
    <Tooltip label={name} opened={hovered}>
      {avatar}
    </Tooltip>
  );
}
