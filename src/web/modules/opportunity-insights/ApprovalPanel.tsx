import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ApprovalState,
  type AssessmentInput,
  highestRisk,
  RECOMMENDATIONS,
} from '../../../domain/opportunities/approval.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import { CURRENCIES } from '../opportunities/money.js';
import { useApproval, useDecideApproval, useRequestApproval, useSaveAssessment } from './api.js';
import './i18n.js';

const STATUS_COLOR: Record<ApprovalState['status'], string> = {
  none: 'gray',
  requested: 'yellow',
  approved: 'teal',
  rejected: 'red',
};

type Risk = { description: string; likelihood: number; impact: number };

export type ApprovalPanelProps = {
  /** The opportunity the panel belongs to. */
  opportunityId: string;
  /** Whether the user may change the deal (owner/team lead/director/admin): shows the assessment form and "Ask". */
  canEdit: boolean;
  /** The deal's status: requests and decisions are for open deals only. */
  status?: 'open' | 'won' | 'lost';
  /** Default currency of the expected value (the deal's currency). */
  currency?: string;
  /** Called after any change (the page may refetch the deal, e.g. to re-enable a gated stage). */
  onChanged?: () => void;
};

/**
 * Seed 004 on the opportunity page: the opportunity-and-risk assessment, "ask for approval" for the owner, and
 * approve/reject with a comment for sales directors and admins. The server decides who may do what; the panel
 * only hides buttons the user could not use.
 */
