import { Fieldset, Grid, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LEAD_SOURCES } from '../../../domain/leads/lead.schema.js';
import type { FormOf } from '../../ui/forms.js';
import { useTeams, useUserOptions } from '../users/api.js';
import type { LeadFormValues } from './leadForm.js';

export function LeadFormFields({ form }: { form: FormOf<LeadFormValues> }) {
  const { t } = useTranslation();
  const owners = useUserOptions({ activeOnly: true });
  const teams = useTeams();
  const sources = LEAD_SOURCES.map((v) => ({ value: v, label: t(`leads.source.${v}`) }));
  const teamOptions = (teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  return (
    <>
      <Fieldset legend={t('leads.sections.person')} variant="filled">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={t('fields.firstName')} data-autofocus {...form.getInputProps('firstName')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={t('fields.lastName')} {...form.getInputProps('lastName')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={t('fields.title')} {...form.getInputProps('title')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('fields.email')} type="email" {...form.getInputProps('email')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('fields.phone')} type="tel" placeholder="603 123 456" {...form.getInputProps('phone')} />
          </Grid.Col>
        </Grid>
      </Fieldset>
      <Fieldset legend={t('leads.sections.company')} variant="filled">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput label={t('fields.company')} {...form.getInputProps('company')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label={t('fields.registrationNumber')}
              placeholder="27082440"
              {...form.getInputProps('registrationNumber')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput label={t('fields.website')} placeholder="www.example.cz" {...form.getInputProps('website')} />
          </Grid.Col>
          <Grid.Col span={{ base: 8, sm: 5 }}>
            <TextInput label={t('fields.city')} {...form.getInputProps('city')} />
          </Grid.Col>
          <Grid.Col span={{ base: 4, sm: 2 }}>
            <TextInput label={t('fields.country')} placeholder="CZ" maxLength={2} {...form.getInputProps('country')} />
          </Grid.Col>
        </Grid>
      </Fieldset>
      <Fieldset legend={t('leads.sections.origin')} variant="filled">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select label={t('fields.source')} data={sources} allowDeselect={false} {...form.getInputProps('source')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('fields.campaign')} {...form.getInputProps('campaign')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('fields.ownerId')}
              placeholder={t('leads.unassigned')}
              data={owners}
              searchable
              clearable
              {...form.getInputProps('ownerId')}
              onChange={(v) => form.setFieldValue('ownerId', v ?? '')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('fields.teamId')}
              description={t('leads.teamHint')}
              data={teamOptions}
              clearable
              {...form.getInputProps('teamId')}
              onChange={(v) => form.setFieldValue('teamId', v ?? '')}
            />
          </Grid.Col>
        </Grid>
      </Fieldset>
      <Textarea label={t('fields.description')} autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
    </>
  );
}
