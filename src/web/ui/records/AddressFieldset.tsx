import { Fieldset, Grid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormOf } from '../forms.js';

type AddressValues = { street: string; city: string; postalCode: string; country: string };

/** A postal address edited as four flat form fields (street, city, postal code, two-letter country). */
export function AddressFieldset<V extends AddressValues>({ form, legend }: { form: FormOf<V>; legend: string }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={legend} variant="filled">
      <Grid>
        <Grid.Col span={12}>
          <TextInput label={t('fields.street')} {...form.getInputProps('street')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <TextInput label={t('fields.city')} {...form.getInputProps('city')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 4 }}>
          <TextInput label={t('fields.postalCode')} {...form.getInputProps('postalCode')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <TextInput label={t('fields.country')} placeholder="CZ" maxLength={2} {...form.getInputProps('country')} />
        </Grid.Col>
      </Grid>
    </Fieldset>
  );
}
