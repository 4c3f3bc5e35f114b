import { Button, NumberInput, Stack } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../domain/pipelines/pipeline.schema.js';
import type { FormOf } from '../../ui/forms.js';
import type { OpportunityFormValues } from './opportunityForm.js';
import './i18n.js';

/** The probability: empty follows the stage's default; a typed value overrides it until reset. */
export function ProbabilityField({ form, stage }: { form: FormOf<OpportunityFormValues>; stage: Stage | undefined }) {
  const { t } = useTranslation('opportunities');
  const probability = form.values.probability;
  return (
    <Stack gap={4}>
      <NumberInput
        label={t('fields.probability')}
        min={0}
        max={100}
        suffix=" %"
        allowDecimal={false}
        placeholder={stage ? `${stage.probability} % (${t('detail.probabilityDefault')})` : undefined}
        value={probability === '' ? '' : Number(probability)}
        onChange={(n) => form.setFieldValue('probability', n === '' ? '' : String(n))}
        error={form.errors.probability}
      />
      {probability !== '' && (
        <Button
          variant="subtle"
          size="compact-xs"
          leftSection={<IconRestore size={12} />}
          onClick={() => form.setFieldValue('probability', '')}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('detail.resetProbability')}
          {stage ? ` (${stage.probability} %)` : ''}
        </Button>
      )}
    </Stack>
  );
}
