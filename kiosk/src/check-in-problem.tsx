import type { HallSnapshot } from '@hall/protocol';
import { groupCode, maskPhone, useCheckInTexts } from './check-in-i18n';
import { formatOpensAt, useLang, useTexts } from './i18n';

const CODES = [
  'appointment_too_early',
  'appointment_not_found',
  'appointment_used',
  'appointment_cancelled',
  'appointment_not_active',
  'green_needs_staff',
] as const;

/** A refusal of a check-in (or of a green ticket at a kiosk where staff decide) with its own words. */
export function isCheckInProblem(code: string): boolean {
  return (CODES as readonly string[]).includes(code);
}

/**
 * What a refused check-in tells the resident and what to do: too early says when to come back
 * (请于 08:30 后签到); a wrong code or number asks to check it, with 重新输入; a used or cancelled
 * appointment sends them to the service desk.
 */
export function CheckInProblem({
  code,
  message,
  byPhone,
  typed,
  comeBackAt,
  hall,
  onBack,
  onAgain,
}: {
  code: string;
  message: string;
  byPhone: boolean;
  /** What the resident typed, shown again (a phone masked) so a slip can be seen. */
  typed: string;
  comeBackAt?: string;
  hall: HallSnapshot;
  onBack: () => void;
  onAgain: () => void;
}) {
  const t = useCheckInTexts();
  const kt = useTexts();
  const lang = useLang();
  let title: string;
  let text: string;
  let again = false;
  switch (code) {
    case 'appointment_too_early':
      title = t.earlyTitle;
      text = comeBackAt
        ? t.earlyText(formatOpensAt(comeBackAt, hall.timeZone, lang, new Date(hall.now)))
        : message;
      break;
    case 'appointment_not_found':
      title = t.notFoundTitle;
      text = byPhone ? t.notFoundPhone : t.notFoundCode;
      again = true;
      break;
    case 'appointment_used':
      title = t.usedTitle;
      text = t.usedText;
      break;
    case 'appointment_cancelled':
      title = t.cancelledTitle;
      text = t.cancelledText;
      break;
    case 'green_needs_staff':
      title = t.askStaffTitle;
      text = t.askStaffText;
      break;
    default:
      title = kt.errorTitle;
      text = message;
  }
  return (
    <section className={`problem check-in-problem`} role="alert" data-problem={code}>
      <h1>{title}</h1>
      <p className="check-in-problem-text">{text}</p>
      {again ? (
        <p className="check-in-typed">
          {t.youTyped(byPhone ? maskPhone(typed) : groupCode(typed))}
        </p>
      ) : null}
      {code === 'appointment_too_early' ? <p>{t.earlyNote}</p> : null}
      <div className="row-buttons">
        <button type="button" className="secondary" onClick={onBack}>
          {kt.back}
        </button>
        {again ? (
          <button type="button" className="primary" onClick={onAgain}>
            {t.tryAgain}
          </button>
        ) : null}
      </div>
    </section>
  );
}
