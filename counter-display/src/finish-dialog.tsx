import type { Outcome, Ticket } from '@hall/protocol';
import { useCallback, useState } from 'react';
import { Dialog } from './dialog';
import { useTexts } from './i18n';

const OUTCOMES: Outcome[] = ['done', 'materials_missing', 'rejected', 'consulted'];

/**
 * 办结: the outcome (keys 1–4, Enter confirms). With materials missing the clerk
 * ticks the missing items of the service's list or types others, for the
 * one-time notice (一次性告知).
 */
export function FinishDialog(props: {
  ticket: Ticket;
  materials: string[];
  busy: boolean;
  onCancel: () => void;
  onConfirm: (outcome: Outcome, missing: string[]) => void;
}) {
  const t = useTexts();
  const [outcome, setOutcome] = useState<Outcome>('done');
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { onConfirm, busy } = props;

  const missing = [
    ...props.materials.filter((m) => ticked.has(m)),
    ...other
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
  const confirm = useCallback(() => {
    if (busy) return;
    if (outcome === 'materials_missing' && missing.length === 0) {
      setError(t.missingNone);
      return;
    }
    onConfirm(outcome, outcome === 'materials_missing' ? missing : []);
  }, [busy, outcome, missing, onConfirm, t]);

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.tagName === 'TEXTAREA';
      if (!typing && /^Digit[1-4]$|^Numpad[1-4]$/.test(e.code)) {
        const o = OUTCOMES[Number(e.code.slice(-1)) - 1];
        if (o) {
          e.preventDefault();
          setOutcome(o);
        }
      } else if ((e.key === 'Enter' && !typing) || (e.key === 'Enter' && e.ctrlKey)) {
        e.preventDefault();
        confirm();
      }
    },
    [confirm],
  );

  return (
    <Dialog
      title={`${t.finishTitle} · ${props.ticket.number}`}
      onCancel={props.onCancel}
      onKey={onKey}
      confirm={{
        label: outcome === 'materials_missing' ? t.printNotice : t.confirm,
        onConfirm: confirm,
        disabled: busy,
        testId: 'finish-confirm',
      }}
    >
      <div className="choices" role="radiogroup">
        {OUTCOMES.map((o, i) => (
          <label key={o} className={`choice ${outcome === o ? 'chosen' : ''}`}>
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            <kbd>{i + 1}</kbd> {t.outcomes[o]}
          </label>
        ))}
      </div>
      {outcome === 'materials_missing' && (
        <fieldset className="materials">
          <legend>{t.missingTitle}</legend>
          {props.materials.map((m) => (
            <label key={m} className="check">
              <input
                type="checkbox"
                checked={ticked.has(m)}
                onChange={(e) => {
                  const next = new Set(ticked);
                  if (e.target.checked) next.add(m);
                  else next.delete(m);
                  setTicked(next);
                  setError(null);
                }}
              />
              {m}
            </label>
          ))}
          <label className="other">
            {t.missingOther}
            <textarea
              rows={2}
              value={other}
              onChange={(e) => {
                setOther(e.target.value);
                setError(null);
              }}
            />
          </label>
        </fieldset>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
