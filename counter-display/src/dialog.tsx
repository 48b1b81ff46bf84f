import { useEffect, useRef, type ReactNode } from 'react';
import { useTexts } from './i18n';

/** The dialog's main button (Enter). */
export interface DialogConfirm {
  label: string;
  onConfirm: () => void;
  disabled: boolean;
  testId: string;
}

/** A modal dialog: Esc cancels, focus starts inside it; a cancel button and, if given, the confirm button. */
export function Dialog(props: {
  title: string;
  onCancel: () => void;
  children: ReactNode;
  confirm?: DialogConfirm;
  /** The dismissing button's word where 取消 would mislead (关闭 after something is done). */
  cancelLabel?: string;
  onKey?: (e: KeyboardEvent) => void;
}) {
  const t = useTexts();
  const { confirm } = props;
  const ref = useRef<HTMLDivElement>(null);
  const { onCancel, onKey } = props;
  useEffect(() => {
    // a field that focused itself (autoFocus) keeps it
    if (ref.current?.contains(document.activeElement)) return;
    ref.current?.querySelector<HTMLElement>('input, button:not([disabled]), textarea')?.focus();
  }, []);
  useEffect(() => {
    const handler = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel();
        return;
      }
      onKey?.(e);
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [onCancel, onKey]);
  return (
    <div className="backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={props.title} ref={ref}>
        <h2>{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        <div className="dialog-footer">
          <button type="button" onClick={props.onCancel}>
            {props.cancelLabel ?? t.cancel} <kbd>Esc</kbd>
          </button>
          {confirm && (
            <button
              type="button"
              className="primary"
              disabled={confirm.disabled}
              onClick={confirm.onConfirm}
              data-testid={confirm.testId}
            >
              {confirm.label} <kbd>Enter</kbd>
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
