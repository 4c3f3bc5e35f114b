import { Alert, Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { LOST_REASONS } from '../../../domain/opportunities/opportunity.schema.js';
import type { StallResolutionInput } from '../../../domain/opportunities/stalled.schema.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useMoney } from '../opportunities/money.js';
import '../opportunities/i18n.js';
import { useResolveStall, useStalledDeals } from './api.js';
import './i18n.js';

/** The "stalled" view: open deals matching the stalled-deal rules, each resolved per seed 002. */
export default function StalledDealsPage() {
  const { t } = useTranslation('opportunityInsights');
  const { t: tc } = useTranslation();
  const money = useMoney();
  const deals = useStalledDeals({});
  const [resolving, setResolving] = useState<Opportunity | null>(null);
  const rows = deals.data?.data ?? [];
  return (
    <Stack>
      <PageHeader title={t('stalled.title')} subtitle={t('stalled.subtitle')} />
      {deals.error && <Alert color="red">{errorMessage(tc, deals.error)}</Alert>}
      {deals.data && rows.length === 0 && <Text c="dimmed">{t('stalled.empty')}</Text>}
      {rows.length > 0 && (
        <Table striped highlightOnHover data-testid="stalled-deals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stalled.deal')}</Table.Th>
              <Table.Th>{t('stalled.owner')}</Table.Th>
              <Table.Th>{t('stalled.stage')}</Table.Th>
              <Table.Th ta="right">{t('stalled.daysInStage')}</Table.Th>
              <Table.Th>{t('stalled.reason')}</Table.Th>
              <Table.Th ta="right" />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/opportunities/${o.id}`}>
                    {o.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {o.account?.name}
                  </Text>
                </Table.Td>
                <Table.Td>{o.owner?.name}</Table.Td>
                <Table.Td>{o.stage.name}</Table.Td>
                <Table.Td ta="right">{o.daysInStage}</Table.Td>
                <Table.Td>
                  {o.stalledReason && (
                    <Badge color="orange" variant="light">
                      {t(`stalled.reasons.${o.stalledReason}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{money(o.amount, o.currency)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => setResolving(o)}>
                    {t('stalled.resolve')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {resolving && <ResolveModal deal={resolving} onClose={() => setResolving(null)} />}
    </Stack>
  );
}

/** Continue / hold / close a stalled deal (also mounted on the opportunity page). */
export function ResolveModal({ deal, onClose }: { deal: Opportunity; onClose: () => void }) {
  const { t } = useTranslation('opportunityInsights');
  const { t: to } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const resolve = useResolveStall();
  const [action, setAction] = useState<StallResolutionInput['action']>('continue');
  const [text, setText] = useState('');
  const [reason, setReason] = useState<string | null>(null);
  const input = (): StallResolutionInput | null => {
    if (action === 'continue') return text.trim() ? { action, plan: text } : null;
    if (action === 'on_hold') return text.trim() ? { action, reason: text } : null;
    return reason ? { action, reason: reason as (typeof LOST_REASONS)[number], note: text || null } : null;
  };
  const body = input();
  return (
    <Modal opened onClose={onClose} title={deal.name}>
      <Stack>
        <Select
          label={t('stalled.action')}
          value={action}
          allowDeselect={false}
          onChange={(v) => v && setAction(v as StallResolutionInput['action'])}
          data={(['continue', 'on_hold', 'close_lost'] as const).map((a) => ({ value: a, label: t(`stalled.actions.${a}`) }))}
        />
        {action === 'close_lost' && (
          <Select
            label={t('stalled.lostReason')}
            required
            value={reason}
            onChange={setReason}
            data={LOST_REASONS.map((r) => ({ value: r, label: to(`lostReason.${r}`) }))}
          />
        )}
        <Textarea
          required={action !== 'close_lost'}
          autosize
          minRows={3}
          label={action === 'continue' ? t('stalled.plan') : action === 'on_hold' ? t('stalled.holdReason') : t('stalled.note')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button
            disabled={!body}
            loading={resolve.isPending}
            onClick={() =>
              body &&
              resolve.mutate(
                { id: deal.id, input: body },
                {
                  onSuccess: () => {
                    notifySuccess(t('stalled.saved'));
                    onClose();
                  },
                  onError: (e) => notifyError(tc, e),
                },
              )
            }
          >
            {t('stalled.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
