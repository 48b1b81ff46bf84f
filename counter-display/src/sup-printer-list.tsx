import type { PrinterState } from '@hall/protocol';
import { useSupervisorTexts } from './supervisor-i18n';

/** The hall's ticket printers: ready, or what is wrong (缺纸, 机盖打开 …). */
export function SupPrinterList({ printers }: { printers: PrinterState[] }) {
  const t = useSupervisorTexts();
  return (
    <section className="card sup-section" aria-labelledby="sup-printers">
      <h2 id="sup-printers">{t.printers}</h2>
      {printers.length === 0 ? (
        <p className="muted">{t.noPrinters}</p>
      ) : (
        <ul className="sup-printers" data-testid="sup-printers">
          {printers.map((p) => {
            const ok = p.connected && p.ready;
            return (
              <li
                key={p.printerId}
                className="sup-printer"
                data-testid={`sup-printer-${p.printerId}`}
              >
                <strong>{p.printerId}</strong>
                <span className={ok ? 'sup-ok' : 'sup-bad'}>
                  {ok ? `✓ ${t.printerReady}` : `✕ ${t.problem(p.problem)}`}
                </span>
                {p.paperNearEnd && <span className="sup-warn">{t.paperNearEnd}</span>}
                {p.pending > 0 && (
                  <span className="muted small">{t.printerPending(p.pending)}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
