import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../../../domain/users/user.schema.js';
import { cs } from './locales/cs.js';
import { de } from './locales/de.js';
import { en } from './locales/en.js';

const STORED_LOCALE = 'stride.locale';

/** Before sign-in there is no user locale: use the last one seen on this browser, else the browser's language. */
function initialLocale(): Locale {
  const stored = localStorage.getItem(STORED_LOCALE);
  if (isLocale(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function applyLocale(locale: Locale) {
  localStorage.setItem(STORED_LOCALE, locale);
  document.documentElement.lang = locale;
  if (i18next.language !== locale) void i18next.changeLanguage(locale);
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, cs: { translation: cs }, de: { translation: de } },
  lng: initialLocale(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export { i18next };
