import type pg from 'pg';
import { foldText } from '../src/domain/common/text.js';
import type { Actor } from '../src/server/access/actor.js';
import { CZ_MOBILE, CZ_PLACES, CZ_STEMS, feminine } from '../src/server/demo/factories.js';
import { loadActor } from '../src/server/modules/auth/actor.loader.js';
import { createTeam } from '../src/server/modules/users/teams.service.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import type { Database } from '../src/server/platform/db.js';

/**
 * Bench data, generated set-based inside the database (INSERT … SELECT … FROM generate_series): realistic
 * Czech (and some German) company and person names with diacritics, `search_text` folded exactly as
 * foldText() folds it, valid IČO (check digit), owners spread over two sales teams, UUIDv7-shaped ids whose
 * time part matches created_at (as the app's ids do), and one Stream `create` entry per record.
 */

export const BENCH_PASSWORD = 'bench-password-2026';

export type BenchUsers = {
  admin: Actor;
  /** an account manager in team Praha: reads the team's records, writes its own */
  accountManager: Actor;
  owners: Actor[];
};

type TeamSpec = { name: string; lead: [string, string]; members: Array<[string, string]> };
const TEAMS: TeamSpec[] = [
  {
    name: 'Prodej Praha',
    lead: ['lead.praha@bench.stride.local', 'Tomáš Vedoucí'],
    members: [
      ['barbora@bench.stride.local', 'Barbora Dvořáková'],
      ['jiri@bench.stride.local', 'Jiří Černý'],
      ['katerina@bench.stride.local', 'Kateřina Říhová'],
      ['ondrej@bench.stride.local', 'Ondřej Šťastný'],
    ],
  },
  {
    name: 'Prodej Brno',
    lead: ['lead.brno@bench.stride.local', 'Zuzana Horáková'],
    members: [
      ['lukas@bench.stride.local', 'Lukáš Procházka'],
      ['marketa@bench.stride.local', 'Markéta Kučerová'],
      ['vojtech@bench.stride.local', 'Vojtěch Němec'],
      ['hana@bench.stride.local', 'Hana Veselá'],
    ],
  },
];

export async function createBenchUsers(database: Database): Promise<BenchUsers> {
  const { db } = database;
  const make = async (email: string, name: string, role: 'admin' | 'team_lead' | 'account_manager') => {
    const u = await createUser(db, null, { email, name, role, password: BENCH_PASSWORD, locale: 'cs' });
    return u.id;
  };
  const adminId = await make('admin@bench.stride.local', 'Alena Adminová', 'admin');
  const ownerIds: string[] = [];
  for (const team of TEAMS) {
    const leadId = await make(team.lead[0], team.lead[1], 'team_lead');
    const memberIds: string[] = [];
    for (const [email, name] of team.members) memberIds.push(await make(email, name, 'account_manager'));
    await createTeam(db, null, { name: team.name, leadId, memberIds });
    ownerIds.push(leadId, ...memberIds);
  }
  const load = async (id: string) => (await loadActor(db, id)) as Actor;
  const owners = await Promise.all(ownerIds.map(load));
  return { admin: await load(adminId), accountManager: owners[1] as Actor, owners };
}

