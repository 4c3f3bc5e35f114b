/** Notification titles in the recipient's language (stored on the row, so email and bell read the same). */
type Locale = 'cs' | 'en' | 'de';
const pick = (locale: string): Locale => (locale === 'cs' || locale === 'de' ? locale : 'en');

const RECORD: Record<Locale, Record<string, string>> = {
  en: { lead: 'lead', contact: 'contact', account: 'account', opportunity: 'opportunity', activity: 'activity' },
  cs: { lead: 'lead', contact: 'kontakt', account: 'firmu', opportunity: 'obchodní případ', activity: 'aktivitu' },
  de: { lead: 'Lead', contact: 'Kontakt', account: 'Firma', opportunity: 'Verkaufschance', activity: 'Aktivität' },
};

export const notificationTitles = {
  mention: (locale: string, who: string, name: string) =>
    ({
      en: `${who} mentioned you on ${name}`,
      cs: `${who} vás zmínil(a) u záznamu ${name}`,
      de: `${who} hat Sie bei ${name} erwähnt`,
    })[pick(locale)],
  assignment: (locale: string, who: string, type: string, name: string) => {
    const l = pick(locale);
    const r = RECORD[l][type] ?? type;
    return {
      en: `${who} assigned the ${r} ${name} to you`,
      cs: `${who} vám přidělil(a) ${r} ${name}`,
      de: `${who} hat Ihnen ${r} ${name} zugewiesen`,
    }[l];
  },
  slaBreach: (locale: string, name: string) =>
    ({
      en: `First contact overdue: ${name}`,
      cs: `Překročena lhůta prvního kontaktu: ${name}`,
      de: `Erstkontakt überfällig: ${name}`,
    })[pick(locale)],
};
