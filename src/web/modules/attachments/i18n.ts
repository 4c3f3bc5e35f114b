import { i18next } from '../../app/i18n/index.js';

/** The attachments panel's strings, in the i18next namespace `attachments` (use `useTranslation('attachments')`). */

const en = {
  title: 'Attachments',
  drop: 'Drag files here or click to choose',
  dropHint: 'PDF, images, Office and OpenDocument files, text, CSV, ZIP, emails — at most {{mb}} MB each',
  dropReject: 'This file type or size is not accepted',
  uploading: 'Uploading {{name}}',
  uploaded: '{{name}} attached',
  failed: '{{name}} was not attached: {{message}}',
  none: 'No files attached yet',
  readOnly: 'You can download the files but not add or remove them.',
  uploadedBy: '{{size}} · {{name}} · {{date}}',
  activeContent: 'Downloaded only',
  activeContentHint: 'This file can contain scripts, so Stride never opens it in the browser; it is always downloaded.',
  preview: 'Preview',
  download: 'Download',
  delete: 'Delete',
  deleteTitle: 'Delete the attachment',
  deleteConfirm: 'Delete “{{name}}”? It can be restored from the record’s deleted files.',
  deleted: '{{name}} deleted',
  restore: 'Restore',
  showDeleted: 'Deleted files ({{count}})',
  hideDeleted: 'Hide deleted files',
  showMore: 'Show more',
  close: 'Close',
  errors: {
    tooLarge: 'The file is larger than {{mb}} MB.',
    type: 'The file type is not accepted, or its name does not match its content.',
  },
};

type Strings = typeof en;

const cs: Strings = {
  title: 'Přílohy',
  drop: 'Přetáhněte soubory sem nebo klikněte a vyberte',
  dropHint: 'PDF, obrázky, dokumenty Office a OpenDocument, text, CSV, ZIP, e-maily — každý nejvýše {{mb}} MB',
  dropReject: 'Tento typ nebo velikost souboru není povolen',
  uploading: 'Nahrávám {{name}}',
  uploaded: '{{name}} přiloženo',
  failed: '{{name}} se nepřiložilo: {{message}}',
  none: 'Zatím žádné přílohy',
  readOnly: 'Soubory můžete stahovat, ale ne přidávat ani mazat.',
  uploadedBy: '{{size}} · {{name}} · {{date}}',
  activeContent: 'Jen ke stažení',
  activeContentHint: 'Soubor může obsahovat skripty, proto ho Stride nikdy neotevře v prohlížeči; vždy se stáhne.',
  preview: 'Náhled',
  download: 'Stáhnout',
  delete: 'Smazat',
  deleteTitle: 'Smazat přílohu',
  deleteConfirm: 'Smazat „{{name}}“? Lze ji obnovit ze smazaných souborů záznamu.',
  deleted: '{{name}} smazáno',
  restore: 'Obnovit',
  showDeleted: 'Smazané soubory ({{count}})',
  hideDeleted: 'Skrýt smazané soubory',
  showMore: 'Zobrazit další',
  close: 'Zavřít',
  errors: {
    tooLarge: 'Soubor je větší než {{mb}} MB.',
    type: 'Tento typ souboru není povolen, nebo jeho název neodpovídá obsahu.',
  },
};

const de: Strings = {
  title: 'Anhänge',
  drop: 'Dateien hierher ziehen oder klicken, um sie auszuwählen',
  dropHint: 'PDF, Bilder, Office- und OpenDocument-Dateien, Text, CSV, ZIP, E-Mails — je höchstens {{mb}} MB',
  dropReject: 'Dieser Dateityp oder diese Größe wird nicht angenommen',
  uploading: '{{name}} wird hochgeladen',
  uploaded: '{{name}} angehängt',
  failed: '{{name}} wurde nicht angehängt: {{message}}',
  none: 'Noch keine Anhänge',
  readOnly: 'Sie können die Dateien herunterladen, aber nicht hinzufügen oder entfernen.',
  uploadedBy: '{{size}} · {{name}} · {{date}}',
  activeContent: 'Nur Download',
  activeContentHint:
    'Diese Datei kann Skripte enthalten; Stride öffnet sie daher nie im Browser, sondern lädt sie immer herunter.',
  preview: 'Vorschau',
  download: 'Herunterladen',
  delete: 'Löschen',
  deleteTitle: 'Anhang löschen',
  deleteConfirm: '„{{name}}“ löschen? Er lässt sich aus den gelöschten Dateien des Datensatzes wiederherstellen.',
  deleted: '{{name}} gelöscht',
  restore: 'Wiederherstellen',
  showDeleted: 'Gelöschte Dateien ({{count}})',
  hideDeleted: 'Gelöschte Dateien ausblenden',
  showMore: 'Mehr anzeigen',
  close: 'Schließen',
  errors: {
    tooLarge: 'Die Datei ist größer als {{mb}} MB.',
    type: 'Der Dateityp wird nicht angenommen, oder der Name passt nicht zum Inhalt.',
  },
};

/** Stream strings for attachment entries, merged into the shell's namespace (the Stream renders them). */
const stream = {
  en: {
    stream: {
      relation: { attachments: 'file' },
      entry: { download: 'downloaded', preview: 'viewed' },
      type: { download: 'Download' },
    },
  },
  cs: {
    stream: {
      relation: { attachments: 'soubor' },
      entry: { download: 'stáhl(a)', preview: 'zobrazil(a)' },
      type: { download: 'Stažení' },
    },
  },
  de: {
    stream: {
      relation: { attachments: 'Datei' },
      entry: { download: 'hat heruntergeladen', preview: 'hat angesehen' },
      type: { download: 'Download' },
    },
  },
};

export const ATTACHMENTS_NS = 'attachments';
for (const [lang, strings] of Object.entries({ en, cs, de })) {
  if (!i18next.hasResourceBundle(lang, ATTACHMENTS_NS)) i18next.addResourceBundle(lang, ATTACHMENTS_NS, strings);
  // deep merge, never overwriting what the shell already defines
  i18next.addResourceBundle(lang, 'translation', stream[lang as keyof typeof stream], true, false);
}
