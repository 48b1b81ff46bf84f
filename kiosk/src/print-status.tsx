import type { PrintState } from '@hall/protocol';
import { useTexts } from './i18n';

/** What the printer does with this ticket; on a problem, ask the resident to photograph it. */
export function PrintStatus({ print }: { print: PrintState | undefined }) {
  const t = useTexts();
  if (!print) return null;
  if (print.status === 'printer_problem') {
    return (
      <p className="print-status print-printer_problem" role="alert" data-testid="print-status">
        <strong>{t.printerProblem}</strong>
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
