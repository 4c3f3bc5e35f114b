import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../../domain/users/user.schema.js';
import { applyLocale, isLocale } from '../../app/i18n/index.js';

/** Before sign-in the language is a browser preference; after sign-in it is saved on the user. */
export function LanguagePicker() {
  const { i18n, t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('userMenu.language')}
      value={i18n.language}
      onChange={(value) => isLocale(value) && applyLocale(value)}
      data={LOCALES.map((l) => ({ value: l, label: l.toUpperCase() }))}
    />
  );
}
