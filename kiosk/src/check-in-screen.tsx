import { useState } from 'react';
import { groupCode, groupPhone, useCheckInTexts } from './check-in-i18n';
import { CODE_LENGTH, Keypad, PHONE_LENGTH } from './keypad';

/** What a resident gives to check in: the appointment's code or the phone number it was booked with. */
export type CheckIn = { appointmentCode: string } | { appointmentPhone: string };

/**
 * 预约签到: the code on a large keypad of its digits and letters, or (second tab) the booking's
 * phone number on a telephone keypad. The number shows in full while typed: the resident checks
 * it; it is not kept on this screen after 签到取号.
 */
export function CheckInScreen({
  initialTab = 'code',
  onCheckIn,
  onCancel,
}: {
  initialTab?: 'code' | 'phone';
  onCheckIn: (checkIn: CheckIn) => void;
  onCancel: () => void;
}) {
  const t = useCheckInTexts();
  const [tab, setTab] = useState<'code' | 'phone'>(initialTab);
  const [code, setCode] = useState('');
  const [phone, setPhone] = useState('');
  const byCode = tab === 'code';
  const value = byCode ? code : phone;
  const set = byCode ? setCode : setPhone;
  const max = byCode ? CODE_LENGTH : PHONE_LENGTH;
  const complete = value.length === max && (byCode || value.startsWith('1'));
  return (
    <section className="check-in" aria-labelledby="check-in-title">
      <h1 id="check-in-title" className="prompt">
        {t.checkInTitle}
      </h1>
      <div className="check-in-tabs" role="tablist">
        {(['code', 'phone'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`check-in-tab-${k}`}
            aria-selected={tab === k}
            aria-controls="check-in-panel"
            className={`check-in-tab${tab === k ? ' selected' : ''}`}
            onClick={() => setTab(k)}
          >
            {k === 'code' ? t.byCode : t.byPhone}
          </button>
        ))}
      </div>
      <div
        id="check-in-panel"
        role="tabpanel"
        aria-labelledby={`check-in-tab-${tab}`}
        className="check-in-panel"
      >
        <p className="check-in-hint">{byCode ? t.codeHint : t.phoneHint}</p>
        <output
          className="code-display"
          aria-label={byCode ? t.byCode : t.byPhone}
          data-testid="check-in-value"
        >
          {value ? (byCode ? groupCode(value) : groupPhone(value)) : '\u00a0'}
          <span className="code-count" aria-hidden="true">
            {value.length}/{max}
          </span>
        </output>
        <p className="check-in-note">{byCode ? t.codeNote : t.phoneNote}</p>
        <Keypad
          layout={byCode ? 'code' : 'phone'}
          onKey={(k) => set((v) => (v.length < max ? v + k : v))}
          onClear={() => set('')}
          onBackspace={() => set((v) => v.slice(0, -1))}
        />
      </div>
      <div className="row-buttons">
        <button type="button" className="secondary" onClick={onCancel}>
          {t.cancel}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!complete}
          onClick={() =>
            onCheckIn(byCode ? { appointmentCode: code } : { appointmentPhone: phone })
          }
        >
          {t.checkIn}
        </button>
      </div>
    </section>
  );
}
