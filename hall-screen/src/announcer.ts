import type { ScreenSettings } from '@hall/protocol';
import { inQuietHours } from './call-text';

/**
 * voice: calls are spoken with a Chinese voice; chime: no Chinese voice, the chime
 * alone; quiet: quiet hours; muted: sound off here; blocked: the browser waits for a
 * click before it plays sound.
 */
export type VoiceStatus = 'voice' | 'chime' | 'quiet' | 'muted' | 'blocked';

const GAP_MS = 300;
const CHIME_MS = 700;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function chineseVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const zh = voices.filter((v) => /^(zh|cmn)([-_]|$)/i.test(v.lang));
  return (
    zh.find((v) => /^(zh|cmn)[-_](CN|Hans)/i.test(v.lang)) ??
    zh.find((v) => !/HK|TW|Hant/i.test(v.lang)) ??
    zh[0] ??
    null
  );
}

/**
 * Speaks calls one after another, never over each other: a chime, then the
 * sentence as many times as the hall's settings say, through the browser's
 * speech engine with a Chinese voice; only the chime where there is none.
 */
export class Announcer {
  private readonly queue: string[] = [];
  private running = false;
  private closed = false;
  private voice: SpeechSynthesisVoice | null = null;
  private audio: AudioContext | null = null;
  private current: VoiceStatus = 'chime';
  private readonly listeners = new Set<(s: VoiceStatus) => void>();
  private readonly synth: SpeechSynthesis | null =
    typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly settings: ScreenSettings,
    private readonly timeZone: () => string,
    private readonly enabled: boolean,
  ) {
    const findVoice = () => {
      this.voice = chineseVoice(this.synth?.getVoices() ?? []);
      this.refresh();
    };
    findVoice();
    this.synth?.addEventListener?.('voiceschanged', findVoice);
    const Ctx =
      typeof window !== 'undefined'
        ? (window.AudioContext ??
          (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext)
        : undefined;
    if (Ctx && enabled) {
      try {
        this.audio = new Ctx();
        this.audio.addEventListener('statechange', () => this.refresh());
      } catch {
        this.audio = null;
      }
    }
    this.timer = setInterval(() => this.refresh(), 20_000);
    this.refresh();
  }

  get status(): VoiceStatus {
    return this.current;
  }

  onStatus(listener: (s: VoiceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After a click or key press: browsers let sound play from then on. */
  unlock(): void {
    if (this.audio?.state === 'suspended') void this.audio.resume().catch(() => undefined);
  }

  /** Queues one call's sentence; it is spoken after those before it. */
  announce(text: string): void {
    if (this.closed) return;
    this.queue.push(text);
    void this.pump();
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    clearInterval(this.timer);
    this.synth?.cancel();
    void this.audio?.close().catch(() => undefined);
  }

  private refresh(): void {
    const next = this.compute();
    if (next === this.current) return;
    this.current = next;
    for (const l of this.listeners) l(next);
  }

  private compute(): VoiceStatus {
    if (!this.enabled || this.settings.volume === 0) return 'muted';
    if (inQuietHours(this.settings.quietHours, new Date(), this.timeZone())) return 'quiet';
    if (this.audio?.state === 'suspended') return 'blocked';
    return this.voice && this.synth ? 'voice' : 'chime';
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.closed && this.queue.length > 0) {
        const text = this.queue.shift() ?? '';
        this.refresh();
        const status = this.current;
        if (status === 'muted' || status === 'quiet') continue;
        const voice = this.voice !== null && this.synth !== null;
        if (this.settings.chime || !voice) await this.chime();
        if (voice) {
          for (let i = 0; i < this.settings.repeat && !this.closed; i++) {
            if (i > 0) await sleep(GAP_MS);
            await this.speak(text);
          }
        }
        await sleep(GAP_MS);
      }
    } finally {
      this.running = false;
    }
  }

  /** A two-tone chime (叮咚); waits as long as it sounds even where audio is unavailable. */
  private async chime(): Promise<void> {
    const ctx = this.audio;
    if (ctx && ctx.state !== 'closed') {
      try {
        const volume = this.settings.volume * 0.4;
        const t0 = ctx.currentTime + 0.02;
        [
          [880, 0],
          [660, 0.3],
        ].forEach(([freq = 880, offset = 0]) => {
          const osc = ctx.createOscillator();
          const gain = ctx.createGain();
          osc.type = 'sine';
          osc.frequency.value = freq;
          gain.gain.setValueAtTime(0.0001, t0 + offset);
          gain.gain.exponentialRampToValueAtTime(volume || 0.0001, t0 + offset + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, t0 + offset + 0.38);
          osc.connect(gain).connect(ctx.destination);
          osc.start(t0 + offset);
          osc.stop(t0 + offset + 0.4);
        });
      } catch {
        // no sound this time; the call is still shown
      }
    }
    await sleep(CHIME_MS);
  }

  /** Resolves when the engine has finished the sentence (or gave up on it). */
  private speak(text: string): Promise<void> {
    const synth = this.synth;
    if (!synth) return Promise.resolve();
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(guard);
        resolve();
      };
      // some engines never report the end: do not let one stall the queue
      const guard = setTimeout(finish, 4000 + text.length * 500);
      const u = new SpeechSynthesisUtterance(text);
      u.lang = this.voice?.lang ?? 'zh-CN';
      try {
        if (this.voice) u.voice = this.voice;
      } catch {
        // an engine that lists voices it cannot use: the language alone picks one
      }
      u.volume = this.settings.volume;
      u.rate = this.settings.rate;
      u.onend = finish;
      u.onerror = finish;
      synth.speak(u);
    });
  }
}
