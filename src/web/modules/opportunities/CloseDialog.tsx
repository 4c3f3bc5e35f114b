import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { closeInput, LOST_REASONS, type Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { closeOpportunity } from './api.js';
import { refusalMessage } from './refusal.js';
import './i18n.js';

type Target = { id: string; version: number; name: string };

/** Close won or lost: a lost deal needs its reason (price, competition, timing, fit, no_decision, other). */
export function CloseDialog({
  target,
  outcome: initialOutcome,
  onClose,
  onClosed,
  onStale,
}: {
  target: Target;
  outcome: 'won' | 'lost';
  onClose: () => void;
  onClosed: (saved: Opportunity) => void;
  onStale?: () => void;
}) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const [outcome, setOutcome] = useState<'won' | 'lost'>(initialOutcome);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const input = { outcome, reason: outcome === 'lost' ? (reason ?? undefined) : undefined, note: note.trim() || undefined };
    const check = closeInput.safeParse(input);
    if (!check.success) {
      setReasonError(t('close.reasonRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await closeOpportunity(target.id, target.version, check.data);
      notifySuccess(outcome === 'won' ? t('close.doneWon') : t('close.doneLost'));
      onClosed(saved);
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) {
        setError(t('move.stale'));
        onStale?.();
      } else if (isApiError(e) && e.status === 422) setError(refusalMessage(t, e));
      else setError(errorMessage(tc, e));
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('close.title', { name: target.name })}</Text>}>
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <SegmentedControl
          aria-label={t('close.outcome')}
          value={outcome}
          onChange={(v) => setOutcome(v as 'won' | 'lost')}
          data={[
            { value: 'won', label: t('close.won') },
            { value: 'lost', label: t('close.lost') },
          ]}
        />
        {outcome === 'lost' && (
          <Select
            label={t('close.reason')}
            required
            data={LOST_REASONS.map((r) => ({ value: r, label: t(`lostReason.${r}`) }))}
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError(null);
            }}
            error={reasonError}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Textarea label={t('close.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
          <Button color={outcome === 'won' ? 'teal' : 'red'} onClick={() => void submit()} loading={saving}>
            {t('close.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
