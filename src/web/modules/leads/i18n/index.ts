import { i18next } from '../../../app/i18n/index.js';
import { leadFieldsCs, leadsCs } from './cs.js';
import { leadFieldsDe, leadsDe } from './de.js';
import { leadFieldsEn, leadsEn } from './en.js';

/**
 * The leads module's strings, merged into the default namespace under `leads.*` (plus the lead field labels under
 * `fields.*`, which the shared Stream and conflict dialog read, and the menu label `nav.leads`). Imported once by the
 * navigation, so they are there before any leads page loads. Existing keys are never overwritten.
 */
const bundles = {
  en: { nav: { leads: 'Leads' }, fields: leadFieldsEn, leads: leadsEn },
  cs: { nav: { leads: 'Leady' }, fields: leadFieldsCs, leads: leadsCs },
  de: { nav: { leads: 'Leads' }, fields: leadFieldsDe, leads: leadsDe },
};

for (const [lang, strings] of Object.entries(bundles)) {
  i18next.addResourceBundle(lang, 'translation', strings, true, false);
}
