import { useState } from 'react';
import { groupPhone, maskPhone, useCheckInTexts } from './check-in-i18n';
import { Keypad, PHONE_LENGTH } from './keypad';

/**
 * The optional phone number for SMS about this ticket (快到号提醒, 回访), on a large keypad.
 * Nothing is sent before the resident ticks the consent that states the purpose; the number
 * shows in full while typed and masked (138****8000) once sent.
 */
export function SmsContact({
  onSend,
  onClose,
}: {
  onSend: (phone: string) => Promise<void>;
  onClose: (saved: string | null) => void;
}) {
  const t = useCheckInTexts();
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [state, setState] = useState<'typing' | 'sending' | 'failed'>('typing');
  const complete = phone.length === PHONE_LENGTH && phone.startsWith('1');
  const send = async () => {
    if (!complete || !consent || state === 'sending') return;
    setState('sending');
    try {
      await onSend(phone);
      onClose(maskPhone(phone));
    } catch {
      setState('failed');
    }
  };
  return (
    <section className="sms-contact" aria-labelledby="sms-title">
      <h2 id="sms-title" className="sms-title">
        {t.smsTitle}
      </h2>
      <output className="code-display" aria-label={t.phoneNumber} data-testid="sms-phone">
        {phone ? groupPhone(phone) : '\u00a0'}
        <span className="code-count" aria-hidden="true">
          {phone.length}/{PHONE_LENGTH}
        </span>
      </output>
      <Keypad
        layout="phone"
        onKey={(k) => setPhone((v) => (v.length < PHONE_LENGTH ? v + k : v))}
        onClear={() => setPhone('')}
        onBackspace={() => setPhone((v) => v.slice(0, -1))}
      />
      <label className="consent">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>
          <strong>{t.smsConsent}</strong>
          <span className="consent-purpose">{t.smsPurpose}</span>
        </span>
      </label>
      {state === 'failed' ? (
        <p className="sms-error" role="alert">
          {t.smsFailed}
        </p>
      ) : complete && !consent ? (
        <p className="sms-need" role="status">
          {t.smsNeedConsent}
        </p>
      ) : null}
      <div className="row-buttons">
        <button type="button" className="secondary" onClick={() => onClose(null)}>
          {t.smsSkip}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!complete || !consent || state === 'sending'}
          onClick={() => void send()}
        >
          {t.smsSend}
        </button>
      </div>
    </section>
  );
}
