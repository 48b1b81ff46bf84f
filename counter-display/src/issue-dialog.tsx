import type { HallSnapshot, Ticket } from '@hall/protocol';
import { useCallback, useState } from 'react';
import { Dialog } from './dialog';
import { ReasonField } from './reason-field';
import { usePriorityTexts } from './priority-i18n';
import type { StaffIssue } from './priority-api';
import { PriorityMarks } from './priority-marks';

/**
 * 为群众取号: a clerk or the service desk takes a ticket for a resident (service, and the green
 * channel with its reason); the new number is shown large to be read out.
 */
export function IssueDialog(props: {
  hall: HallSnapshot;
  /** The services to offer first (this window's); every service of the hall follows. */
  preferred: string[];
  busy: boolean;
  error: string | null;
  issued: Ticket | null;
  onCancel: () => void;
  onIssue: (issue: StaffIssue) => void;
  onAnother: () => void;
}) {
  const t = usePriorityTexts();
  const services = [...props.hall.services].sort(
    (a, b) => rank(props.preferred, a.id) - rank(props.preferred, b.id),
  );
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [green, setGreen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, onIssue, issued } = props;
  const confirm = useCallback(() => {
    if (busy || issued || !serviceId) return;
    if (green && !reason.trim()) {
      setMissing(true);
      return;
    }
    onIssue({ serviceId, green, ...(green ? { reason: reason.trim() } : {}) });
  }, [busy, issued, serviceId, green, reason, onIssue]);
  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !(e.target instanceof HTMLSelectElement)) {
        e.preventDefault();
        confirm();
      }
    },
    [confirm],
  );

  if (issued) {
    return (
      <Dialog title={t.issued} onCancel={props.onCancel} cancelLabel={t.close}>
        <div className="issued" data-testid="issued" role="status">
          <div className="issued-number" data-testid="issued-number">
            {issued.number}
          </div>
          <div className="issued-service">
            {issued.serviceName} <PriorityMarks ticket={issued} />
          </div>
          <p>{t.tellNumber}</p>
          <button type="button" onClick={props.onAnother}>
            {t.anotherIssue}
          </button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog
      title={t.issueTitle}
      onCancel={props.onCancel}
      onKey={onKey}
      confirm={{
        label: t.issueConfirm,
        onConfirm: confirm,
        disabled: busy || !serviceId,
        testId: 'issue-confirm',
      }}
    >
      <p className="muted">{t.issueIntro}</p>
      <label className="other">
        {t.service}
        <select value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.prefix} {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={green} onChange={(e) => setGreen(e.target.checked)} />
        {t.green}
      </label>
      {green && (
        <>
          <ReasonField
            presets={t.greenReasons}
            value={reason}
            name="issue-reason"
            onChange={(r) => {
              setReason(r);
              setMissing(false);
            }}
          />
        </>
      )}
      {(missing || props.error) && (
        <p className="error" role="alert">
          {missing ? t.reasonMissing : props.error}
        </p>
      )}
    </Dialog>
  );
}

const rank = (preferred: string[], id: string) => {
  const i = preferred.indexOf(id);
  return i < 0 ? preferred.length : i;
};
