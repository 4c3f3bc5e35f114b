/**
 * The file kinds Stride accepts as attachments (issue 5). A kind is decided from the bytes on the server; the
 * declared extension and content type must agree with it. Shared with the web UI (icons, preview).
 */
export type AttachmentKindInfo = {
  /** the content type stored and served (for active content it is served as application/octet-stream) */
  mime: string;
  /** extensions that may name a file of this kind */
  exts: readonly string[];
  /** other content types browsers send for this kind */
  aliases?: readonly string[];
  /** content a browser would execute (scripts): never rendered inline, always downloaded as octet-stream */
  active?: boolean;
  /** shown inline by the preview endpoint */
  previewable?: boolean;
  group: 'pdf' | 'image' | 'document' | 'spreadsheet' | 'presentation' | 'text' | 'archive' | 'email' | 'code';
};

export const ATTACHMENT_KINDS = {
  pdf: { mime: 'application/pdf', exts: ['pdf'], previewable: true, group: 'pdf' },
  png: { mime: 'image/png', exts: ['png'], previewable: true, group: 'image' },
  jpeg: {
    mime: 'image/jpeg',
    exts: ['jpg', 'jpeg', 'jpe', 'jfif'],
    aliases: ['image/pjpeg', 'image/jpg'],
    previewable: true,
    group: 'image',
  },
  gif: { mime: 'image/gif', exts: ['gif'], previewable: true, group: 'image' },
  webp: { mime: 'image/webp', exts: ['webp'], previewable: true, group: 'image' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['docx'], group: 'document' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['xlsx'], group: 'spreadsheet' },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    exts: ['pptx'],
    group: 'presentation',
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', exts: ['odt'], group: 'document' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', exts: ['ods'], group: 'spreadsheet' },
  zip: {
    mime: 'application/zip',
    exts: ['zip'],
    aliases: ['application/x-zip-compressed', 'application/x-zip'],
    group: 'archive',
  },
  txt: { mime: 'text/plain', exts: ['txt', 'text', 'log', 'md'], aliases: ['text/markdown'], group: 'text' },
  // Windows browsers declare CSV files as Excel's type.
  csv: { mime: 'text/csv', exts: ['csv'], aliases: ['application/vnd.ms-excel', 'application/csv', 'text/x-csv'], group: 'text' },
  eml: { mime: 'message/rfc822', exts: ['eml'], group: 'email' },
  svg: { mime: 'image/svg+xml', exts: ['svg'], active: true, group: 'code' },
  html: { mime: 'text/html', exts: ['html', 'htm'], aliases: ['application/xhtml+xml'], active: true, group: 'code' },
} as const satisfies Record<string, AttachmentKindInfo>;

export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;
export const ATTACHMENT_KIND_NAMES = Object.keys(ATTACHMENT_KINDS) as AttachmentKind[];

export function kindInfo(kind: string): AttachmentKindInfo | undefined {
  return (ATTACHMENT_KINDS as Record<string, AttachmentKindInfo>)[kind];
}

/** The kind an extension names (lower-case, without the dot), if any. */
export function kindOfExtension(ext: string): AttachmentKind | undefined {
  const e = ext.toLowerCase();
  return ATTACHMENT_KIND_NAMES.find((k) => (ATTACHMENT_KINDS[k].exts as readonly string[]).includes(e));
}

/** The kind a declared content type names, if any (parameters such as `; charset=` are ignored). */
export function kindOfMime(mime: string): AttachmentKind | undefined {
  const m = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  return ATTACHMENT_KIND_NAMES.find((k) => {
    const info: AttachmentKindInfo = ATTACHMENT_KINDS[k];
    return info.mime === m || Boolean(info.aliases?.includes(m));
  });
}

/** Extension of a file name without the dot, lower-cased ('' when none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
