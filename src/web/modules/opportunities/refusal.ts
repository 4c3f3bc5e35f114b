import type { TFunction } from 'i18next';
import { isApiError } from '../../app/api/client.js';
import './i18n.js';

/**
 * The sentence a person reads when a stage gate refuses a move or a close (422 `invalid_transition`). The API's
 * `message` is written for API clients (it names endpoints such as `POST …/approval-request`); the `details` carry
 * the gate (`approval`, `plan`, `checklist`, `closed_stage`) and the stage, so the UI says it in the user's language.
 * Anything else falls back to the server's message. Takes the `t` of the `opportunities` namespace.
 */
export function refusalMessage(t: TFunction<'opportunities'>, error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  const detail = error.details.find((d) => 'gate' in d) as Record<string, unknown> | undefined;
  const stage = typeof detail?.stage === 'string' ? detail.stage : '—';
  switch (detail?.gate) {
    case 'approval': {
      const status =
        detail.approvalStatus === 'requested' || detail.approvalStatus === 'rejected' ? detail.approvalStatus : 'none';
      return t(`refusal.approval.${status}`, { stage });
    }
    case 'plan':
      return t('refusal.plan', { stage, count: typeof detail.openItems === 'number' ? detail.openItems : 1 });
    case 'checklist': {
      const open: unknown[] = Array.isArray(detail.openItems) ? detail.openItems : [];
      const items = open.map((item) => t('refusal.item', { item: String(item) })).join(', ');
      return t('refusal.checklist', { stage, items });
    }
    case 'closed_stage':
      return t(`refusal.closedStage.${detail.kind === 'lost' ? 'lost' : 'won'}`, { stage });
    default:
      return error.message;
  }
}
