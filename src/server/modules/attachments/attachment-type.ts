import { fileTypeFromFile } from 'file-type';
import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  extensionOf,
  kindOfExtension,
  kindOfMime,
} from '../../../domain/attachments/attachment.kinds.js';
import { AppError } from '../../platform/errors.js';

/** What file-type reports, mapped to our kinds. Anything it recognises that is not here is refused. */
const DETECTED: Record<string, AttachmentKind> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  [ATTACHMENT_KINDS.docx.mime]: 'docx',
  [ATTACHMENT_KINDS.xlsx.mime]: 'xlsx',
  [ATTACHMENT_KINDS.pptx.mime]: 'pptx',
  [ATTACHMENT_KINDS.odt.mime]: 'odt',
  [ATTACHMENT_KINDS.ods.mime]: 'ods',
  'application/zip': 'zip',
};

/** Kinds stored as a ZIP container: a `.zip` name may hold any of them. */
const ZIP_FAMILY: AttachmentKind[] = ['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods'];
const TEXT_KINDS: AttachmentKind[] = ['txt', 'csv', 'eml', 'svg', 'html'];
const HEAD_BYTES = 8192;

export const unsupportedType = (message: string) =>
  new AppError('unsupported_media_type', `file: ${message}`, [{ field: 'file', message }]);

/**
 * Watches an upload as it streams (no buffering of the whole file): keeps the first bytes for sniffing and checks
 * that the whole of it is valid UTF-8 without NUL bytes (what makes it a text file).
 */
export class TextProbe {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private headParts: Buffer[] = [];
  private headSize = 0;
  validUtf8 = true;
  hasNul = false;

  readonly onChunk = (chunk: Buffer) => {
    if (this.headSize < HEAD_BYTES) {
      this.headParts.push(chunk.subarray(0, HEAD_BYTES - this.headSize));
      this.headSize += Math.min(chunk.length, HEAD_BYTES - this.headSize);
    }
    if (!this.hasNul && chunk.includes(0)) this.hasNul = true;
    if (this.validUtf8) {
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        this.validUtf8 = false;
      }
    }
  };

  finish() {
    if (this.validUtf8) {
      try {
        this.decoder.decode();
      } catch {
        this.validUtf8 = false;
      }
    }
  }

  get head(): string {
    return Buffer.concat(this.headParts).toString('utf8');
  }
}

/** SVG or HTML by their first markup; otherwise plain text. */
function sniffMarkup(head: string): 'svg' | 'html' | undefined {
  // skip a BOM, XML declaration, comments and doctype before the root element
  const text = head.replace(/^\uFEFF/, '').replace(/^(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->)*/i, '');
  if (/^<!doctype\s+svg/i.test(text) || /^(<!doctype[^>]*>\s*)?<svg[\s>]/i.test(text)) return 'svg';
  if (/^<!doctype\s+html/i.test(text) || /^<(html|head|body|script|iframe|meta)[\s>]/i.test(text)) return 'html';
  return undefined;
}

/**
 * Decides what an upload is from its bytes and refuses it (415, naming `file`) when the kind is not allowed or
 * when the declared extension or content type says something else (an .exe renamed .pdf).
 */
export async function detectAttachmentKind(
  localPath: string,
  probe: TextProbe,
  declared: { fileName: string; mimeType: string | undefined },
): Promise<AttachmentKind> {
  const ext = extensionOf(declared.fileName);
  const byExt = ext ? kindOfExtension(ext) : undefined;
  if (ext && !byExt) throw unsupportedType(`files of type .${ext} are not accepted`);
  const declaredMime = declared.mimeType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const byMime = declaredMime && declaredMime !== 'application/octet-stream' ? kindOfMime(declaredMime) : undefined;

  const detected = await fileTypeFromFile(localPath);
  let kind: AttachmentKind;
  if (detected && detected.mime !== 'application/xml') {
    const k = DETECTED[detected.mime];
    if (!k) throw unsupportedType(`the content is ${detected.mime} (.${detected.ext}), which is not accepted`);
    kind = k;
  } else {
    // no binary signature (or XML): it must be text
    if (probe.hasNul) throw unsupportedType('the content is not a recognised file type');
    const markup = sniffMarkup(probe.head);
    if (markup) kind = markup;
    else if (byExt === 'eml' || byMime === 'eml') kind = 'eml';
    else if (!probe.validUtf8) throw unsupportedType('a text file must be UTF-8 encoded');
    else kind = byExt === 'csv' || (!byExt && byMime === 'csv') ? 'csv' : 'txt';
  }

  const agrees = (named: AttachmentKind | undefined) => {
    if (!named || named === kind) return true;
    if (named === 'zip' && ZIP_FAMILY.includes(kind)) return true;
    // plain text may be named .csv/.txt/.md interchangeably; mail may be plain text too
    if (
      TEXT_KINDS.includes(named) &&
      (kind === 'txt' || kind === 'csv') &&
      (named === 'txt' || named === 'csv' || named === 'eml')
    )
      return true;
    return false;
  };
  if (!agrees(byExt)) {
    throw unsupportedType(`the name says .${ext} but the content is ${ATTACHMENT_KINDS[kind].mime}`);
  }
  if (!agrees(byMime)) {
    throw unsupportedType(`the declared type is ${declaredMime} but the content is ${ATTACHMENT_KINDS[kind].mime}`);
  }
  return kind;
}
