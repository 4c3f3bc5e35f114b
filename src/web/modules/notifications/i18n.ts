import { i18next } from '../../app/i18n/index.js';

/** Notification strings, namespace `notifications` (use `useTranslation('notifications')`). */
const en = {
  bell: 'Notifications',
  unread_one: '{{count}} unread',
  unread_other: '{{count}} unread',
  empty: 'Nothing new',
  markAllRead: 'Mark all read',
  markRead: 'Mark read',
  showUnread: 'Unread only',
  loadMore: 'Load more',
  preferences: 'Notification settings',
  emailFailed: 'Email not delivered: {{error}}',
  types: {
    mention: 'Mentions',
    assignment: 'Assigned to me',
    reminder: 'Reminders',
    sla_breach: 'First-contact SLA breached',
    approval_request: 'Approval requests',
    approval_decision: 'Approval decisions',
    stalled_deal: 'Stalled deals',
    invitation_failed: 'Invitation not delivered',
  },
  prefs: {
    title: 'Notification settings',
    subtitle: 'Choose what shows in the bell and what also comes by email.',
    type: 'Notification',
    inApp: 'In the app',
    email: 'By email',
    save: 'Save',
    saved: 'Notification settings saved',
    emailHint: 'Emails are sent only when the server has a mail server configured (SMTP_URL).',
  },
  mention: {
    hint: 'Type @ to mention a colleague — they get a notification if they can see this record.',
    noMatch: 'No such colleague',
  },
};

const cs: typeof en = {
  bell: 'Oznámení',
  unread_one: '{{count}} nepřečtené',
  unread_other: '{{count}} nepřečtených',
  empty: 'Nic nového',
  markAllRead: 'Označit vše jako přečtené',
  markRead: 'Přečteno',
  showUnread: 'Jen nepřečtené',
  loadMore: 'Načíst další',
  preferences: 'Nastavení oznámení',
  emailFailed: 'E-mail se nepodařilo doručit: {{error}}',
  types: {
    mention: 'Zmínky',
    assignment: 'Přiděleno mně',
    reminder: 'Připomínky',
    sla_breach: 'Překročená lhůta prvního kontaktu',
    approval_request: 'Žádosti o schválení',
    approval_decision: 'Rozhodnutí o schválení',
    stalled_deal: 'Váznoucí obchody',
    invitation_failed: 'Pozvánka nedoručena',
  },
  prefs: {
    title: 'Nastavení oznámení',
    subtitle: 'Vyberte, co se zobrazí ve zvonečku a co vám přijde i e-mailem.',
    type: 'Oznámení',
    inApp: 'V aplikaci',
    email: 'E-mailem',
    save: 'Uložit',
    saved: 'Nastavení oznámení uloženo',
    emailHint: 'E-maily se odesílají, jen pokud má server nastavený poštovní server (SMTP_URL).',
  },
  mention: {
    hint: 'Napište @ a zmiňte kolegu — dostane oznámení, pokud tento záznam vidí.',
    noMatch: 'Takový kolega neexistuje',
  },
};

const de: typeof en = {
  bell: 'Benachrichtigungen',
  unread_one: '{{count}} ungelesen',
  unread_other: '{{count}} ungelesen',
  empty: 'Nichts Neues',
  markAllRead: 'Alle als gelesen markieren',
  markRead: 'Gelesen',
  showUnread: 'Nur ungelesene',
  loadMore: 'Mehr laden',
  preferences: 'Benachrichtigungen',
  emailFailed: 'E-Mail nicht zugestellt: {{error}}',
  types: {
    mention: 'Erwähnungen',
    assignment: 'Mir zugewiesen',
    reminder: 'Erinnerungen',
    sla_breach: 'Erstkontakt-Frist überschritten',
    approval_request: 'Genehmigungsanfragen',
    approval_decision: 'Genehmigungsentscheidungen',
    stalled_deal: 'Stockende Verkaufschancen',
    invitation_failed: 'Einladung nicht zugestellt',
  },
  prefs: {
    title: 'Benachrichtigungen',
    subtitle: 'Wählen Sie, was in der Glocke erscheint und was zusätzlich per E-Mail kommt.',
    type: 'Benachrichtigung',
    inApp: 'In der App',
    email: 'Per E-Mail',
    save: 'Speichern',
    saved: 'Einstellungen gespeichert',
    emailHint: 'E-Mails werden nur versendet, wenn der Server einen Mailserver hat (SMTP_URL).',
  },
  mention: {
    hint: 'Tippen Sie @, um eine Kollegin oder einen Kollegen zu erwähnen — sie werden benachrichtigt, wenn sie den Datensatz sehen dürfen.',
    noMatch: 'Niemand gefunden',
  },
};

export const NOTIFICATIONS_NS = 'notifications';
for (const [lang, strings] of Object.entries({ en, cs, de })) {
  if (!i18next.hasResourceBundle(lang, NOTIFICATIONS_NS)) i18next.addResourceBundle(lang, NOTIFICATIONS_NS, strings);
}
