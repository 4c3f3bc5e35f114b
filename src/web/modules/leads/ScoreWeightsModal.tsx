import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCORE_FACTORS, type ScoreWeights } from '../../../domain/leads/lead.score.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { useSaveScoreWeights, useScoreWeights } from './api.js';

/** Admin setting: how much each factor counts in the lead score; saving recomputes every lead's score. */
export function ScoreWeightsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const weights = useScoreWeights();
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.weights.title')} size="md">
      {weights.data ? (
        <WeightsForm initial={weights.data} onClose={onClose} />
      ) : (
        <Stack>
          <Skeleton height={60} />
          <Skeleton height={60} />
        </Stack>
      )}
    </Modal>
  );
}

function WeightsForm({ initial, onClose }: { initial: ScoreWeights; onClose: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, number | string>>({ ...initial });
  const save = useSaveScoreWeights();
  const valid = SCORE_FACTORS.every(
    (f) => typeof values[f] === 'number' && (values[f] as number) >= 0 && (values[f] as number) <= 10,
  );
  const submit = () => {
    if (!valid) return;
    const body = Object.fromEntries(SCORE_FACTORS.map((f) => [f, Number(values[f])])) as ScoreWeights;
    save.mutate(body, {
      onSuccess: () => {
        notifySuccess(t('leads.weights.saved'));
        onClose();
      },
      onError: (e) => notifyError(t, e),
    });
  };
  return (
    <Stack>
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={16} />}>
        {t('leads.weights.hint')}
      </Alert>
      <SimpleGrid cols={2}>
        {SCORE_FACTORS.map((f) => (
          <NumberInput
            key={f}
            label={t(`fields.${f}`)}
            min={0}
            max={10}
            step={0.5}
            decimalScale={2}
            value={values[f]}
            onChange={(v) => setValues((prev) => ({ ...prev, [f]: v }))}
            error={typeof values[f] !== 'number' ? t('leads.weights.invalid') : undefined}
          />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('leads.weights.recompute')}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={save.isPending} disabled={!valid}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
