// The order form: keyboard-first (Enter → next field, Ctrl+Enter submits; every shortcut is in
// shell/shortcuts.ts) and honest: "Saved" appears only after main has the order in its durable
// outbox. Nothing typed is lost by a key: Esc on a filled order asks first and can be undone,
// and the draft is kept on the terminal while it is typed (a reload or a crash keeps it).
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ORDER_LIMITS, PAYMENT_METHODS, phoneAsShown, type PaymentMethod } from '../../shared/order-schema';
import type { AppError } from '../../shared/error-codes';
import { CATALOGUE_CURRENCY, type CounterDraft, type Product } from '../../shared/counter-types';
import { changeDue } from '../../shared/vat';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { useAppStore } from '../store/app-store';
import { formatMoney } from '../outbox/format';
import { quickKeys, useCatalogue } from '../catalogue/catalogue-store';
import { BarcodeWedge } from '../catalogue/barcode-wedge';
import { isCtrlEnter } from '../shell/submit-keys';
import { focusBack, focusedNow, focusFirstField } from '../shell/screen-focus';
import { QuickKeys } from '../catalogue/QuickKeys';
import {
  addProduct,
  withFreeLineAfter,
  emptyForm,
  atCatalogPrices,
  inCatalogueCurrency,
  emptyLine,
  isBlankLine,
  fieldId,
  formTotal,
  fromDraft,
  isEmptyForm,
  lineSubtotal,
  parseNumber,
  parseQuantity,
  productBySku,
  stepQuantity,
  tenderedError,
  toCounterDraft,
  validateForm,
  type DraftForm,
  type FieldErrors,
  type LineForm,
} from './draft-form';
import { FieldsNeedAttention, TextField } from './fields';
import { useFormOwner, WINDOW_ID } from './form-owner';
import { DraftAutosave } from './draft-autosave';
import { fromKept, useKeptAside, type AsideOrder } from './kept-aside';
import { useCheckedOrder } from './checked-order';
import type { RiskAssessment, RiskSubmit } from '../../shared/risk-types';
import { RiskFlagList } from '../review/RiskFlags';
import { newSubmissionId, shortOrderId } from '../../shared/order-ids';

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; orderId: string; risk?: RiskSubmit }
  /** The risk checks flagged the draft: shown before it leaves the screen; submitting again unchanged sends it. */
  | { kind: 'flagged'; assessment: RiskAssessment; draftKey: string }
  /**
   * Submit found fields wrong: the status counts those still wrong (FieldsNeedAttention), the one
   * sentence a screen reader says for them all.
   */
  | { kind: 'invalid' }
  | { kind: 'error'; error: AppError }
  | {
      kind: 'info';
      key:
        | 'form.noPrevious'
        | 'form.previousVoided'
        | 'form.repeated'
        | 'form.repeatedRepriced'
        | 'form.lineLimit'
        | 'form.quantityLimit'
        | 'form.quantityBounds'
        | 'form.quantityNotStepped'
        | 'form.quickKeyEmpty'
        | 'form.nothingToSubmit'
        | 'form.removeLineWhere'
        | 'form.removeLineLast'
        | 'form.addLineBlank'
        | 'form.keptAsTyped'
        | 'form.catalogueCurrency';
      params?: Record<string, string | number>;
    }
  | { kind: 'added'; name: string }
  | { kind: 'cleared' };

/** The notes a key that changed nothing leaves: they go when the order next changes. */
const SAID_OF_A_KEY: ReadonlySet<string> = new Set([
  'form.quantityBounds',
  'form.quantityNotStepped',
  'form.quickKeyEmpty',
  'form.removeLineWhere',
  'form.removeLineLast',
  'form.addLineBlank',
  'form.keptAsTyped',
]);

/** How long after the last keystroke the draft is written to the terminal. */
const DRAFT_SAVE_MS = 200;

/** The index of the order line the cursor is in (its fields' data-field is lines.N.…), or null. */
function lineWithCursor(): number | null {
  const m = /^lines\.(\d+)\./.exec((document.activeElement as HTMLElement | null)?.dataset?.field ?? '');
  return m ? Number(m[1]) : null;
}

/** Why a catalogue product's price was not put into an order of another currency. */
const catalogueCurrencyStatus = (form: DraftForm): Status => ({
  kind: 'info',
  key: 'form.catalogueCurrency',
  params: { catalogue: CATALOGUE_CURRENCY, currency: form.currency.trim().toUpperCase() || '—' },
});

/**
 * Whether this page has read the kept draft once (a reload starts again). Only the order found
 * then is news: one typed on this page and found again on coming back from another screen is
 * not (the form said "typed before is back" and selected the name after a look at Orders).
 */
let draftReadOnPage = false;

/**
 * What was typed before the kept draft's answer came, when the form went away first (Alt+4 while
 * a busy service process had not answered yet): changes are written back only once the kept
 * draft is in, so it was not on the terminal, and the form came back empty (a CI run of f9a4ff6
 * lost "Kim Minji" so). Held here for the form's return, which then asks for the kept draft anew.
 */
let typedBeforeDraft: { form: DraftForm; submissionId: string } | null = null;