export function ApprovalPanel({ opportunityId, canEdit, status = 'open', currency = 'CZK', onChanged }: ApprovalPanelProps) {
  const { t } = useTranslation('opportunityInsights');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const approval = useApproval(opportunityId);
  const save = useSaveAssessment(opportunityId);
  const request = useRequestApproval(opportunityId);
  const decide = useDecideApproval(opportunityId);
  const a = approval.data?.assessment;
  const [fit, setFit] = useState<number>(3);
  const [fitNote, setFitNote] = useState('');
  const [value, setValue] = useState('');
  const [cur, setCur] = useState<string>(currency);
  const [risks, setRisks] = useState<Risk[]>([]);
  const [rec, setRec] = useState<string>('pursue');
  const [recNote, setRecNote] = useState('');
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');

  useEffect(() => {
    if (!a) return;
    setFit(a.strategicFit);
    setFitNote(a.strategicFitNote ?? '');
    setValue(a.expectedValue);
    setCur(a.currency);
    setRisks(a.risks);
    setRec(a.recommendation);
    setRecNote(a.recommendationNote ?? '');
  }, [a]);

  if (approval.error) return <Alert color="red">{errorMessage(tc, approval.error)}</Alert>;
  if (!approval.data) return null;
  const state = approval.data;
  const done = (message: string) => () => {
    notifySuccess(message);
    onChanged?.();
  };
  const onError = (e: unknown) => notifyError(tc, e);
  const input: AssessmentInput = {
    strategicFit: fit,
    strategicFitNote: fitNote || null,
    expectedValue: value || '0',
    currency: cur,
    risks,
    recommendation: rec as AssessmentInput['recommendation'],
    recommendationNote: recNote || null,
  };
  const open = status === 'open';

  return (
    <Paper withBorder p="md" data-testid="approval-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('approval.title')}</Title>
          <Badge color={STATUS_COLOR[state.status]} data-testid="approval-status">
            {t(`approval.status.${state.status}`)}
          </Badge>
        </Group>
        {state.gatedStages.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('approval.gated', { stages: state.gatedStages.map((s) => s.name).join(', ') })}
          </Text>
        )}
        {state.decidedBy && (
          <Text size="sm">
            {t('approval.by', { who: state.decidedBy.name, when: fmt.dateTime(state.decidedAt) })}
            {state.comment ? ` — ${state.comment}` : ''}
          </Text>
        )}

        <Text fw={600} size="sm">
          {t('approval.assessment')}
        </Text>
        <Group grow align="flex-start">
          <NumberInput
            label={t('approval.strategicFit')}
            min={1}
            max={5}
            value={fit}
            disabled={!canEdit}
            onChange={(v) => setFit(Number(v) || 1)}
          />
          <TextInput
            label={t('approval.expectedValue')}
            value={value}
            disabled={!canEdit}
            inputMode="decimal"
            onChange={(e) => setValue(e.currentTarget.value)}
          />
          <Select
            label={t('approval.currency')}
            data={CURRENCIES}
            value={cur}
            disabled={!canEdit}
            onChange={(v) => v && setCur(v)}
          />
        </Group>
        <Textarea
          label={t('approval.strategicFitNote')}
          autosize
          value={fitNote}
          disabled={!canEdit}
          onChange={(e) => setFitNote(e.currentTarget.value)}
        />
        <Text size="sm" fw={500}>
          {t('approval.risks')}
        </Text>
        {risks.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: risks have no id; the list is edited in place
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t('approval.risk')}
              value={r.description}
              disabled={!canEdit}
              onChange={(e) => setRisks(risks.map((x, j) => (j === i ? { ...x, description: e.currentTarget.value } : x)))}
            />
            <NumberInput
              w={130}
              label={t('approval.likelihood')}
              min={1}
              max={5}
              value={r.likelihood}
              disabled={!canEdit}
              onChange={(v) => setRisks(risks.map((x, j) => (j === i ? { ...x, likelihood: Number(v) || 1 } : x)))}
            />
            <NumberInput
              w={130}
              label={t('approval.impact')}
              min={1}
              max={5}
              value={r.impact}
              disabled={!canEdit}
              onChange={(v) => setRisks(risks.map((x, j) => (j === i ? { ...x, impact: Number(v) || 1 } : x)))}
            />
            {canEdit && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label="remove"
                onClick={() => setRisks(risks.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {risks.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('approval.highestRisk', { score: highestRisk(risks) })}
          </Text>
        )}
        {canEdit && (
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setRisks([...risks, { description: '', likelihood: 3, impact: 3 }])}
            w="fit-content"
          >
            {t('approval.addRisk')}
          </Button>
        )}
        <Select
          label={t('approval.recommendation')}
          value={rec}
          disabled={!canEdit}
          allowDeselect={false}
          onChange={(v) => v && setRec(v)}
          data={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`approval.recommendations.${r}`) }))}
        />
        <Textarea
          label={t('approval.recommendationNote')}
          autosize
          value={recNote}
          disabled={!canEdit}
          onChange={(e) => setRecNote(e.currentTarget.value)}
        />
        {canEdit && (
          <Group>
            <Button
              variant="light"
              loading={save.isPending}
              onClick={() => save.mutate(input, { onSuccess: done(t('approval.saved')), onError })}
            >
              {t('approval.saveAssessment')}
            </Button>
          </Group>
        )}

        {canEdit && open && state.status !== 'requested' && a && (
          <Group align="flex-end">
            <TextInput
              style={{ flex: 1 }}
              label={t('approval.requestNote')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Button
              loading={request.isPending}
              data-testid="approval-request"
              onClick={() => request.mutate(note || null, { onSuccess: done(t('approval.requested')), onError })}
            >
              {t('approval.request')}
            </Button>
          </Group>
        )}
        {state.canDecide && open && state.status === 'requested' && (
          <Stack gap="xs">
            <Textarea
              label={t('approval.comment')}
              autosize
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Group>
              <Button
                color="teal"
                loading={decide.isPending}
                data-testid="approval-approve"
                onClick={() =>
                  decide.mutate(
                    { decision: 'approved', comment: comment || null },
                    { onSuccess: done(t('approval.decided')), onError },
                  )
                }
              >
                {t('approval.approve')}
              </Button>
              <Button
                color="red"
                variant="light"
                disabled={!comment.trim()}
                loading={decide.isPending}
                data-testid="approval-reject"
                onClick={() =>
                  decide.mutate({ decision: 'rejected', comment }, { onSuccess: done(t('approval.decided')), onError })
                }
              >
                {t('approval.reject')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
