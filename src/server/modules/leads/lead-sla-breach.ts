import { sql } from 'kysely';
import { leadName } from '../../../domain/leads/lead.schema.js';
import { notificationTitles } from '../../../domain/notifications/messages.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { notify, recordLink } from '../notifications/notify.js';

/**
 * The first-contact SLA watch (issue 3/5): a lead still waiting for its first contact after `first_contact_due_at`
 * notifies its owner and the lead of its team — once per lead (`sla_notified_at`). Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several app nodes running the check never notify twice. Returns how many leads breached.
 */
export async function checkLeadSlaBreaches(db: Db, opts: { limit?: number } = {}): Promise<number> {
  return inTransaction(db, async (tx) => {
    const at = now();
    const leads = await sql<{
      id: string;
      firstName: string | null;
      lastName: string | null;
      company: string | null;
      email: string | null;
      ownerId: string | null;
      teamId: string | null;
      firstContactDueAt: Date;
    }>`
      SELECT id, first_name, last_name, company, email, owner_id, team_id, first_contact_due_at FROM leads
      WHERE deleted_at IS NULL AND first_contacted_at IS NULL AND sla_notified_at IS NULL
        AND status IN ('new', 'assigned', 'in_process') AND first_contact_due_at <= ${at}
      ORDER BY first_contact_due_at LIMIT ${opts.limit ?? 200}
      FOR UPDATE SKIP LOCKED`.execute(tx);
    if (leads.rows.length === 0) return 0;
    for (const lead of leads.rows) {
      const recipients = new Set<string>();
      if (lead.ownerId) recipients.add(lead.ownerId);
      for (const teamLead of await teamLeadsOf(tx, lead)) recipients.add(teamLead);
      const name = leadName(lead);
      await notify(
        tx,
        [...recipients].map((userId) => ({
          userId,
          type: 'sla_breach' as const,
          title: (locale: string) => notificationTitles.slaBreach(locale, name),
          body: `due ${lead.firstContactDueAt.toISOString()}`,
          link: recordLink('lead', lead.id),
          entity: { type: 'lead', id: lead.id },
          actorId: null,
          dedupeKey: `sla_breach:${lead.id}`,
        })),
      );
    }
    await tx
      .updateTable('leads')
      .set({ slaNotifiedAt: at })
      .where(
        'id',
        'in',
        leads.rows.map((l) => l.id),
      )
      .execute();
    return leads.rows.length;
  });
}

/** The lead of the lead's queue team; for a lead without a team, the leads of the owner's teams. */
async function teamLeadsOf(conn: Conn, lead: { teamId: string | null; ownerId: string | null }): Promise<string[]> {
  let q = conn.selectFrom('teams as t').select('t.leadId').where('t.leadId', 'is not', null);
  if (lead.teamId) q = q.where('t.id', '=', lead.teamId);
  else if (lead.ownerId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('teamMembers as m')
          .select('m.userId')
          .whereRef('m.teamId', '=', 't.id')
          .where('m.userId', '=', lead.ownerId as string),
      ),
    );
  else return [];
  return (await q.execute()).map((t) => t.leadId as string);
}
