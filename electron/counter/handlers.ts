// The `draft` and `catalogue` groups of the IPC contract, over the stores in this folder.
import type { RequestHandlers } from '../../shared/contract';
import type { CatalogueStore } from './catalogue-store';
import type { DraftStore } from './draft-store';
import type { OrderHistory } from './order-history';
import type { ClusterConfigResult } from '../cluster/cluster-config';
import { appError, type AppError } from '../../shared/error-codes';
import { readBackOrder } from './topic-readback';

export function createCounterHandlers(deps: {
  drafts: DraftStore;
  catalogue: CatalogueStore;
  history: OrderHistory;
  /** The topic orders go to and how to reach its cluster now. */
  cluster(): { config: ClusterConfigResult; topic: string };
  /** The topic a delivered order went to, and whether on the other cluster (OutboxStore.deliveredTopic). */
  deliveredTopic(orderId: string): { topic: string; otherCluster: boolean } | null;
  /** Whether an order of this submission was saved (in the outbox, the history, voided, or held for review). */
  submitted(submissionId: string): boolean;
  /** A window took the order form: the others are told. */
  onClaimed(windowId: string): void;
}): Pick<RequestHandlers, 'draft' | 'catalogue' | 'history'> {
  // The window typing the terminal's one kept order. Two tabs wrote over each other's draft: a
  // reload brought back the other tab's order, or none. Held in memory: after a restart of the
  // service process the first window to write takes it again, and any other is then refused.
  let owner: string | null = null;
  const mayWrite = (windowId: string): AppError | null => {
    owner ??= windowId;
    return owner === windowId ? null : appError('draft.otherWindow');
  };
  return {
    history: {
      async search(input) {
        return { ok: true, value: deps.history.search(input) };
      },
      async findOnTopic({ orderId }) {
        const r = deps.history.byOrderId(orderId);
        if (!r) return { ok: false, error: appError('order.notFound', { orderId }) };
        if (r.state !== 'delivered' || r.partition === null || r.offset === null)
          return { ok: true, value: { record: null, problem: 'notDelivered', detail: r.state } };
        const went = deps.deliveredTopic(orderId);
        // Delivered to the practice cluster while the app sends to the store's (or back): the
        // cluster it would read never had it.
        if (went?.otherCluster)
          return { ok: true, value: { record: null, problem: 'otherCluster', detail: went.topic } };
        const { config, topic } = deps.cluster();
        if (!config.ok) return { ok: false, error: config.problem };
        const found = await readBackOrder(config.config, {
          // Where it went, not where orders go now: Settings may have changed the topic since.
          topic: went?.topic ?? topic,
          partition: r.partition,
          offset: Number(r.offset),
          orderId,
        });
        return {
          ok: true,
          value: found.found
            ? { record: found.record, problem: null, detail: '' }
            : { record: null, problem: found.reason, detail: found.detail },
        };
      },
    },
    draft: {
      // A draft whose order was saved is that order, not one still to enter: a reload in the moment
      // after Submit (before the form's clearing reached the disk, or with the last keystroke
      // sent as the page went) brought the saved order back into the form, ready to be changed
      // and saved again as another.
      async get() {
        const draft = deps.drafts.get();
        return { ok: true, value: draft && deps.submitted(draft.submissionId) ? null : draft };
      },
      async claim({ windowId }) {
        owner = windowId;
        deps.onClaimed(windowId);
        return { ok: true, value: { claimed: true } };
      },
      async save({ windowId, draft }) {
        const refused = mayWrite(windowId);
        if (refused) return { ok: false, error: refused };
        return kept(() => deps.drafts.save(draft && deps.submitted(draft.submissionId) ? null : draft));
      },
      async getAside() {
        return { ok: true, value: deps.drafts.getAside().filter((d) => !deps.submitted(d.submissionId)) };
      },
      async saveAside({ windowId, drafts }) {
        const refused = mayWrite(windowId);
        if (refused) return { ok: false, error: refused };
        return kept(() => deps.drafts.saveAside(drafts.filter((d) => !deps.submitted(d.submissionId))));
      },
    },
    catalogue: {
      async list() {
        return { ok: true, value: deps.catalogue.list() };
      },
      async importCsv({ csv }) {
        return { ok: true, value: deps.catalogue.importCsv(csv) };
      },
      async save({ product, previousSku }) {
        return deps.catalogue.save(product, previousSku);
      },
      async remove({ sku }) {
        return deps.catalogue.remove(sku);
      },
    },
  };
}

/**
 * A draft written to the data directory, or why not (a full disk, a read-only or missing
 * directory): the form says so to the clerk and writes it again, so the error is an answer, not
 * an `internal` failure.
 */
function kept(write: () => void): { ok: true; value: { saved: true } } | { ok: false; error: AppError } {
  try {
    write();
    return { ok: true, value: { saved: true } };
  } catch (e) {
    return { ok: false, error: appError('draft.storeFailed', { detail: e instanceof Error ? e.message : String(e) }) };
  }
}