export function OrderForm() {
  const { t, err, lang } = useT();
  const [form, setForm] = useState<DraftForm>(() => typedBeforeDraft?.form ?? emptyForm());
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [confirmClear, setConfirmClear] = useState(false);
  // What Esc cleared, for Undo (Ctrl+Z or the button) until the next order is started.
  const [undo, setUndo] = useState<{ form: DraftForm; submissionId: string } | null>(null);
  // One id per order being entered, kept across failed submits: if a submit's answer was lost
  // but main had saved the order, submitting again returns that order instead of a second one.
  const [submissionId, setSubmissionId] = useState<string>(() => typedBeforeDraft?.submissionId ?? newSubmissionId());
  const submissionNow = useRef(submissionId);
  submissionNow.current = submissionId;
  // After the first submit attempt, errors follow the clerk's corrections as they type, and are
  // there again for the kept draft when the form comes back from another screen.
  const checked = useCheckedOrder((s) => s.submissionId) === submissionId;
  const setChecked = (on: boolean, id = submissionId) => useCheckedOrder.getState().set(on ? id : null);
  const errors = useMemo<FieldErrors>(() => {
    if (!checked) return {};
    const v = validateForm(form);
    return v.ok ? {} : v.errors;
  }, [checked, form]);
  const [draftLoaded, setDraftLoaded] = useState(false);
  // The order typed before a reload or a restart came back into the form: said until it is
  // submitted or cleared, so the clerk checks it rather than types a new customer over it.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    if (isEmptyForm(form)) setRestored(false);
  }, [form]);
  // A kept draft whose answer came after the clerk had started typing: neither is thrown away.
  // The typed order stays in the form; this one waits beside it until the clerk opens or
  // discards it (opening puts the typed one aside in its place).
  const aside = useKeptAside((s) => s.aside);
  const asideSaved = useKeptAside((s) => s.saved);
  const asideFailure = useKeptAside((s) => s.failure);
  const [draftSaved, setDraftSaved] = useState(true);
  const [draftFailure, setDraftFailure] = useState<AppError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useRef<string | null>(null);
  const upsertOrder = useAppStore((s) => s.upsertOrder);
  const settingsTopic = useAppStore((s) => s.settings?.risk.reviewTopic ?? '');
  const products = useCatalogue((s) => s.products);
  const bySku = useCatalogue((s) => s.bySku);
  const byBarcode = useCatalogue((s) => s.byBarcode);
  // The latest form for the window-level barcode listener, which outlives renders.
  const formNow = useRef(form);
  formNow.current = form;

  // The draft kept on the terminal comes back first; only then are changes written back.
  useEffect(() => {
    let live = true;
    let loaded = false;
    void Promise.all([api.draft.get(), api.draft.getAside()]).then(([r, a]) => {
      if (!live) return;
      loaded = true;
      typedBeforeDraft = null;
      const firstRead = !draftReadOnPage;
      draftReadOnPage = true;
      if (a.ok) useKeptAside.getState().load(a.value);
      if (r.ok && r.value) {
        const kept = fromKept(r.value);
        if (isEmptyForm(formNow.current)) {
          setForm(kept.form);
          setSubmissionId(kept.submissionId);
          if (firstRead) {
            setRestored(true);
            // The first field had the cursor before its text came back, so typing went on after
            // the kept name ("John Smith" + "김민지"): the clerk's first keystroke replaces it.
            focusAfterRender.current = fieldId('customerName');
          }
        } else useKeptAside.getState().add(kept);
      }
      setDraftLoaded(true);
      // A clerk who has already started typing keeps the field they are in: the answer can come
      // back mid-word when the service process is busy.
      if (!formRef.current?.contains(document.activeElement) && !focusAfterRender.current) firstRef.current?.focus();
    });
    void useCatalogue.getState().load();
    return () => {
      live = false;
      if (!loaded && !isEmptyForm(formNow.current))
        typedBeforeDraft = { form: formNow.current, submissionId: submissionNow.current };
    };
  }, []);
  const [autosave] = useState(
    () =>
      new DraftAutosave<CounterDraft | null>(
        async (draft) => {
          const r = await api.draft.save({ windowId: WINDOW_ID, draft });
          if (!r.ok && r.error.code === 'draft.otherWindow') useFormOwner.getState().refused();
          return r;
        },
        (saved, failure) => {
          setDraftSaved(saved);
          setDraftFailure(failure);
        },
        DRAFT_SAVE_MS,
      ),
  );
  useEffect(() => {
    if (!draftLoaded) return;
    autosave.change(isEmptyForm(form) ? null : toCounterDraft(form, submissionId));
  }, [autosave, form, submissionId, draftLoaded]);
  // The form going away within the moment after a keystroke (a reload, a closed window, another
  // screen) sends that change at once, so the form finds it when it comes back.
  useEffect(() => {
    const flush = () => autosave.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      autosave.close();
    };
  }, [autosave]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    const el = document.getElementById(focusAfterRender.current);
    el?.focus();
    // Focusing the field that already has the cursor selects nothing by itself.
    if (el instanceof HTMLInputElement) el.select();
    focusAfterRender.current = null;
  });
  useEffect(() => {
    if (confirmClear) keepRef.current?.focus();
  }, [confirmClear]);
  // Submit is disabled while the order is saving, and a disabled button loses the focus to the
  // page: a clerk who pressed it from the keyboard and met a flag or an error had to Tab from the
  // top again. It gets the focus back then; a saved order puts it in the next customer's name.
  const focusedBeforeSave = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (status.kind === 'saving') return;
    focusBack(focusedBeforeSave.current);
    focusedBeforeSave.current = null;
  }, [status.kind]);

  // From Submit until its answer the form holds the order being sent: a change made then would be
  // in neither that order nor the form (which empties once the order is saved), so none is taken.
  const submitting = useRef(false);
  const update = (next: DraftForm) => {
    if (submitting.current) return;
    setForm(next);
    if (undo && !isEmptyForm(next)) setUndo(null);
    // What a key that changed nothing said was about that moment: once the clerk changes the
    // order (Alt+L, typing), "A line’s quantity is 1 to 999" no longer stood under another line.
    setStatus((s) => (s.kind === 'info' && SAID_OF_A_KEY.has(s.key) ? { kind: 'idle' } : s));
  };
  const setField = <K extends keyof DraftForm>(key: K, value: DraftForm[K]) => update({ ...form, [key]: value });
  const setLine = (index: number, patch: Partial<LineForm>) =>
    update({ ...form, lines: form.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) });

  /** A SKU or product name that matches the catalogue fills the rest of the line. */
  const setLineFromCatalogue = (index: number, patch: Partial<LineForm>, product: Product | undefined) => {
    const line = form.lines[index];
    if (!product) return setLine(index, patch);
    const priceUntouched = line.unitPrice.trim() === '' || parseNumber(line.unitPrice) === line.catalogPrice;
    if (!inCatalogueCurrency(form)) {
      // The product, not its price: the clerk types the price in the order's currency.
      setStatus(catalogueCurrencyStatus(form));
      return setLine(index, { ...patch, sku: product.sku, productName: product.name });
    }
    setLine(index, {
      ...patch,
      sku: product.sku,
      productName: product.name,
      // The catalogue's price is this product's whatever was typed: a price typed before stays,
      // shown as changed from it.
      catalogPrice: product.price,
      ...(priceUntouched ? { unitPrice: String(product.price) } : {}),
    });
  };

  /**
   * Puts another order in the form (an empty one, one opened from beside it, or a repeat), with
   * `undoTo` as what Ctrl+Z brings back instead.
   */
  const startOrder = (next: AsideOrder, undoTo: AsideOrder | null, nextStatus: Status) => {
    // Esc's question was about the order this one replaces: left up, the next Esc cleared this
    // one at once, unasked.
    setConfirmClear(false);
    setUndo(undoTo);
    setSubmissionId(next.submissionId);
    setForm(next.form);
    setChecked(false);
    setStatus(nextStatus);
    firstRef.current?.focus();
  };
  const clear = () => {
    if (submitting.current) return;
    const empty = isEmptyForm(form);
    startOrder(
      { form: emptyForm(), submissionId: newSubmissionId() },
      empty ? undo : { form, submissionId },
      empty ? { kind: 'idle' } : { kind: 'cleared' },
    );
  };
  const undoClear = () => {
    if (!undo) return;
    setConfirmClear(false);
    setForm(undo.form);
    setSubmissionId(undo.submissionId);
    setUndo(null);
    setStatus({ kind: 'idle' });
    firstRef.current?.focus();
  };
  const openAside = (i: number) => {
    if (submitting.current) return;
    const opened = aside[i];
    if (!opened) return;
    useKeptAside.getState().replace(i, isEmptyForm(form) ? null : { form, submissionId });
    // Another order is started: Undo would replace it with the one Esc cleared.
    startOrder(opened, null, { kind: 'idle' });
  };
  // Where Esc was pressed: "Keep typing" goes back there. The question's buttons leave the page
  // as it closes, and the focus with them: what the clerk typed next went nowhere, Esc included.
  // The caret (a field keeps it while unfocused) is put back, since a field selects all as it
  // takes the focus.
  const askedFrom = useRef<HTMLElement | null>(null);
  const askClear = () => {
    if (submitting.current) return;
    if (isEmptyForm(form)) return clear();
    askedFrom.current = focusedNow();
    setConfirmClear(true);
  };
  const keepTyping = () => {
    setConfirmClear(false);
    const el = askedFrom.current;
    if (!el?.isConnected || el === keepRef.current) return firstRef.current?.focus();
    const field = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;
    const [start, end] = [field?.selectionStart ?? null, field?.selectionEnd ?? null];
    el.focus();
    if (field && start !== null && end !== null) field.setSelectionRange(start, end);
  };

  // Letters typed on in the field Submit was pressed from, while the order saves: the clerk has
  // started on the next customer without looking up. Refused like any change (the form holds the
  // order being sent), they went nowhere ("김민수" became "민수" on the next order); they now
  // start the next customer's name. Typed after moving to another field, they were meant for the
  // order being sent and stay refused; with a flag or an error the order stays and so do they.
  const typedAhead = useRef('');
  useEffect(() => {
    const el = formRef.current;
    if (!el) return;
    const take = (e: Event) => {
      if (!submitting.current || e.target !== focusedBeforeSave.current) return;
      if (e instanceof InputEvent) {
        if (e.inputType !== 'insertText' || !e.data) return;
        e.preventDefault();
        typedAhead.current += e.data;
      } else if (e instanceof CompositionEvent && e.data) typedAhead.current += e.data;
    };
    el.addEventListener('beforeinput', take);
    el.addEventListener('compositionend', take);
    return () => {
      el.removeEventListener('beforeinput', take);
      el.removeEventListener('compositionend', take);
    };
  }, []);

  const submit = async () => {
    if (submitting.current) return;
    submitting.current = true;
    focusedBeforeSave.current = focusedNow();
    typedAhead.current = '';
    try {
      await send();
    } finally {
      submitting.current = false;
    }
  };
  const send = async () => {
    // Ctrl+Enter again on the empty form a save left: "5 fields need attention" in place of
    // "Saved" read as the order having failed, and the clerk typed it again.
    if (status.kind === 'saved' && isEmptyForm(form))
      return setStatus({ kind: 'info', key: 'form.nothingToSubmit', params: { id: shortOrderId(status.orderId) } });
    const v = validateForm(form);
    setChecked(true);
    if (!v.ok) {
      setStatus({ kind: 'invalid' });
      focusFirstField(Object.keys(v.errors).map(fieldId));
      return;
    }
    // At once, before the checks: the last order's "Saved" stayed on the screen while they ran,
    // and a clerk who took it for this one's typed the next customer into a form that is sending.
    setStatus({ kind: 'saving' });
    // The risk checks first, nothing saved: flags are shown while the order is still on the
    // screen, so a typo can be fixed. The same draft submitted again goes as it is; a check
    // that cannot answer never blocks the order.
    const draftKey = JSON.stringify(v.draft);
    if (!(status.kind === 'flagged' && status.draftKey === draftKey)) {
      const checked = await api.risk.check({ ...v.draft, submissionId });
      if (checked.ok && checked.value.flags.length > 0) {
        setStatus({ kind: 'flagged', assessment: checked.value, draftKey });
        return;
      }
    }
    const result = await api.orders.submit({ ...v.draft, submissionId });
    if (!result.ok) {
      // The form was saved once as it was, and changed since: the error says so, and submitting
      // again is the clerk's choice of saving it as another order.
      if (result.error.code === 'order.changedSinceSaved') {
        const next = newSubmissionId();
        setSubmissionId(next);
        // Still the order the clerk submitted: its errors go on following the corrections.
        setChecked(true, next);
      }
      setStatus({ kind: 'error', error: result.error });
      return;
    }
    const { risk, ...record } = result.value;
    // A held or routed order is not in the outbox: the Review screen shows it.
    if (!risk?.outcome || risk.outcome === 'sent') upsertOrder(record);
    setSubmissionId(newSubmissionId());
    setForm({ ...emptyForm(), customerName: typedAhead.current });
    setUndo(null);
    // Esc's question, if the clerk saved instead, goes with the order: over the next customer's,
    // one Esc cleared it unasked.
    setConfirmClear(false);
    setChecked(false);
    setStatus({ kind: 'saved', orderId: result.value.order.orderId, ...(risk ? { risk } : {}) });
    firstRef.current?.focus();
  };

  const repeatLast = async () => {
    if (submitting.current) return;
    const result = await api.orders.lastDraft({ customerId: form.customerId.trim() || null });
    if (!result.ok) return setStatus({ kind: 'error', error: result.error });
    if (!result.value) return setStatus({ kind: 'info', key: 'form.noPrevious' });
    // Voided orders are passed over; when they were all there was, the newest is named.
    if ('voidedOrderId' in result.value)
      return setStatus({
        kind: 'info',
        key: 'form.previousVoided',
        params: { id: shortOrderId(result.value.voidedOrderId) },
      });
    // What was typed is replaced: Undo (Ctrl+Z or the button) brings it back, as after Esc. A
    // cleared order's Undo ends here, as with any other order started.
    const repeated = atCatalogPrices(fromDraft(result.value), bySku);
    startOrder(
      { form: repeated.form, submissionId: newSubmissionId() },
      isEmptyForm(form) ? null : { form, submissionId },
      repeated.changed > 0
        ? { kind: 'info', key: 'form.repeatedRepriced', params: { count: repeated.changed } }
        : { kind: 'info', key: 'form.repeated' },
    );
  };

  /** Alt+L, Add line, and Enter on the last line's price. */
  const addLine = () => {
    const last = form.lines.length - 1;
    // A blank line after a blank last line was a blank line in the middle of the order (Enter on
    // the last price, then Alt+L; or Enter on a blank line's price). The empty one is where the
    // next product goes.
    if (isBlankLine(form.lines[last])) {
      focusAfterRender.current = fieldId(`lines.${last}.sku`);
      return setStatus({ kind: 'info', key: 'form.addLineBlank', params: { n: last + 1 } });
    }
    if (form.lines.length >= ORDER_LIMITS.linesMax) return setStatus({ kind: 'info', key: 'form.lineLimit' });
    focusAfterRender.current = fieldId(`lines.${form.lines.length}.sku`);
    update({ ...form, lines: [...form.lines, emptyLine()] });
  };
  const removeLine = (index: number) => {
    // Said: Alt+X on the only line did nothing, without a word.
    if (form.lines.length <= 1) return setStatus({ kind: 'info', key: 'form.removeLineLast' });
    focusAfterRender.current = fieldId(`lines.${Math.max(0, index - 1)}.sku`);
    update({ ...form, lines: form.lines.filter((_, i) => i !== index) });
  };

  const addFromCatalogue = (product: Product, base: DraftForm = form) => {
    if (submitting.current) return;
    if (!inCatalogueCurrency(base)) {
      setStatus(catalogueCurrencyStatus(base));
      if (base !== form) update(base);
      return;
    }
    const added = addProduct(base, product);
    if (!added) {
      // Which limit: the product's line at its most, or no line left for it (it said "either").
      const atMost = base.lines.some(
        (l) =>
          l.sku.trim().toUpperCase() === product.sku.toUpperCase() &&
          parseQuantity(l.quantity) >= ORDER_LIMITS.quantityMax,
      );
      setStatus(
        atMost
          ? { kind: 'info', key: 'form.quantityLimit', params: { name: product.name, max: ORDER_LIMITS.quantityMax } }
          : { kind: 'info', key: 'form.lineLimit' },
      );
      if (base !== form) update(base);
      return;
    }
    // With the cursor on a line, it moves to the quantity of a free line after the one added:
    // left in the filled line's SKU, the next "3, then the key" typed 3 onto that SKU (AMER-R3,
    // sent as such). Elsewhere (the customer, the note) the cursor and the lines stay as they are.
    if (lineWithCursor() !== null) {
      const next = withFreeLineAfter(added.form, added.line);
      focusAfterRender.current = fieldId(`lines.${next.free ?? added.line}.quantity`);
      update(next.form);
    } else update(added.form);
    setStatus({ kind: 'added', name: product.name });
  };

  // A barcode scanner types fast digits then Enter wherever the focus is: the digits it typed
  // into a field are taken back out (the form as it was before the burst) and the product added.
  // Digits no product has are no scan to act on but fast typing (a phone number from a quick
  // clerk or a test's script): they stay where they were typed, and Enter moves on as in any
  // field, or the number was lost and the next field's text went where it had been.
  const wedge = useRef(new BarcodeWedge());
  const beforeBurst = useRef<DraftForm>(form);
  /** False when no product has the code: the keys were typing, and the Enter is the field's. */
  const scanned = useRef<(code: string, base: DraftForm) => boolean>(() => false);
  scanned.current = (code, base) => {
    const product = byBarcode.get(code);
    if (!product) {
      setStatus({ kind: 'info', key: 'form.keptAsTyped', params: { code } });
      return false;
    }
    addFromCatalogue(product, base);
    return true;
  };
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const burst = wedge.current.key(e.key, e.timeStamp);
      // One digit pending: this key began a run (after a pause, a digit typed by hand before it
      // is no run of the scanner's), so the form before it is what a scan would go back to.
      if (wedge.current.pending.length === 1) beforeBurst.current = formNow.current;
      if (burst && scanned.current(burst.code, beforeBurst.current)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // Shortcuts that work anywhere on the order screen (the table is shell/shortcuts.ts).
  const shortcuts = useRef<(e: globalThis.KeyboardEvent) => void>(() => {});
  shortcuts.current = (e) => {
    if (e.isComposing) return;
    const fKey = /^F([2-9])$/.exec(e.key);
    if (fKey && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      const product = quickGrid[Number(fKey[1]) - 2];
      if (product) addFromCatalogue(product);
      else setStatus({ kind: 'info', key: 'form.quickKeyEmpty', params: { n: Number(fKey[1]) - 1, key: fKey[1] } });
      return;
    }
    if (e.ctrlKey && !e.altKey && e.key.toLowerCase() === 'z' && undo) {
      e.preventDefault();
      undoClear();
      return;
    }
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === 'l') {
      e.preventDefault();
      addLine();
    } else if (key === 'x') {
      const line = lineWithCursor();
      e.preventDefault();
      // Only the line with the cursor: from the note or the customer, "the last line" was a line
      // the clerk was not looking at, gone without a word.
      if (line !== null) removeLine(line);
      else setStatus({ kind: 'info', key: 'form.removeLineWhere' });
    } else if (key === 'r') {
      e.preventDefault();
      void repeatLast();
    }
  };
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => shortcuts.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    // A key that ends a Korean (or any IME) syllable belongs to the input method: taken here,
    // Enter moved on mid-syllable and the syllable landed in the next field. Its Enter still
    // must not submit the form.
    if (e.nativeEvent.isComposing) {
      if (e.key === 'Enter') e.preventDefault();
      return;
    }
    const target = e.target as HTMLElement;
    const path = target.dataset?.field ?? '';
    if (isCtrlEnter(e)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (confirmClear) clear();
      else askClear();
    } else if ((e.key === '+' || e.key === '-') && /^lines\.\d+\.quantity$/.test(path)) {
      e.preventDefault();
      const i = Number(path.split('.')[1]);
      const stepped = stepQuantity(form.lines[i].quantity, e.key === '+' ? 1 : -1);
      // A key that changes nothing says so, as it was silent.
      if ('quantity' in stepped) setLine(i, { quantity: stepped.quantity });
      else
        setStatus({
          kind: 'info',
          key: stepped.leftAsTyped === 'atLimit' ? 'form.quantityBounds' : 'form.quantityNotStepped',
          params: { min: ORDER_LIMITS.quantityMin, max: ORDER_LIMITS.quantityMax },
        });
    } else if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      if (!target.matches('[data-field]')) return; // buttons keep their own Enter
      // A scanner's digits may still be coming: its Enter is the window listener's.
      e.preventDefault();
      const last = form.lines.length - 1;
      if (path === `lines.${last}.unitPrice` && form.lines.length < ORDER_LIMITS.linesMax) {
        addLine();
        return;
      }
      const fields = Array.from(formRef.current?.querySelectorAll<HTMLElement>('[data-field]') ?? []);
      const next =
        fields[fields.indexOf(target) + 1] ?? formRef.current?.querySelector<HTMLElement>('button[type=submit]');
      next?.focus();
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  const total = useMemo(() => formTotal({ lines: form.lines, currency: form.currency }), [form.lines, form.currency]);
  const quickGrid = useMemo(() => quickKeys(products), [products]);

  const fieldError = (path: string) => (errors[path] ? err(errors[path]) : null);
  const currency = /^[A-Za-z]{3}$/.test(form.currency) ? form.currency.toUpperCase() : 'KRW';
  const money = (n: number) => formatMoney(n, currency, lang);
  const catalogueMoney = (n: number) => formatMoney(n, CATALOGUE_CURRENCY, lang);
  const settings = useAppStore((s) => s.settings);
  const tenderedProblem = tenderedError(form, total);
  const change = form.tendered.trim() === '' || tenderedProblem ? null : changeDue(total, parseNumber(form.tendered));
  const atLineLimit = form.lines.length >= ORDER_LIMITS.linesMax;
  // Only when there is something to lose: an empty form's write (the file removed) failing loses nothing.
  const notKept = (!isEmptyForm(form) && draftFailure) || (aside.length > 0 && asideFailure) || null;

  return (
    <form
      ref={formRef}
      className="order-form card"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby="order-form-title"
      data-draft={draftLoaded ? (draftSaved && asideSaved ? 'saved' : 'pending') : 'loading'}
    >
      <div className="card-head">
        <h1 id="order-form-title">{t('form.title')}</h1>
        {settings ? (
          <span className="muted small truncate">
            {settings.storeId} · {settings.terminalId} · {settings.clerk}
          </span>
        ) : null}
      </div>

      {restored ? (
        <p className="banner info" aria-live="polite" data-testid="draft-restored">
          {t('form.restored')}
        </p>
      ) : null}
      {notKept ? (
        // What is typed lives only in this window until the terminal keeps it: the clerk must know
        // before a reload or closing the app would take it.
        <div className="banner warn" role="alert" data-testid="draft-not-kept">
          {t('form.draftNotKept', { reason: err(notKept) })}
        </div>
      ) : null}

      <QuickKeys grid={quickGrid} onPick={(p) => addFromCatalogue(p)} money={catalogueMoney} />

      <fieldset className="section">
        <legend>{t('form.customer')}</legend>
        <div className="grid-3">
          <TextField
            inputRef={firstRef}
            data-autofocus
            path="customerName"
            label={t('form.customerName')}
            value={form.customerName}
            onValue={(v) => setField('customerName', v)}
            error={fieldError('customerName')}
            maxLength={ORDER_LIMITS.customerNameMax * 2}
          />
          <TextField
            path="customerId"
            label={t('form.customerId')}
            value={form.customerId}
            onValue={(v) => setField('customerId', v)}
            error={fieldError('customerId')}
            maxLength={ORDER_LIMITS.customerIdMax * 2}
          />
          <TextField
            path="phone"
            label={t('form.phone')}
            hint={t('form.optional')}
            value={form.phone}
            inputMode="tel"
            onValue={(v) => setField('phone', v)}
            // What will be saved, seen before Submit: 01077778888 becomes 010-7777-8888. Not the
            // clerk's change: what a key said ("Kept 01098765432 as typed") stays.
            onBlur={() => {
              if (submitting.current) return;
              setForm((f) => {
                const phone = phoneAsShown(f.phone);
                return phone === f.phone ? f : { ...f, phone };
              });
            }}
            error={fieldError('phone')}
            maxLength={ORDER_LIMITS.phoneMax * 2}
          />
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>
          {t('form.lines')}{' '}
          <span className="muted small">
            {t('form.lineCount', { n: form.lines.length, max: ORDER_LIMITS.linesMax })}
          </span>
        </legend>
        <datalist id="catalogue-skus">
          {products.map((p) => (
            <option key={p.sku} value={p.sku}>
              {p.name}
            </option>
          ))}
        </datalist>
        <datalist id="catalogue-names">
          {products.map((p) => (
            <option key={p.sku} value={p.name} />
          ))}
        </datalist>
        <div className="lines" role="list">
          {form.lines.map((line, i) => {
            const price = parseNumber(line.unitPrice);
            const overridden =
              line.catalogPrice !== null &&
              line.catalogPrice !== undefined &&
              Number.isFinite(price) &&
              price !== line.catalogPrice;
            return (
              <div className="line-row" role="listitem" key={line.key} aria-label={t('form.line', { n: i + 1 })}>
                <span className="line-no" aria-hidden>
                  {i + 1}
                </span>
                <TextField
                  path={`lines.${i}.sku`}
                  label={t('form.sku')}
                  hideLabel={i > 0}
                  value={line.sku}
                  list="catalogue-skus"
                  onValue={(v) => {
                    const product = productBySku(bySku, v);
                    // Another SKU is no longer the catalogue's product: its "changed (catalogue ₩4,500)"
                    // stayed beside a price that was never that product's.
                    setLineFromCatalogue(i, product ? { sku: v } : { sku: v, catalogPrice: null }, product);
                  }}
                  error={fieldError(`lines.${i}.sku`)}
                  className="col-sku"
                />
                <TextField
                  path={`lines.${i}.productName`}
                  label={t('form.product')}
                  hideLabel={i > 0}
                  value={line.productName}
                  list="catalogue-names"
                  title={line.productName || undefined}
                  onValue={(v) =>
                    setLineFromCatalogue(
                      i,
                      { productName: v },
                      products.find((p) => p.name === v.trim()),
                    )
                  }
                  error={fieldError(`lines.${i}.productName`)}
                  className="col-product"
                />
                <TextField
                  path={`lines.${i}.quantity`}
                  label={t('form.quantity')}
                  hideLabel={i > 0}
                  value={line.quantity}
                  inputMode="numeric"
                  onValue={(v) => setLine(i, { quantity: v })}
                  error={fieldError(`lines.${i}.quantity`)}
                  className="col-qty num"
                />
                <TextField
                  path={`lines.${i}.unitPrice`}
                  label={t('form.unitPrice')}
                  hideLabel={i > 0}
                  value={line.unitPrice}
                  inputMode="decimal"
                  onValue={(v) => setLine(i, { unitPrice: v })}
                  error={fieldError(`lines.${i}.unitPrice`)}
                  note={
                    overridden ? (
                      <span className="override" data-testid={`price-override-${i}`}>
                        {t('form.priceOverride', { price: catalogueMoney(line.catalogPrice!) })}
                      </span>
                    ) : undefined
                  }
                  className="col-price num"
                />
                <div className="field col-subtotal num">
                  <div className={i > 0 ? 'sr-only' : 'field-label'}>{t('form.subtotal')}</div>
                  <span className="subtotal" data-testid={`line-subtotal-${i}`}>
                    {(() => {
                      const sub = lineSubtotal(line, form.currency);
                      return sub === null ? '—' : money(sub);
                    })()}
                  </span>
                </div>
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => removeLine(i)}
                  disabled={form.lines.length <= 1}
                  aria-label={t('form.removeLine', { n: i + 1 })}
                  title={`${t('form.removeLine', { n: i + 1 })} (Alt+X)`}
                >
                  ×
                </button>
              </div>
            );
          })}
        </div>
        {errors.lines ? <div className="field-error">{err(errors.lines)}</div> : null}
        <div className="add-line">
          <button
            type="button"
            className="button secondary"
            onClick={addLine}
            disabled={atLineLimit}
            aria-describedby={atLineLimit ? 'line-limit' : undefined}
            title="Alt+L"
          >
            + {t('form.addLine')}
          </button>
          {atLineLimit ? (
            <span id="line-limit" className="muted small">
              {t('form.lineLimit', { max: ORDER_LIMITS.linesMax })}
            </span>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>{t('form.payment')}</legend>
        <div className="grid-payment">
          <TextField
            path="currency"
            label={t('form.currency')}
            value={form.currency}
            maxLength={3}
            className="col-currency"
            onValue={(v) => setField('currency', v.toUpperCase())}
            error={fieldError('currency')}
          />
          <div className={`field ${errors.paymentMethod ? 'has-error' : ''}`}>
            <div className="field-label">
              <label htmlFor={fieldId('paymentMethod')}>{t('form.paymentMethod')}</label>
            </div>
            <select
              id={fieldId('paymentMethod')}
              data-field="paymentMethod"
              value={form.paymentMethod}
              onChange={(ev) => setField('paymentMethod', ev.target.value as PaymentMethod)}
              aria-invalid={errors.paymentMethod ? true : undefined}
              aria-describedby={errors.paymentMethod ? `${fieldId('paymentMethod')}-error` : undefined}
            >
              {PAYMENT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`form.pay.${m}`)}
                </option>
              ))}
            </select>
            <div className="field-error" id={`${fieldId('paymentMethod')}-error`}>
              {fieldError('paymentMethod') ?? ''}
            </div>
          </div>
          <TextField
            path="note"
            label={t('form.note')}
            hint={t('form.optional')}
            value={form.note}
            className="col-note"
            onValue={(v) => setField('note', v)}
            error={fieldError('note')}
            maxLength={ORDER_LIMITS.noteMax * 2}
            countMax={ORDER_LIMITS.noteMax}
          />
        </div>
        {form.paymentMethod === 'cash' ? (
          <div className="cash-row">
            <TextField
              path="tendered"
              label={t('form.tendered')}
              value={form.tendered}
              inputMode="decimal"
              onValue={(v) => setField('tendered', v)}
              error={
                tenderedProblem?.code === 'field.tenderedShort'
                  ? err({ ...tenderedProblem, params: { short: money(Number(tenderedProblem.params?.short)) } })
                  : tenderedProblem && err(tenderedProblem)
              }
              className="col-price num"
            />
            <div className="field num">
              <div className="field-label">{t('form.change')}</div>
              <strong className="change" data-testid="change-due">
                {change === null ? '—' : money(change)}
              </strong>
            </div>
          </div>
        ) : null}
      </fieldset>

      <div className="form-foot">
        <div className="total">
          <span className="muted">{t('form.total')}</span>
          <strong data-testid="order-total">{money(total)}</strong>
        </div>
        <div className="actions">
          <button type="button" className="button ghost" onClick={() => void repeatLast()} title="Alt+R">
            {t('form.repeat')}
          </button>
          <button
            type="submit"
            className="button primary"
            disabled={status.kind === 'saving'}
            aria-keyshortcuts="Control+Enter"
          >
            {t('form.submit')} <KeyHint keys={['Ctrl', 'Enter']} />
          </button>
        </div>
      </div>
      {status.kind === 'flagged' ? (
        <div className="risk-panel" role="alert" aria-labelledby="risk-title" data-testid="risk-panel">
          <strong id="risk-title">{t('risk.flagsTitle')}</strong>
          <RiskFlagList flags={status.assessment.flags} testId="risk-flags" />
          {status.assessment.history.source === 'terminal' ? <p className="muted small">{t('risk.offline')}</p> : null}
          <p className="muted small">{t('risk.flagsHint')}</p>
          <button
            type="button"
            className="button primary"
            onClick={() => void submit()}
            aria-keyshortcuts="Control+Enter"
          >
            {t('risk.submitAnyway')} <KeyHint keys={['Ctrl', 'Enter']} />
          </button>
        </div>
      ) : null}
      {confirmClear ? (
        <div className="confirm-bar" role="alertdialog" aria-labelledby="confirm-clear-text" aria-modal="false">
          <span id="confirm-clear-text">{t('form.confirmClear')}</span>
          <button type="button" className="button danger" onClick={clear} aria-keyshortcuts="Escape">
            {t('form.discard')} <KeyHint keys={['Esc']} />
          </button>
          <button type="button" ref={keepRef} className="button secondary" onClick={keepTyping}>
            {t('form.keep')}
          </button>
        </div>
      ) : null}
      {aside.map((o, i) => (
        <div
          key={o.submissionId}
          className="confirm-bar"
          role="region"
          aria-labelledby={`kept-aside-text-${i}`}
          data-testid="kept-aside"
        >
          <span id={`kept-aside-text-${i}`}>
            {t('form.keptAside', {
              who: o.form.customerName.trim() || o.form.customerId.trim() || '—',
              n: o.form.lines.filter((l) => l.sku.trim() || l.productName.trim()).length,
            })}
          </span>
          <button type="button" className="button secondary" onClick={() => openAside(i)}>
            {t(isEmptyForm(form) ? 'form.openAsideEmpty' : 'form.openAside')}
          </button>
          <button type="button" className="button secondary" onClick={() => useKeptAside.getState().replace(i, null)}>
            {t('form.discardAside')}
          </button>
        </div>
      ))}
      <div className="form-status" role="status" aria-live="polite">
        {status.kind === 'saving' ? <span className="muted">{t('form.saving')}</span> : null}
        {status.kind === 'saved' ? (
          <span className="ok">
            <strong>✓ {t('form.saved')}</strong>{' '}
            {/* A held or routed order is not in the outbox: "in the outbox" told the clerk it was on its way. */}
            <span className="muted" data-testid="saved-detail">
              —{' '}
              {t(
                status.risk?.outcome === 'held'
                  ? 'form.savedHeldDetail'
                  : status.risk?.outcome === 'routed'
                    ? 'form.savedRoutedDetail'
                    : 'form.savedDetail',
                { id: shortOrderId(status.orderId) },
              )}
            </span>
            {/* Two sentences to a screen reader and to textContent, not "…in the outboxSent, flagged". */}
            {status.risk?.outcome ? '. ' : null}
          </span>
        ) : null}
        {status.kind === 'saved' && status.risk?.outcome ? (
          <div className="risk-saved" data-testid="risk-saved" data-outcome={status.risk.outcome}>
            {/* Only saved so far: Review's "Sent, flagged" said it had gone while the cluster was offline. */}
            {/* One line: in the grid's rows the dash began a line of its own. */}
            <div>
              <strong>
                {status.risk.outcome === 'sent'
                  ? t('risk.savedWarned')
                  : status.risk.outcome === 'routed'
                    ? t('risk.savedForReview')
                    : t(`risk.outcome.${status.risk.outcome}`)}
              </strong>
              {status.risk.outcome === 'held' ? <span> — {t('risk.savedHeld')}</span> : null}
              {status.risk.outcome === 'routed' ? (
                <span> — {t('risk.savedRouted', { topic: settingsTopic })}</span>
              ) : null}
            </div>
            <RiskFlagList flags={status.risk.flags} />
          </div>
        ) : null}
        {/* From the errors shown, not Submit's: it said 6 while the clerk corrected them, and after. */}
        {status.kind === 'invalid' ? <FieldsNeedAttention errors={errors} /> : null}
        {status.kind === 'error' ? <span className="bad">{err(status.error)}</span> : null}
        {status.kind === 'info' ? (
          <span className="muted">{t(status.key, { max: ORDER_LIMITS.linesMax, ...status.params })}</span>
        ) : null}
        {status.kind === 'added' ? <span className="ok">{t('form.added', { name: status.name })}</span> : null}
        {undo && (status.kind === 'cleared' || (status.kind === 'info' && status.key.startsWith('form.repeated'))) ? (
          <span>
            {status.kind === 'cleared' ? t('form.cleared') : null}{' '}
            <button type="button" className="button small secondary" onClick={undoClear} aria-keyshortcuts="Control+Z">
              {t('form.undo')} <KeyHint keys={['Ctrl', 'Z']} />
            </button>
          </span>
        ) : null}
      </div>
      <p className="keys muted small">{t('form.keys')}</p>
    </form>
  );
}

/**
 * The keys printed on a button, for the eye only: the button's name stays its words ("Submit
 * order", not "Submit order Ctrl + Enter"), and aria-keyshortcuts tells the keys.
 */
function KeyHint({ keys }: { keys: string[] }) {
  return (
    <span aria-hidden="true">
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 ? '+' : null}
          <kbd>{k}</kbd>
        </span>
      ))}
    </span>
  );
}