// --- word lists (display form; the folded form is derived with foldText so search_text matches the app) ---
const SURNAMES = [
  'Dvořák',
  'Novák',
  'Svoboda',
  'Černý',
  'Procházka',
  'Kučera',
  'Veselý',
  'Horák',
  'Němec',
  'Šťastný',
  'Čermák',
  'Říha',
  'Krejčí',
  'Marek',
  'Pokorný',
  'Hájek',
  'Jelínek',
  'Růžička',
  'Beneš',
  'Fiala',
  'Sedláček',
  'Doležal',
  'Zeman',
  'Kolář',
  'Navrátil',
  'Čech',
  'Vaněk',
  'Urban',
  'Blažek',
  'Kříž',
];
const FEMININE = SURNAMES.map(feminine);
const STEMS = [
  ...CZ_STEMS,
  'Sklárny',
  'Pivovar',
  'Zámečnictví',
  'Truhlářství',
  'Účetnictví',
  'Doprava',
  'Instalatérství',
  'Zahradnictví',
  'Řeznictví',
  'Projekce',
];
const PLACES = [...CZ_PLACES, 'Český ráj', 'Jeseníky', 'Podřipsko', 'Slovácko', 'Chodsko', 'Kladno', 'Třebíč', 'Děčín'];
const FORMS = ['s.r.o.', 's.r.o.', 's.r.o.', 'a.s.', 'spol. s r.o.', 'v.o.s.', 'k.s.'];
const DE_STEMS = [
  'Maschinenbau',
  'Logistik',
  'Elektrotechnik',
  'Software',
  'Handel',
  'Metallbau',
  'Anlagenbau',
  'Bäckerei',
  'Kunststofftechnik',
];
const DE_PLACES = ['Bayern', 'Sachsen', 'Nord', 'Rhein', 'Süd', 'Berlin', 'Dresden', 'Würzburg', 'Görlitz'];
const DE_FORMS = ['GmbH', 'AG', 'KG', 'GmbH & Co. KG'];
const CZ_CITIES: Array<[string, string]> = [
  ['Praha', '110 00'],
  ['Brno', '602 00'],
  ['Ostrava', '702 00'],
  ['Plzeň', '301 00'],
  ['Olomouc', '779 00'],
  ['České Budějovice', '370 01'],
  ['Hradec Králové', '500 02'],
  ['Liberec', '460 01'],
  ['Zlín', '760 01'],
  ['Jihlava', '586 01'],
  ['Ústí nad Labem', '400 01'],
  ['Pardubice', '530 02'],
  ['Kroměříž', '767 01'],
  ['Třebíč', '674 01'],
];
const DE_CITIES: Array<[string, string]> = [
  ['München', '80331'],
  ['Dresden', '01067'],
  ['Berlin', '10115'],
  ['Leipzig', '04109'],
  ['Nürnberg', '90402'],
];
const STREETS = [
  'Náměstí Míru',
  'Husova',
  'Masarykova',
  'Palackého',
  'Nádražní',
  'Komenského',
  'Žižkova',
  'Smetanova',
  'Čs. legií',
  'Třída Svobody',
];
const INDUSTRIES = ['Manufacturing', 'Software', 'Retail', 'Logistics', 'Construction', 'Food', 'Energy', 'Automotive'];
const FIRST_F = [
  'Jana',
  'Barbora',
  'Lucie',
  'Petra',
  'Eva',
  'Kateřina',
  'Tereza',
  'Hana',
  'Markéta',
  'Zuzana',
  'Věra',
  'Šárka',
  'Ivana',
  'Michaela',
  'Alžběta',
];
const FIRST_M = [
  'Jan',
  'Petr',
  'Tomáš',
  'Martin',
  'Jiří',
  'Pavel',
  'Lukáš',
  'Ondřej',
  'Jakub',
  'Vojtěch',
  'Miroslav',
  'Zdeněk',
  'Radek',
  'Štěpán',
  'Matěj',
];
const DE_FIRST = ['Lukas', 'Anna', 'Felix', 'Laura', 'Jonas', 'Sophie', 'Maximilian', 'Julia', 'Jürgen', 'Jörg'];
const DE_LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Schäfer', 'Köhler', 'Krüger'];
const TITLES = [
  'CEO',
  'CFO',
  'Purchasing Manager',
  'IT Manager',
  'Head of Operations',
  'Sales Director',
  'Project Manager',
  'Jednatel',
  'Obchodní ředitel',
  'Vedoucí nákupu',
  'Ředitel výroby',
];
const MOBILE = CZ_MOBILE;
const MAIL_DOMAINS = ['seznam.cz', 'email.cz', 'centrum.cz', 'gmail.com', 'post.cz', 'firma.cz'];

/** A folded list beside its display list, so SQL can pick both with one index. */
const folded = (list: string[]) => list.map(foldText);

// r(k): an independent pseudo-random non-negative bigint per row and per field
const R = (row: string, k: number) => `abs(hashint8(${row}::bigint * 64 + ${k})::bigint)`;
/** pick(list, k): 1-based index into a SQL array parameter */
const pick = (row: string, param: string, k: number) => `(${param})[1 + ${R(row, k)} % cardinality(${param})]`;

/** UUIDv7 layout: 48-bit ms timestamp, version 7, then `kind` and the row number (unique per kind). */
const uuidV7 = (ms: string, kind: number, row: string) => `(
  substr(lpad(to_hex(${ms}), 12, '0'), 1, 8) || '-' || substr(lpad(to_hex(${ms}), 12, '0'), 9, 4) || '-7' ||
  lpad(to_hex(${kind}), 3, '0') || '-8' || substr(lpad(to_hex(${row}::bigint), 15, '0'), 1, 3) || '-' ||
  substr(lpad(to_hex(${row}::bigint), 15, '0'), 4, 12))::uuid`;

