import { i18next } from '../../app/i18n/index.js';

/** Strings of the calendar feed modal and the invitation switch, namespace `calendarFeed`. */
const en = {
  menuItem: 'Calendar feed',
  title: 'Your calendar feed',
  intro:
    'Subscribe to this private address in Google Calendar, Outlook or Apple Calendar to see your meetings, calls and tasks (last 30 days and the next year). It updates on its own.',
  secret: 'Anyone with this address can read your calendar. If it leaked, issue a new one: the old address stops working.',
  url: 'Feed address (iCalendar)',
  copy: 'Copy',
  copied: 'Copied',
  rotate: 'Issue a new address',
  rotateConfirm: 'The current address stops working at once; calendars subscribed to it must be given the new one. Continue?',
  rotated: 'A new feed address was issued; the old one no longer works.',
  howTo: 'Google Calendar: Other calendars → From URL. Outlook: Add calendar → Subscribe from web.',
  invite: 'Invite external participants by email',
  inviteHint: 'Contacts and leads among the participants get a calendar invitation; changes and cancellation are sent too.',
};

const cs: typeof en = {
  menuItem: 'Kalendářový odběr',
  title: 'Váš kalendářový odběr',
  intro:
    'Přihlaste tuto soukromou adresu v Google Kalendáři, Outlooku nebo Apple Kalendáři a uvidíte své schůzky, hovory a úkoly (posledních 30 dní a následující rok). Aktualizuje se sama.',
  secret: 'Kdo zná tuto adresu, může číst váš kalendář. Pokud unikla, vydejte novou: stará přestane fungovat.',
  url: 'Adresa odběru (iCalendar)',
  copy: 'Kopírovat',
  copied: 'Zkopírováno',
  rotate: 'Vydat novou adresu',
  rotateConfirm: 'Současná adresa okamžitě přestane fungovat; kalendáře, které ji odebírají, potřebují novou. Pokračovat?',
  rotated: 'Byla vydána nová adresa odběru; stará už nefunguje.',
  howTo: 'Google Kalendář: Další kalendáře → Z adresy URL. Outlook: Přidat kalendář → Přihlásit k odběru z webu.',
  invite: 'Pozvat externí účastníky e-mailem',
  inviteHint: 'Kontakty a leady mezi účastníky dostanou pozvánku do kalendáře; odešlou se i změny a zrušení.',
};

const de: typeof en = {
  menuItem: 'Kalender-Abo',
  title: 'Ihr Kalender-Abo',
  intro:
    'Abonnieren Sie diese private Adresse in Google Kalender, Outlook oder Apple Kalender, um Ihre Termine, Anrufe und Aufgaben zu sehen (letzte 30 Tage und das kommende Jahr). Sie aktualisiert sich selbst.',
  secret:
    'Wer diese Adresse kennt, kann Ihren Kalender lesen. Ist sie nach außen gelangt, erzeugen Sie eine neue: Die alte funktioniert dann nicht mehr.',
  url: 'Abo-Adresse (iCalendar)',
  copy: 'Kopieren',
  copied: 'Kopiert',
  rotate: 'Neue Adresse erzeugen',
  rotateConfirm: 'Die aktuelle Adresse funktioniert sofort nicht mehr; abonnierte Kalender brauchen die neue. Fortfahren?',
  rotated: 'Eine neue Abo-Adresse wurde erzeugt; die alte funktioniert nicht mehr.',
  howTo: 'Google Kalender: Weitere Kalender → Per URL. Outlook: Kalender hinzufügen → Aus dem Internet abonnieren.',
  invite: 'Externe Teilnehmer per E-Mail einladen',
  inviteHint: 'Kontakte und Leads unter den Teilnehmern erhalten eine Kalendereinladung; Änderungen und Absagen ebenfalls.',
};

export const CALENDAR_FEED_NS = 'calendarFeed';
for (const [lang, strings] of Object.entries({ en, cs, de })) {
  if (!i18next.hasResourceBundle(lang, CALENDAR_FEED_NS)) i18next.addResourceBundle(lang, CALENDAR_FEED_NS, strings);
}
