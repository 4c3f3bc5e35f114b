import { Grid, Select, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormOf } from '../../ui/forms.js';
import { AddressFieldset } from '../../ui/records/AddressFieldset.js';
import { AccountPicker } from '../accounts/AccountPicker.js';
import { useUserOptions } from '../users/api.js';
import type { ContactFormValues } from './contactForm.js';

export function ContactFormFields({ form, accountName }: { form: FormOf<ContactFormValues>; accountName?: string | null }) {
  const { t } = useTranslation();
  const owners = useUserOptions({ activeOnly: true });
  return (
    <>
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('fields.firstName')} data-autofocus {...form.getInputProps('firstName')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('fields.lastName')} required {...form.getInputProps('lastName')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('fields.title')} {...form.getInputProps('title')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <AccountPicker
            label={t('fields.accountId')}
            currentName={accountName}
            value={form.getValues().accountId}
            onChange={(id) => form.setFieldValue('accountId', id)}
            error={form.errors.accountId}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TagsInput
            label={t('fields.emails')}
            description={t('contacts.emailsHint')}
            clearable
            {...form.getInputProps('emails')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TagsInput
            label={t('fields.phones')}
            description={t('contacts.phonesHint')}
            clearable
            {...form.getInputProps('phones')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select label={t('fields.ownerId')} data={owners} searchable allowDeselect={false} {...form.getInputProps('ownerId')} />
        </Grid.Col>
      </Grid>
      <AddressFieldset form={form} legend={t('fields.address')} />
      <Textarea label={t('fields.notes')} autosize minRows={3} maxRows={10} {...form.getInputProps('notes')} />
    </>
  );
}