/** ms of account g's creation: spread evenly over the last three years */
const accountMs = (g: string) => `($2::bigint + ${g}::bigint * $3::bigint)`;
const accountOwner = (g: string) => pick(g, '$4::uuid[]', 9);

export type GenerateResult = { accounts: number; contacts: number; streamEntries: number; seconds: Record<string, number> };

export async function generateData(
  database: Database,
  users: BenchUsers,
  opts: { accounts: number; contacts: number },
): Promise<GenerateResult> {
  const seconds: Record<string, number> = {};
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await work();
    seconds[label] = (performance.now() - t0) / 1000;
    return out;
  };
  const spanMs = 3 * 365 * 24 * 3600 * 1000;
  const baseMs = Date.now() - spanMs - 3600_000;
  const stepMs = Math.max(1, Math.floor(spanMs / Math.max(1, opts.accounts)));
  // A few owners carry more accounts than others, as in real teams.
  const ownerIds = users.owners.flatMap((o, i) => (i % 3 === 1 ? [o.id, o.id] : [o.id]));

  const client: pg.PoolClient = await database.pool.connect();
  try {
    await client.query('BEGIN');
    // The data is valid by construction: skip per-row FK triggers, and build the secondary indexes once at
    // the end (much faster than maintaining trigram GIN indexes row by row). The same definitions come back.
    await client.query('SAVEPOINT replica');
    try {
      await client.query('SET LOCAL session_replication_role = replica');
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT replica'); // not a superuser: keep the FK checks, just slower
    }
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename IN ('accounts', 'contacts', 'stream_entries')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    );
    for (const ix of indexes) await client.query(`DROP INDEX ${ix.indexname}`);

    await timed('accounts', () =>
      client.query(
        `INSERT INTO accounts (id, name, type, industry, size, website, email, phone, registration_number, vat_number,
            billing_street, billing_city, billing_postal_code, billing_country, owner_id, search_text, version,
            created_at, updated_at, created_by)
         SELECT id, name, type, industry, size, website, 'info@' || slug || tld, phone, regno, vat,
                street, city, postal, country, owner_id,
                concat_ws(' ', fname, lower(regno), lower(vat), fcity, 'info@' || slug || tld, website),
                1, created_at, least(now(), created_at + ((${R('g', 12)} % 400) || ' days')::interval), owner_id
           FROM (
             SELECT *, 'https://www.' || slug || tld AS website,
                    CASE WHEN german THEN 'HRB ' || (10000 + ${R('g', 13)} % 90000) ELSE ico END AS regno,
                    CASE WHEN german THEN 'DE' || (100000000 + ${R('g', 14)} % 900000000) ELSE 'CZ' || ico END AS vat
               FROM (
                 SELECT *, trim(both '-' from regexp_replace(fname, '[^a-z]+', '-', 'g')) AS slug,
                        CASE WHEN german THEN '.de' ELSE '.cz' END AS tld
                   FROM (
                     SELECT g, german, ${uuidV7(accountMs('g'), 1, 'g')} AS id,
                            to_timestamp(${accountMs('g')} / 1000.0) AS created_at,
                            ${accountOwner('g')} AS owner_id,
                            CASE pat WHEN 0 THEN ($5::text[])[si] || ' ' || ($7::text[])[pi] || ' ' || ($9::text[])[fi]
                                     WHEN 1 THEN ($11::text[])[ni] || ' ' || ($5::text[])[si] || ' ' || ($9::text[])[fi]
                                     ELSE ($13::text[])[dpi] || ' ' || ($15::text[])[dsi] || ' ' || ($17::text[])[dfi] END AS name,
                            CASE pat WHEN 0 THEN ($6::text[])[si] || ' ' || ($8::text[])[pi] || ' ' || ($10::text[])[fi]
                                     WHEN 1 THEN ($12::text[])[ni] || ' ' || ($6::text[])[si] || ' ' || ($10::text[])[fi]
                                     ELSE ($14::text[])[dpi] || ' ' || ($16::text[])[dsi] || ' ' || ($18::text[])[dfi] END AS fname,
                            CASE WHEN german THEN ($22::text[])[dci] ELSE ($19::text[])[ci] END AS city,
                            CASE WHEN german THEN ($24::text[])[dci] ELSE ($20::text[])[ci] END AS fcity,
                            CASE WHEN german THEN ($23::text[])[dci] ELSE ($21::text[])[ci] END AS postal,
                            CASE WHEN german THEN 'DE' ELSE 'CZ' END AS country,
                            ${pick('g', '$25::text[]', 15)} || ' ' || (1 + ${R('g', 16)} % 120) AS street,
                            (ARRAY['prospect','prospect','customer','customer','partner','supplier'])[1 + ${R('g', 17)} % 6] AS type,
                            ${pick('g', '$26::text[]', 18)} AS industry,
                            (ARRAY[8, 25, 60, 150, 420, 1200])[1 + ${R('g', 19)} % 6] AS size,
                            CASE WHEN german THEN '+4930' || (1000000 + ${R('g', 20)} % 9000000)
                                 ELSE '+420' || (200000000 + ${R('g', 20)} % 400000000) END AS phone,
                            ico7 || ((11 - ((substr(ico7,1,1)::int * 8 + substr(ico7,2,1)::int * 7 + substr(ico7,3,1)::int * 6 +
                                    substr(ico7,4,1)::int * 5 + substr(ico7,5,1)::int * 4 + substr(ico7,6,1)::int * 3 +
                                    substr(ico7,7,1)::int * 2) % 11)) % 10)::text AS ico
                       FROM (
                         SELECT g,
                                ${R('g', 1)} % 10 < 2 AS german,
                                CASE WHEN ${R('g', 1)} % 10 < 2 THEN 2 WHEN ${R('g', 1)} % 10 < 6 THEN 1 ELSE 0 END AS pat,
                                1 + ${R('g', 2)} % cardinality($5::text[]) AS si,
                                1 + ${R('g', 3)} % cardinality($7::text[]) AS pi,
                                1 + ${R('g', 4)} % cardinality($9::text[]) AS fi,
                                1 + ${R('g', 5)} % cardinality($11::text[]) AS ni,
                                1 + ${R('g', 6)} % cardinality($13::text[]) AS dpi,
                                1 + ${R('g', 7)} % cardinality($15::text[]) AS dsi,
                                1 + ${R('g', 8)} % cardinality($17::text[]) AS dfi,
                                1 + ${R('g', 10)} % cardinality($19::text[]) AS ci,
                                1 + ${R('g', 11)} % cardinality($22::text[]) AS dci,
                                lpad(((g::bigint * 7919 + 1234567) % 10000000)::text, 7, '0') AS ico7
                           FROM generate_series(1, $1::int) AS g
                       ) AS picks
                   ) AS named
               ) AS slugged
           ) AS full_row`,
        [
          opts.accounts,
          baseMs,
          stepMs,
          ownerIds,
          STEMS,
          folded(STEMS),
          PLACES,
          folded(PLACES),
          FORMS,
          folded(FORMS),
          SURNAMES,
          folded(SURNAMES),
          DE_PLACES,
          folded(DE_PLACES),
          DE_STEMS,
          folded(DE_STEMS),
          DE_FORMS,
          folded(DE_FORMS),
          CZ_CITIES.map((c) => c[0]),
          folded(CZ_CITIES.map((c) => c[0])),
          CZ_CITIES.map((c) => c[1]),
          DE_CITIES.map((c) => c[0]),
          DE_CITIES.map((c) => c[1]),
          folded(DE_CITIES.map((c) => c[0])),
          STREETS,
          INDUSTRIES,
        ],
      ),
    );

    // Contacts: ~3 per account (5 % without one), owned by the account's owner, created after it.
    await timed('contacts', () =>
      client.query(
        `INSERT INTO contacts (id, first_name, last_name, title, emails, phones, account_id, street, city, postal_code,
            country, owner_id, search_text, version, created_at, updated_at, created_by)
         SELECT ${uuidV7('(extract(epoch FROM created_at) * 1000)::bigint', 2, 'i')}, first_name, last_name, title,
                jsonb_build_array(email), jsonb_build_array(phone), account_id, NULL, city, NULL, country, owner_id,
                concat_ws(' ', ffirst, flast, lower(title_folded), email, phone, fcity), 1, created_at,
                least(now(), created_at + ((${R('i', 40)} % 200) || ' days')::interval), owner_id
           FROM (
             SELECT *, ffirst || '.' || flast || (1 + ${R('i', 41)} % 999) || '@' || ${pick('i', '$22::text[]', 42)} AS email
               FROM (
                 SELECT i, CASE WHEN no_account THEN NULL ELSE ${uuidV7(accountMs('g'), 1, 'g')} END AS account_id,
                        CASE WHEN no_account THEN ${pick('i', '$4::uuid[]', 43)} ELSE ${accountOwner('g')} END AS owner_id,
                        least(now(), to_timestamp(${accountMs('g')} / 1000.0) + ((${R('i', 44)} % 30) || ' days')::interval) AS created_at,
                        CASE WHEN german THEN ($14::text[])[dfi] WHEN female THEN ($6::text[])[ffi] ELSE ($8::text[])[mfi] END AS first_name,
                        CASE WHEN german THEN ($15::text[])[dfi] WHEN female THEN ($7::text[])[ffi] ELSE ($9::text[])[mfi] END AS ffirst,
                        CASE WHEN german THEN ($16::text[])[dli] WHEN female THEN ($12::text[])[li] ELSE ($10::text[])[li] END AS last_name,
                        CASE WHEN german THEN ($17::text[])[dli] WHEN female THEN ($13::text[])[li] ELSE ($11::text[])[li] END AS flast,
                        ($18::text[])[ti] AS title, ($19::text[])[ti] AS title_folded,
                        CASE WHEN german THEN '+49151' || (10000000 + ${R('i', 45)} % 90000000)
                             ELSE '+420' || ${pick('i', '$21::text[]', 46)} || (100000 + ${R('i', 47)} % 900000) END AS phone,
                        CASE WHEN german THEN 'DE' ELSE 'CZ' END AS country,
                        ($20::text[])[ci] AS city, ($23::text[])[ci] AS fcity
                   FROM (
                     SELECT i, 1 + (i - 1) % $1::int AS g, i % 20 = 0 AS no_account,
                            ${R('i', 30)} % 100 < 15 AS german, ${R('i', 31)} % 2 = 0 AS female,
                            1 + ${R('i', 32)} % cardinality($6::text[]) AS ffi,
                            1 + ${R('i', 33)} % cardinality($8::text[]) AS mfi,
                            1 + ${R('i', 34)} % cardinality($10::text[]) AS li,
                            1 + ${R('i', 35)} % cardinality($14::text[]) AS dfi,
                            1 + ${R('i', 36)} % cardinality($16::text[]) AS dli,
                            1 + ${R('i', 37)} % cardinality($18::text[]) AS ti,
                            1 + ${R('i', 38)} % cardinality($20::text[]) AS ci
                       FROM generate_series(1, $5::int) AS i
                   ) AS picks
               ) AS named
           ) AS full_row`,
        [
          opts.accounts,
          baseMs,
          stepMs,
          ownerIds,
          opts.contacts,
          FIRST_F,
          folded(FIRST_F),
          FIRST_M,
          folded(FIRST_M),
          SURNAMES,
          folded(SURNAMES),
          FEMININE,
          folded(FEMININE),
          DE_FIRST,
          folded(DE_FIRST),
          DE_LAST,
          folded(DE_LAST),
          TITLES,
          folded(TITLES),
          CZ_CITIES.map((c) => c[0]),
          MOBILE,
          MAIL_DOMAINS,
          folded(CZ_CITIES.map((c) => c[0])),
        ],
      ),
    );

    await timed('stream', () =>
      client.query(
        `INSERT INTO stream_entries (id, entity_type, entity_id, type, actor_id, data, created_at)
         SELECT gen_random_uuid(), 'account', id, 'create', owner_id, jsonb_build_object('name', name), created_at FROM accounts
         UNION ALL
         SELECT gen_random_uuid(), 'contact', id, 'create', owner_id, jsonb_build_object('lastName', last_name), created_at FROM contacts`,
      ),
    );

    await timed('indexes', async () => {
      for (const ix of indexes) await client.query(ix.indexdef);
    });
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  await timed('analyze', () => database.pool.query('ANALYZE accounts; ANALYZE contacts; ANALYZE stream_entries; ANALYZE users'));
  const { rows } = await database.pool.query<{ a: number; c: number; s: number }>(
    'SELECT (SELECT count(*) FROM accounts)::int AS a, (SELECT count(*) FROM contacts)::int AS c, (SELECT count(*) FROM stream_entries)::int AS s',
  );
  const counts = rows[0] as { a: number; c: number; s: number };
  return { accounts: counts.a, contacts: counts.c, streamEntries: counts.s, seconds };
}
