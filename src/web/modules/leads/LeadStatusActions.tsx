import { Button, Group, Menu, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconChevronDown, IconPlayerPlay, IconRecycle, IconSkull, IconTransform } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedTransitions } from '../../../domain/leads/lead.lifecycle.js';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { isApiError } from '../../app/api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { leadKeys, refreshLead, type TransitionInput, transitionLead } from './api.js';
import { notifyStale } from './notifyStale.js';

type Dialog = 'recycled' | 'dead' | null;

/** The moves the lifecycle allows from the current status (domain `allowedTransitions`), as buttons. */
export function LeadStatusActions({ lead, onConvert }: { lead: Lead; onConvert: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const allowed = allowedTransitions(lead.status);

  const move = async (input: TransitionInput) => {
    setBusy(true);
    try {
      const saved = await transitionLead(lead, input);
      refreshLead(queryClient, saved);
      notifySuccess(t('leads.statusChanged', { status: t(`leads.status.${saved.status}`) }));
      setDialog(null);
    } catch (error) {
      if (isApiError(error, 'precondition_failed')) {
        notifyStale(t);
        void queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
        setDialog(null);
      } else notifyError(t, error);
    } finally {
      setBusy(false);
    }
  };

  const more = allowed.filter((s) => s === 'recycled' || s === 'dead');
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        {allowed.includes('in_process') && (
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            loading={busy && dialog === null}
            onClick={() => void move({ status: 'in_process' })}
          >
            {lead.status === 'recycled' ? t('leads.actions.resume') : t('leads.actions.startWork')}
          </Button>
        )}
        {allowed.includes('converted') && (
          <Button color="teal" leftSection={<IconTransform size={16} />} onClick={onConvert}>
            {t('leads.actions.convert')}
          </Button>
        )}
        {more.length > 0 && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                {t('leads.actions.more')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {more.includes('recycled') && (
                <Menu.Item leftSection={<IconRecycle size={16} />} onClick={() => setDialog('recycled')}>
                  {t('leads.actions.recycle')}
                </Menu.Item>
              )}
              {more.includes('dead') && (
                <Menu.Item color="red" leftSection={<IconSkull size={16} />} onClick={() => setDialog('dead')}>
                  {t('leads.actions.markDead')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {dialog && (
        <TransitionDialog kind={dialog} busy={busy} onClose={() => setDialog(null)} onSubmit={(input) => void move(input)} />
      )}
    </>
  );
}

function isoDateInDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function TransitionDialog({
  kind,
  busy,
  onClose,
  onSubmit,
}: {
  kind: 'recycled' | 'dead';
  busy: boolean;
  onClose: () => void;
  onSubmit: (input: TransitionInput) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(isoDateInDays(90));
  const [errors, setErrors] = useState<{ reason?: string; date?: string }>({});
  const submit = () => {
    const next: typeof errors = {};
    if (kind === 'dead' && !reason.trim()) next.reason = t('leads.transition.reasonRequired');
    if (kind === 'recycled' && !/^\d{4}-\d{2}-\d{2}$/.test(date)) next.date = t('leads.transition.dateRequired');
    setErrors(next);
    if (Object.keys(next).length) return;
    onSubmit(
      kind === 'dead'
        ? { status: 'dead', reason: reason.trim() }
        : { status: 'recycled', recontactOn: date, reason: reason.trim() || undefined },
    );
  };
  const title = kind === 'dead' ? t('leads.transition.deadTitle') : t('leads.transition.recycleTitle');
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{title}</Text>} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {kind === 'dead' ? t('leads.transition.deadHint') : t('leads.transition.recycleHint')}
          </Text>
          {kind === 'recycled' && (
            <TextInput
              type="date"
              label={t('fields.recontactOn')}
              required
              value={date}
              min={isoDateInDays(1)}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={errors.date}
            />
          )}
          <Textarea
            label={t('fields.statusReason')}
            required={kind === 'dead'}
            placeholder={kind === 'dead' ? t('leads.transition.deadPlaceholder') : t('leads.transition.recyclePlaceholder')}
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={kind === 'dead' ? 'red' : 'orange'} loading={busy}>
              {kind === 'dead' ? t('leads.actions.markDead') : t('leads.actions.recycle')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
