import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_LANGUAGES, type Form, type FormLanguage } from '../../../domain/forms/form.schema.js';
import { errorMessage } from '../../app/notify.js';
import { useFormEmbed } from './api.js';
import { FORMS_NS } from './i18n.js';

/** The copy-paste snippet of a saved form, in the language the visitors of the site read. */
export function EmbedPanel({ form }: { form: Form }) {
  const { t, i18n } = useTranslation(FORMS_NS);
  const { t: tc } = useTranslation();
  const initial = (FORM_LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as FormLanguage) : 'en';
  const [lang, setLang] = useState<FormLanguage>(initial);
  const embed = useFormEmbed(form.id, lang, form.version);
  return (
    <Paper withBorder shadow="xs" p="md">
      <Stack gap="sm">
        <Title order={4}>{t('embed.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('embed.hint')}
        </Text>
        {!form.active && <Alert color="yellow">{t('embed.inactiveWarning')}</Alert>}
        {form.allowedOrigins.length === 0 && <Alert color="yellow">{t('embed.noOrigins')}</Alert>}
        <Group justify="space-between">
          <SegmentedControl
            aria-label={t('embed.language')}
            value={lang}
            onChange={(v) => setLang(v as FormLanguage)}
            data={FORM_LANGUAGES.map((l) => ({ value: l, label: tc(`languages.${l}`) }))}
          />
          <CopyButton value={embed.data?.html ?? ''}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                disabled={!embed.data}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              >
                {copied ? t('embed.copied') : t('embed.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        {embed.isError && <Alert color="red">{errorMessage(tc, embed.error)}</Alert>}
        {embed.data ? (
          <>
            <Text size="sm">
              {t('embed.endpoint')}: <Code>{embed.data.submitUrl}</Code>
            </Text>
            <ScrollArea.Autosize mah={360} type="auto">
              <Code block aria-label={t('embed.title')}>
                {embed.data.html}
              </Code>
            </ScrollArea.Autosize>
          </>
        ) : (
          !embed.isError && <Skeleton height={200} />
        )}
      </Stack>
    </Paper>
  );
}
