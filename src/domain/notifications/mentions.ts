/**
 * @mentions in notes. The composer writes `@[Display Name](user:<uuid>)`: the id makes the mention exact (two
 * "Jana Nováková"s, renamed users, e-mail changes) and the name keeps the raw note readable anywhere (API
 * clients, email). Plain `@name` text is just text and notifies nobody.
 */
export const MENTION_PATTERN = /@\[([^\]\n]{1,200})\]\(user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

/** At most this many distinct users are notified from one note. */
export const MAX_MENTIONS = 20;

export type Mention = { name: string; userId: string };

export function parseMentions(text: string): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const m of text.matchAll(MENTION_PATTERN)) {
    const userId = (m[2] as string).toLowerCase();
    if (seen.has(userId)) continue;
    seen.add(userId);
    out.push({ name: m[1] as string, userId });
    if (out.length >= MAX_MENTIONS) break;
  }
  return out;
}

export function mentionMarkup(name: string, userId: string): string {
  return `@[${name.replace(/[\][\n]/g, ' ').trim()}](user:${userId})`;
}

/** Splits a note into text and mention parts, for rendering. */
export function splitMentions(text: string): Array<string | Mention> {
  const parts: Array<string | Mention> = [];
  let last = 0;
  for (const m of text.matchAll(MENTION_PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push({ name: m[1] as string, userId: (m[2] as string).toLowerCase() });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The note as plain text (mentions become "@Name"): for titles and emails. */
export function mentionsToText(text: string): string {
  return text.replace(MENTION_PATTERN, (_all, name: string) => `@${name}`);
}
