import { useCallback, useEffect, useState } from 'react';

export interface Toast {
  text: string;
  tone: 'ok' | 'error';
}

/** A short message on the console that goes by itself (errors stay longer). */
export function useToast(): {
  toast: Toast | null;
  show: (text: string, tone?: Toast['tone']) => void;
} {
  const [toast, setToast] = useState<Toast | null>(null);
  const show = useCallback((text: string, tone: Toast['tone'] = 'ok') => {
    setToast({ text, tone });
  }, []);
  useEffect(() => {
    if (!toast) return undefined;
    const timer = setTimeout(() => setToast(null), toast.tone === 'error' ? 6000 : 3000);
    return () => clearTimeout(timer);
  }, [toast]);
  return { toast, show };
}
