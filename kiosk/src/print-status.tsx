import type { PrintState } from '@hall/protocol';
import { useTexts } from './i18n';

/** What the printer does with this ticket; on a problem, ask the resident to photograph it. */
export function PrintStatus({ print }: { print: PrintState | undefined }) {
  const t = useTexts();
  if (!print) return null;
  // a held job, or one the printer will never take (expired, skipped): the resident keeps the number
  if (
    print.status === 'printer_problem' ||
    print.status === 'expired' ||
    print.status === 'skipped'
  ) {
    return (
      <p className="print-status print-printer_problem" role="alert" data-testid="print-status">
        <strong>{print.status === 'printer_problem' ? t.printerProblem : t.notPrinted}</strong>
        <span>{t.photoHint}</span>
      </p>
    );
  }
  const text = { queued: t.printQueued, printing: t.printing, printed: t.printed }[print.status];
  return (
    <p className={`print-status print-${print.status}`} role="status" data-testid="print-status">
      {text}
    </p>
  );
}
