import type { Lang } from './i18n';

/** Speaks a prompt when the resident turned the voice on and the browser can speak. */
export function speak(text: string, lang: Lang): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth) return;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang === 'zh' ? 'zh-CN' : 'en-GB';
  utterance.rate = 0.9;
  synth.speak(utterance);
}

export function stopSpeaking(): void {
  window.speechSynthesis?.cancel();
}
