import type { Alert, HallSnapshot, User } from '@hall/protocol';
import { useContext, useState } from 'react';
import { useAlertTexts } from './alerts-i18n';
import { LangContext } from './i18n';
import { hallTime } from './supervisor-format';
import { useSupervisorTexts } from './supervisor-i18n';
import './alerts.css';

/**
 * 实时告警: open alerts first, each with 确认 and a note; today's history below; the
 * red-alert sound switch. Alerts come from the server, so a reload shows the same list.
 */
export function SupAlertPanel(props: {
  open: Alert[];
  today: Alert[];
  hall: HallSnapshot;
  staff: Map<string, User>;
  sound: boolean;
  onSound: (on: boolean) => void;
  onAck: (alertId: string, note: string) => Promise<void>;
}) {
  const t = useAlertTexts();
  const st = useSupervisorTexts();
  const openIds = new Set(props.open.map((a) => a.id));
  const history = props.today.filter((a) => !openIds.has(a.id));
  return (
    <section className="card sup-section" aria-labelledby="sup-alerts">
      <div className="alert-panel-head">
        <h2 id="sup-alerts">
          {st.alerts}
          {props.open.length > 0 && <span className="sup-count">{props.open.length}</span>}
        </h2>
        <button
          type="button"
          className="alert-sound"
          aria-pressed={props.sound}
          onClick={() => props.onSound(!props.sound)}
        >
          <span aria-hidden="true">{props.sound ? '♪' : '✕'}</span> {t.sound(props.sound)}
        </button>
      </div>
      {props.open.length === 0 ? (
        <p className="muted">{t.noOpen}</p>
      ) : (
        <ul className="alert-list" role="log" aria-live="polite" data-testid="sup-alerts">
          {props.open.map((a) => (
            <AlertItem key={a.id} alert={a} {...props} />
          ))}
        </ul>
      )}
      <h3 className="alert-history-title">{t.history}</h3>
      {history.length === 0 ? (
        <p className="muted">{t.noHistory}</p>
      ) : (
        <ul className="alert-list" data-testid="sup-alert-history">
          {history.map((a) => (
            <AlertItem key={a.id} alert={a} {...props} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertItem(props: {
  alert: Alert;
  hall: HallSnapshot;
  staff: Map<string, User>;
  onAck: (alertId: string, note: string) => Promise<void>;
}) {
  const t = useAlertTexts();
  const st = useSupervisorTexts();
  const lang = useContext(LangContext);
  const { alert: a, hall } = props;
  const [acking, setAcking] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const time = (iso: string) => hallTime(iso, hall.timeZone, lang);
  const win = a.windowId ? (hall.windows.find((w) => w.id === a.windowId)?.name ?? a.windowId) : '';
  const service = a.serviceId
    ? (hall.services.find((s) => s.id === a.serviceId)?.name ?? a.serviceId)
    : '';
  const who = a.clerkId ? props.staff.get(a.clerkId) : undefined;
  const clerk = who ? t.clerk(who.name, who.jobNo) : (a.clerkId ?? '');
  const nameOf = (id: string | undefined) => (id ? (props.staff.get(id)?.name ?? id) : '');
  const timed = ['wait_limit', 'call_limit', 'service_limit', 'pause_limit'].includes(a.kind);
  const kind = timed ? t.withLevel(t.kind[a.kind], t.level[a.level]) : t.kind[a.kind];
  const what =
    a.kind === 'bad_rating' && a.score !== undefined
      ? `${kind} ${t.score(a.score)} · ${st.scoreName(a.score)}`
      : a.kind === 'pause_limit' && a.pauseKind
        ? `${kind}（${t.pause[a.pauseKind]}）`
        : kind;
  const closed = !a.open;
  const submit = async () => {
    setError(null);
    try {
      await props.onAck(a.id, note.trim());
      setAcking(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <li
      className={`alert-item alert-${closed ? 'closed' : a.level}`}
      data-testid={`alert-${a.kind}-${a.number ?? a.windowId ?? a.serviceId ?? a.id}`}
      data-level={a.level}
    >
      <div className="alert-item-head">
        <strong>
          <span className={`alert-card alert-card-${a.level}`}>
            <span aria-hidden="true">{a.level === 'red' ? '✖' : '⚠'}</span>{' '}
            {a.level === 'red' ? t.cardRed : t.cardYellow}
          </span>
          {what}
        </strong>
        <span className="alert-meta">{time(a.raisedAt)}</span>
      </div>
      <div>{t.subject([service, win, clerk, a.number ?? ''])}</div>
      <div className="alert-meta">
        {t.subject([
          t.since(time(a.since)),
          a.limitMinutes !== null ? t.limit(a.limitMinutes) : '',
          a.acknowledgedAt ? t.acked(nameOf(a.acknowledgedBy), time(a.acknowledgedAt)) : '',
          a.clearedAt ? t.cleared(time(a.clearedAt)) : '',
        ])}
      </div>
      {a.note && <div className="alert-meta">{`${t.ackNote}：${a.note}`}</div>}
      {!closed && !acking && (
        <div className="alert-actions">
          <button type="button" className="small-button" onClick={() => setAcking(true)}>
            {t.ack}
          </button>
        </div>
      )}
      {!closed && acking && (
        <form
          className="alert-ack-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <input
            aria-label={t.ackNote}
            placeholder={t.ackNotePlaceholder}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="small-button">
            {t.submit}
          </button>
          <button type="button" className="small-button" onClick={() => setAcking(false)}>
            {t.cancel}
          </button>
          {error && (
            <span role="alert" className="sup-bad">
              {error}
            </span>
          )}
        </form>
      )}
    </li>
  );
}
