import { Badge, Group, SegmentedControl, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { explainScore, SCORE_FACTORS, type ScoreFactor } from '../../../domain/leads/lead.score.js';
import { useFormat } from '../../app/i18n/format.js';
import { useScoreWeights } from './api.js';
import { LeadPanel } from './LeadPanel.js';
import { ScoreBadge } from './leadLabels.js';

const BANT = ['budget', 'authority', 'need'] as const;
const ANSWERS = ['yes', 'no', 'unknown'] as const;
const TIMELINES = ['urgent', 'mid_term', 'unclear'] as const;
const ANSWER_COLORS: Record<string, string> = {
  yes: 'teal',
  no: 'red',
  unknown: 'gray',
  urgent: 'teal',
  mid_term: 'blue',
  unclear: 'gray',
};

type BantValues = { budget: string; authority: string; need: string; timeline: string };
type ScoreValues = Record<ScoreFactor, string>;

function Row({ label, hint, children }: { label: string; hint?: string; children: React.ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" role="group" aria-label={label}>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Stack>
      {children}
    </Group>
  );
}

export function BantPanel({ lead, readOnly }: { lead: Lead; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <LeadPanel<BantValues>
      lead={lead}
      title={t('leads.bant.title')}
      label={t('leads.bant.title')}
      readOnly={readOnly}
      toValues={(l) => ({ budget: l.budget, authority: l.authority, need: l.need, timeline: l.timeline })}
      toPatch={(changed, v) => Object.fromEntries(changed.map((k) => [k, v[k]]))}
    >
      {(editor) => (
        <Stack gap="sm">
          {BANT.map((field) => (
            <Row key={field} label={t(`fields.${field}`)} hint={t(`leads.bant.hint.${field}`)}>
              <SegmentedControl
                size="xs"
                disabled={readOnly}
                color={ANSWER_COLORS[editor.form.getValues()[field]]}
                data={ANSWERS.map((a) => ({ value: a, label: t(`leads.bant.answer.${a}`) }))}
                value={editor.form.getValues()[field]}
                onChange={(v) => editor.form.setFieldValue(field, v)}
              />
            </Row>
          ))}
          <Row label={t('fields.timeline')} hint={t('leads.bant.hint.timeline')}>
            <SegmentedControl
              size="xs"
              disabled={readOnly}
              color={ANSWER_COLORS[editor.form.getValues().timeline]}
              data={TIMELINES.map((a) => ({ value: a, label: t(`leads.bant.timelineValue.${a}`) }))}
              value={editor.form.getValues().timeline}
              onChange={(v) => editor.form.setFieldValue('timeline', v)}
            />
          </Row>
        </Stack>
      )}
    </LeadPanel>
  );
}

const toScoreValues = (l: Lead): ScoreValues =>
  Object.fromEntries(SCORE_FACTORS.map((f) => [f, l[f] == null ? '' : String(l[f])])) as ScoreValues;

export function ScorePanel({ lead, readOnly }: { lead: Lead; readOnly: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const weights = useScoreWeights();
  const points = ['', '1', '2', '3', '4', '5'];
  return (
    <LeadPanel<ScoreValues>
      lead={lead}
      title={t('leads.score.title')}
      label={t('leads.score.title')}
      readOnly={readOnly}
      toValues={toScoreValues}
      toPatch={(changed, v) => Object.fromEntries(changed.map((k) => [k, v[k] === '' ? null : Number(v[k])]))}
    >
      {(editor) => {
        const values = editor.form.getValues();
        const dirty = editor.form.isDirty();
        // While editing, the explanation is computed here with the same function the server uses.
        const explanation =
          dirty && weights.data
            ? explainScore(
                Object.fromEntries(SCORE_FACTORS.map((f) => [f, values[f] === '' ? null : Number(values[f])])),
                weights.data,
              )
            : lead.scoreExplanation;
        return (
          <Stack gap="sm">
            {SCORE_FACTORS.map((f) => (
              <Row key={f} label={t(`fields.${f}`)} hint={t(`leads.score.hint.${f}`)}>
                <SegmentedControl
                  size="xs"
                  disabled={readOnly}
                  data={points.map((p) => ({ value: p, label: p === '' ? '–' : p }))}
                  color={values[f] === '' ? 'gray' : 'indigo'}
                  value={values[f]}
                  onChange={(v) => editor.form.setFieldValue(f, v)}
                />
              </Row>
            ))}
            <Group
              justify="space-between"
              align="center"
              mt="xs"
              p="sm"
              bg="var(--mantine-color-gray-0)"
              style={{ borderRadius: 8 }}
            >
              <Group gap="sm">
                <Text size="sm" fw={600}>
                  {t('fields.score')}
                </Text>
                <ScoreBadge score={explanation.score} size="xl" />
                {dirty && (
                  <Badge variant="dot" color="orange" size="sm">
                    {t('leads.score.unsaved')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {t('leads.score.formula')}
              </Text>
            </Group>
            <Table fz="sm" verticalSpacing={4} aria-label={t('leads.score.explanation')} data-testid="score-explanation">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('leads.score.factor')}</Table.Th>
                  <Table.Th ta="right">{t('leads.score.points')}</Table.Th>
                  <Table.Th ta="right">{t('leads.score.weight')}</Table.Th>
                  <Table.Th ta="right">{t('leads.score.contribution')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {explanation.factors.map((f) => (
                  <Table.Tr key={f.factor} c={f.points == null ? 'dimmed' : undefined}>
                    <Table.Td>{t(`fields.${f.factor}`)}</Table.Td>
                    <Table.Td ta="right">{f.points ?? '–'}</Table.Td>
                    <Table.Td ta="right">× {fmt.number(f.weight)}</Table.Td>
                    <Table.Td ta="right" fw={500}>
                      <Tooltip label={t('leads.score.contributionHint')} disabled={f.points == null}>
                        <span>{f.points == null ? '–' : `+${fmt.number(f.contribution)}`}</span>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        );
      }}
    </LeadPanel>
  );
}
