import type { Logger } from 'pino';
import type { BridgeConfig } from './config.js';
import { DeviceLink, type DeviceSelector, type HidDeviceOpener } from './hid.js';
import { Outbox, type RatingSender } from './outbox.js';
import { PressDecoder } from './parse.js';
import type { Profile } from './profile.js';
import { PromptState } from './prompt-state.js';
import type { RealtimeLink } from './realtime.js';
import { describeScore } from './score.js';
import { createHttpSender } from './server-api.js';

export interface BridgeOptions {
  config: BridgeConfig;
  profile: Profile;
  opener: HidDeviceOpener;
  log: Logger;
  /** local clock for presses and deadlines */
  now?: () => number;
  /** defaults to the HTTP sender built from the config */
  send?: RatingSender;
  /**
   * Connects the prompt state to the server's events; the CLI passes `connectRealtime`.
   * `onSubscribed` lets the outbox skip its backoff as soon as the server is reachable again.
   */
  realtime?: (prompt: PromptState, onSubscribed: () => void) => RealtimeLink;
}

/**
 * device → PressDecoder → PromptState → Outbox → server. Each stage is its own tested module;
 * this class only connects them and keeps the order of presses.
 */
export class Bridge {
  readonly decoder: PressDecoder;
  readonly prompt: PromptState;
  private readonly link: DeviceLink;
  private realtimeLink: RealtimeLink | undefined;
  /** presses are stored one after another, so the queue order is the press order */
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly opts: BridgeOptions,
    readonly outbox: Outbox,
  ) {
    const { config, profile, log } = opts;
    this.decoder = new PressDecoder(profile);
    this.prompt = new PromptState({ windowId: config.windowId, now: opts.now });
    this.link = new DeviceLink({
      opener: opts.opener,
      selector: selectorFor(config, profile),
      path: config.devicePath,
      pollMs: config.pollMs,
      log,
      now: opts.now,
      onReport: (report, at) => this.handleReport(report, at),
      // A replugged device starts with no key down; stale "held" state would swallow a press.
      onState: () => this.decoder.reset(),
    });
  }

  static async create(opts: BridgeOptions): Promise<Bridge> {
    const { config } = opts;
    const outbox = await Outbox.open({
      dir: config.outboxDir,
      send:
        opts.send ??
        createHttpSender({ serverUrl: config.serverUrl, deviceToken: config.deviceToken }),
      log: opts.log,
      retryMinMs: config.retryMinMs,
      retryMaxMs: config.retryMaxMs,
    });
    return new Bridge(opts, outbox);
  }

  get deviceConnected(): boolean {
    return this.link.connected;
  }

  /** Whether the live link to the server (rating prompts) is up. */
  get realtimeConnected(): boolean {
    return this.realtimeLink?.connected ?? false;
  }

  start(): void {
    this.outbox.start();
    this.realtimeLink = this.opts.realtime?.(this.prompt, () => this.outbox.retryNow());
    this.link.start();
    this.opts.log.info(
      {
        hallId: this.opts.config.hallId,
        windowId: this.opts.config.windowId,
        profile: this.opts.profile.name,
        queued: this.outbox.size,
      },
      '评价器桥接已启动 / evaluator bridge started',
    );
  }

  /** Stops reading, lets queued presses reach the disk, and stops sending; nothing is lost. */
  async stop(): Promise<void> {
    this.link.stop();
    this.realtimeLink?.close();
    await this.chain;
    await this.outbox.stop();
  }

  /** Resolves once every report received so far has been decided and, if a rating, stored. */
  settled(): Promise<void> {
    return this.chain;
  }

  /** One raw report from the device. Public so `--learn` style tools and tests can drive it. */
  handleReport(report: Buffer, at: number): void {
    const { log, config } = this.opts;
    const event = this.decoder.feed(report, at);
    if (!event) return;
    if (event.type === 'ignored') {
      const level = event.reason === 'held' || event.reason === 'bounce' ? 'debug' : 'info';
      log[level](
        { reason: event.reason, code: event.code, report: event.report },
        '忽略评价器报告 / report ignored',
      );
      return;
    }
    const decision = this.prompt.press(at);
    if (decision.kind === 'ignored') {
      log.info(
        { score: event.score, reason: decision.reason, ticketId: decision.ticketId },
        decision.reason === 'already_pressed'
          ? '本次服务已评价，忽略重复按键 / already rated, extra press ignored'
          : '当前没有待评价的服务，按键已忽略 / no rating prompt open, press ignored',
      );
      return;
    }
    log.info(
      { ticketId: decision.ticketId, number: decision.number, score: event.score },
      `收到评价 / rating pressed: ${describeScore(event.score)}`,
    );
    const input = {
      hallId: config.hallId,
      windowId: config.windowId,
      ticketId: decision.ticketId,
      score: event.score,
      // in the server's clock: a rating delivered late still counts from the press
      pressedAt: new Date(this.prompt.toServerTime(at)).toISOString(),
    };
    this.chain = this.chain
      .then(async () => {
        await this.outbox.add(input);
      })
      .catch((err: unknown) => {
        log.error({ err, rating: input }, '评价无法写入磁盘 / could not store the rating on disk');
      });
  }
}

/** The config's `match` (a unit with other ids) wins over the profile's. */
export function selectorFor(config: BridgeConfig, profile: Profile): DeviceSelector {
  return config.match ?? profile.match;
}
