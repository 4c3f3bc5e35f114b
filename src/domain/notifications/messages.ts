/** Notification titles and bodies in the recipient's language (stored on the row, so email and bell read the same). */
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
  stalledDeal: (locale: string, name: string) =>
    ({
      en: `Stalled deal: ${name}`,
      cs: `Váznoucí obchod: ${name}`,
      de: `Stockende Verkaufschance: ${name}`,
    })[pick(locale)],
  stalledEscalation: (locale: string, name: string) =>
    ({
      en: `Escalated: ${name} is still stalled`,
      cs: `Eskalace: obchod ${name} stále vázne`,
      de: `Eskalation: ${name} stockt weiterhin`,
    })[pick(locale)],
  approvalRequest: (locale: string, who: string, name: string) =>
    ({
      en: `${who} asks for approval: ${name}`,
      cs: `${who} žádá o schválení: ${name}`,
      de: `${who} bittet um Freigabe: ${name}`,
    })[pick(locale)],
  approvalDecision: (locale: string, who: string, decision: 'approved' | 'rejected', name: string) =>
    ({
      en: `${who} ${decision === 'approved' ? 'approved' : 'rejected'} ${name}`,
      cs: `${who} ${decision === 'approved' ? 'schválil(a)' : 'zamítl(a)'} ${name}`,
      de: `${who} hat ${name} ${decision === 'approved' ? 'freigegeben' : 'abgelehnt'}`,
    })[pick(locale)],
};

/** Why a deal stalled (`stalledReason`), as the body of its notification. */
const STALL_REASON: Record<Locale, Record<string, string>> = {
  en: { no_activity: 'No activity for too long', too_long_in_stage: 'Too long in its stage' },
  cs: { no_activity: 'Příliš dlouho bez aktivity', too_long_in_stage: 'Příliš dlouho v jedné fázi' },
  de: { no_activity: 'Zu lange keine Aktivität', too_long_in_stage: 'Zu lange in derselben Phase' },
};

export const notificationBodies = {
  stalledDeal: (locale: string, reason: string) => STALL_REASON[pick(locale)][reason] ?? reason,
  /** `notifiedAt`: when the owner was told; shown as a calendar day in the recipient's language. */
  stalledEscalation: (locale: string, notifiedAt: Date) => {
    const l = pick(locale);
    const day = new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' }).format(notifiedAt);
    return {
      en: `The owner was told on ${day} and nothing has changed since.`,
      cs: `Vlastník byl upozorněn ${day} a od té doby se nic nezměnilo.`,
      de: `Der Verantwortliche wurde am ${day} benachrichtigt, seitdem hat sich nichts geändert.`,
    }[l];
  },
};
