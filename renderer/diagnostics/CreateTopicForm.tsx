// Creating the order topic when it is missing: fill in, then confirm in a second step.
// Once created the form disappears (the topic exists); the screen says so.
import { useEffect, useRef, useState } from 'react';
import type { OrderDeskApi } from '../../shared/contract';
import type { AppError } from '../../shared/error-codes';
import { topicNameProblem } from '../../shared/topic-name';
import { createTopicInputSchema, type ClusterHealth } from '../../shared/diagnostics-types';
import { wholeFieldProblem, wholeRange } from '../../shared/number-field';
import { useDiagT } from './diagnostics-strings';
import { focusBack } from '../shell/screen-focus';
import { useRequiredFields } from '../shell/required-fields';
import { LabelledField } from '../shell/LabelledField';

/**
 * The cluster's brokers the health check lists (the ones down too, as it remembers them), and
 * those answering. A configured address no broker of the cluster is known at (node id "?") is
 * not counted: it is an address, not another broker.
 */
export function brokerCount(health: ClusterHealth): { known: number; reachable: number } {
  const brokers = health.brokers.filter((b) => b.nodeId >= 0);
  return { known: brokers.length, reachable: brokers.filter((b) => b.reachable).length };
}

const PARTITIONS = createTopicInputSchema.shape.partitions;
const REPLICATION = createTopicInputSchema.shape.replicationFactor;

export function CreateTopicForm(props: {
  api: OrderDeskApi;
  defaultName: string;
  /** The brokers the cluster has (those down too) and how many answer now. */
  brokers: { known: number; reachable: number };
  onCreated(name: string): void;
  /** Ids unique on the page (the review topic's form can show beside the order topic's). */
  idPrefix?: string;
  /** A sentence above the form saying which topic is missing and why it matters. */
  intro?: string;
}) {
  const id = props.idPrefix ?? 'diag-create';
  const { t, err } = useDiagT();
  const [name, setName] = useState(props.defaultName);
  // The numbers as typed: kept as numbers, an emptied field came back as "0" and the browser
  // refused it in its own language; empty, it is the app's "Required".
  const [partitionsTyped, setPartitionsTyped] = useState('3');
  const partitions = Number(partitionsTyped);
  // Three copies, or as many brokers as the cluster has: not as many as answer now, which with
  // two of three down made it 1, and a topic created so keeps its one copy once they are back.
  // Until the operator types one, it follows the brokers known (fewer before the first answer).
  const [rfTyped, setRfTyped] = useState<string | null>(null);
  const rfText = rfTyped ?? String(Math.max(1, Math.min(3, props.brokers.known)));
  const rf = Number(rfText);
  const required = useRequiredFields<'name' | 'partitions' | 'rf'>();
  // More copies than the cluster has brokers can never be made: said before the question, which
  // led to Kafka's refusal and a sentence about brokers coming back with none of them down.
  const aboveBrokers = props.brokers.known > 0 && rf > props.brokers.known;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  // The form and its question take each other's place, and the button pressed goes with the one
  // that leaves: from the keyboard the focus fell to the page. It goes to the question's "Yes",
  // and back (Back, or a creation refused) to the form's button.
  const nextRef = useRef<HTMLButtonElement>(null);
  const yesRef = useRef<HTMLButtonElement>(null);
  const swapped = useRef(false);
  useEffect(() => {
    if (!swapped.current) return;
    focusBack(confirming ? yesRef.current : nextRef.current);
  }, [confirming]);
  const confirm = (on: boolean) => {
    swapped.current = true;
    setConfirming(on);
  };

  const create = async () => {
    setBusy(true);
    const r = await props.api.diagnostics.createTopic({ name: name.trim(), partitions, replicationFactor: rf });
    setBusy(false);
    if (r.ok) {
      // The form goes away once the topic is seen: the screen's "created" takes the focus.
      swapped.current = false;
      setConfirming(false);
      setProblem(null);
      props.onCreated(r.value.name);
    } else {
      confirm(false);
      setProblem(r.error);
    }
  };

  return (
    <section className="card diag-card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{t('create.title')}</h2>
      </div>
      {props.intro ? <p className="bad">{props.intro}</p> : null}
      {!confirming ? (
        <form
          className="diag-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // Checked here, in the app's language: the browser's min, max and pattern spoke its own.
            const ok = required.filled(
              { name, partitions: partitionsTyped, rf: rfText },
              {
                name: topicNameProblem(name),
                partitions: wholeFieldProblem(PARTITIONS, partitionsTyped),
                rf: wholeFieldProblem(REPLICATION, rfText),
              },
            );
            if (ok) confirm(true);
          }}
        >
          <LabelledField id={`${id}-name`} label={t('create.name')}>
            <input
              id={`${id}-name`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...required.input('name')}
            />
            {required.message('name')}
          </LabelledField>
          <LabelledField id={`${id}-partitions`} label={t('create.partitions')}>
            <input
              id={`${id}-partitions`}
              type="number"
              {...wholeRange(PARTITIONS)}
              value={partitionsTyped}
              onChange={(e) => setPartitionsTyped(e.target.value)}
              {...required.input('partitions')}
            />
            {required.message('partitions')}
          </LabelledField>
          <LabelledField id={`${id}-rf`} label={t('create.replication')}>
            <input
              id={`${id}-rf`}
              type="number"
              {...wholeRange(REPLICATION)}
              value={rfText}
              onChange={(e) => setRfTyped(e.target.value)}
              {...required.input('rf', rf > props.brokers.reachable ? `${id}-few` : undefined)}
            />
            {required.message('rf')}
          </LabelledField>
          {aboveBrokers ? (
            <p className="warn" id={`${id}-few`}>
              {t('create.rfAboveBrokers', { known: props.brokers.known })}
            </p>
          ) : rf > props.brokers.reachable ? (
            <p className="warn" id={`${id}-few`}>
              {t('create.fewReachable', {
                count: props.brokers.reachable,
                known: props.brokers.known,
                rf,
              })}
            </p>
          ) : null}
          <div className="diag-form-actions">
            <button type="submit" className="button primary" ref={nextRef} disabled={aboveBrokers}>
              {t('create.next')}
            </button>
          </div>
        </form>
      ) : (
        <div className="diag-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('create.confirm', { name: name.trim(), count: partitions, rf })}</p>
          <div className="actions">
            <button type="button" className="button primary" onClick={() => void create()} disabled={busy} ref={yesRef}>
              {t('create.yes')}
            </button>
            <button type="button" className="button ghost" onClick={() => confirm(false)} disabled={busy}>
              {t('create.back')}
            </button>
          </div>
        </div>
      )}
      {problem ? (
        <p className="bad" role="alert">
          {err(problem)}
        </p>
      ) : null}
    </section>
  );
}
