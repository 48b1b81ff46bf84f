import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog: Esc cancels, focus starts inside it. */
export function Dialog(props: {
  title: string;
  onCancel: () => void;
  children: ReactNode;
  footer: ReactNode;
  onKey?: (e: KeyboardEvent) => void;
}) {
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
        <div className="dialog-footer">{props.footer}</div>
      </div>
    </div>
  );
}
