import { foldText } from '../../domain/common/text.js';

/** A LIKE pattern matching `text` anywhere in a folded search column (wildcards in the input are literal). */
export function likePattern(text: string): string {
  return `%${foldText(text).replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
