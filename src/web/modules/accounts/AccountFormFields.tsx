import { Fieldset, Grid, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_TYPES } from '../../../domain/accounts/account.schema.js';
import type { FormOf } from '../../ui/forms.js';
import { AddressFieldset } from '../../ui/records/AddressFieldset.js';
import { useUserOptions } from '../users/api.js';
import { AccountPicker } from './AccountPicker.js';
import type { AccountFormValues } from './accountForm.js';

type Props = {
  form: FormOf<AccountFormValues>;
  accountId?: string;
  parentName?: string | null;
};

export function AccountFormFields({ form, accountId, parentName }: Props) {
  const { t } = useTranslation();
  const owners = useUserOptions({ activeOnly: true });
  const types = ACCOUNT_TYPES.map((v) => ({ value: v, label: t(`accountType.${v}`) }));
  return (
    <>
      <Fieldset legend={t('accounts.sections.company')} variant="filled">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput label={t('fields.name')} required data-autofocus {...form.getInputProps('name')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select label={t('fields.type')} data={types} allowDeselect={false} {...form.getInputProps('type')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput label={t('fields.industry')} {...form.getInputProps('industry')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <NumberInput
              label={t('fields.size')}
              min={0}
              allowDecimal={false}
              thousandSeparator=" "
              {...form.getInputProps('size')}
              onChange={(v) => form.setFieldValue('size', v === '' ? '' : String(v))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('fields.ownerId')}
              data={owners}
              searchable
              allowDeselect={false}
              {...form.getInputProps('ownerId')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <AccountPicker
              label={t('fields.parentId')}
              excludeId={accountId}
              currentName={parentName}
              value={form.getValues().parentId}
              onChange={(id) => form.setFieldValue('parentId', id)}
              error={form.errors.parentId}
            />
          </Grid.Col>
        </Grid>
      </Fieldset>
      <Fieldset legend={t('accounts.sections.contact')} variant="filled">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={t('fields.website')} placeholder="www.example.cz" {...form.getInputProps('website')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={t('fields.email')} type="email" {...form.getInputProps('email')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={t('fields.phone')} type="tel" placeholder="603 123 456" {...form.getInputProps('phone')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.registrationNumber')}
              placeholder="27082440"
              {...form.getInputProps('registrationNumber')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('fields.vatNumber')} placeholder="CZ27082440" {...form.getInputProps('vatNumber')} />
          </Grid.Col>
        </Grid>
      </Fieldset>
      <AddressFieldset form={form} legend={t('accounts.sections.address')} />
      <Textarea label={t('fields.description')} autosize minRows={3} maxRows={10} {...form.getInputProps('description')} />
    </>
  );
}
