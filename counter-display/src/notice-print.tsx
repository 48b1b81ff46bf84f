import type { HallEvent, PrinterProblem, PrintStatus } from '@hall/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTexts } from './i18n';

export interface NoticePrintState {
  number: string;
  jobId: string;
  status: PrintStatus;
  problem?: PrinterProblem;
}

/**
 * The last one-time notice's real print state, kept up to date from `print.updated`:
 * waiting, printing, printed, or held by a printer problem (no agent connected, no
 * paper …), so the clerk never hands over "已送打印" that is not coming out.
 */
export function useNoticePrint(
  onEvent: (listener: (event: HallEvent) => void) => () => void,
): [NoticePrintState | null, (state: NoticePrintState) => void] {
  const [state, setState] = useState<NoticePrintState | null>(null);
  // an update may arrive before the request that queued the job has answered
  const seen = useRef(new Map<string, Pick<NoticePrintState, 'status' | 'problem'>>());
  useEffect(
    () =>
      onEvent((event) => {
        if (event.type !== 'print.updated' || event.data.kind !== 'notice') return;
        const { jobId, status, problem } = event.data;
        seen.current.set(jobId, { status, problem });
        setState((s) => (s && s.jobId === jobId ? { ...s, status, problem } : s));
      }),
    [onEvent],
  );
  const start = useCallback((next: NoticePrintState) => {
    setState({ ...next, ...seen.current.get(next.jobId) });
  }, []);
  return [state, start];
}

/** One line under the action keys: where the last notice is. */
export function NoticePrint({ state }: { state: NoticePrintState | null }) {
  const t = useTexts();
  if (!state) return null;
  const text =
    state.status === 'printer_problem'
      ? t.noticeHeld(state.number, t.printerProblem[state.problem ?? 'error'])
      : t.noticeState[state.status](state.number);
  return (
    <p
      className={`notice-print notice-print-${state.status}`}
      data-testid="notice-print"
      data-status={state.status}
      role="status"
    >
      {text}
    </p>
  );
}
