import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { parseHallEvent, SubscribeAck } from './contract.js';
import type { PromptChange, PromptState } from './prompt-state.js';

/**
 * socket.io wiring only: subscribe to the hall, feed rating-related events into PromptState,
 * and re-sync from the server's snapshot or replay after every reconnect. All decisions live in
 * PromptState so they can be tested without a socket.
 */

interface ServerToClientEvents {
  'hall:event': (event: unknown) => void;
}
interface ClientToServerEvents {
  subscribe: (request: { hallId: string; since?: string }, ack: (result: unknown) => void) => void;
}

export interface RealtimeOptions {
  serverUrl: string;
  deviceToken: string;
  hallId: string;
  prompt: PromptState;
  log: Logger;
  now?: () => number;
  ackTimeoutMs?: number;
  /** Called after each successful subscribe; the bridge uses it to flush the outbox early. */
  onSubscribed?: () => void;
}

export interface RealtimeLink {
  readonly connected: boolean;
  close(): void;
}

/** socket.io reads a path in the URL as a namespace, so a proxy prefix must go into `path`. */
export function socketTarget(serverUrl: string): { origin: string; path: string } {
  const url = new URL(serverUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  return { origin: url.origin, path: `${prefix}/socket.io` };
}

export function connectRealtime(opts: RealtimeOptions): RealtimeLink {
  const { log, prompt } = opts;
  const now = opts.now ?? Date.now;
  const target = socketTarget(opts.serverUrl);
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(target.origin, {
    path: target.path,
    auth: { token: opts.deviceToken },
    // a rating prompt lasts about a minute: come back quickly after the server does
    reconnectionDelayMax: 3_000,
  });
  let lastEventId: string | undefined;
  let lastProblem = '';

  const report = (change: PromptChange, eventType: string): void => {
    if (change.kind === 'opened') {
      log.info(
        { ticketId: change.ticketId, deadline: new Date(change.deadline).toISOString(), eventType },
        '请您对本次服务作出评价：评价已开放 / rating prompt open',
      );
    } else if (change.kind === 'closed') {
      log.info(
        { ticketId: change.ticketId, why: change.why, eventType },
        '评价已结束 / rating prompt closed',
      );
    }
  };

  const subscribe = (): void => {
    const request =
      lastEventId === undefined
        ? { hallId: opts.hallId }
        : { hallId: opts.hallId, since: lastEventId };
    socket
      .timeout(opts.ackTimeoutMs ?? 10_000)
      .emit('subscribe', request, (err: Error | null, raw: unknown) => {
        if (err) {
          log.warn(
            { err: err.message },
            '订阅大厅事件超时，重新连接 / hall subscription timed out, reconnecting',
          );
          socket.disconnect().connect();
          return;
        }
        const ack = SubscribeAck.safeParse(raw);
        if (!ack.success) {
          log.error({ ack: raw }, '订阅应答格式不符 / unexpected subscribe acknowledgement');
          return;
        }
        if (ack.data.error) {
          log.error(
            { code: ack.data.error.code, message: ack.data.error.message },
            '服务器拒绝订阅，请检查 hallId 与设备令牌 / server refused the subscription; check hallId and deviceToken',
          );
          return;
        }
        if (ack.data.lastEventId !== undefined) lastEventId = ack.data.lastEventId;
        const snapshot = ack.data.snapshot;
        if (snapshot) {
          if (snapshot.now !== undefined)
            prompt.setServerClockOffset(Date.parse(snapshot.now) - now());
          const window = snapshot.windows.find((w) => w.id === prompt.windowId);
          if (!window) {
            log.error(
              { windowId: prompt.windowId, hallId: opts.hallId },
              '大厅中没有此窗口，请检查配置的 windowId / this window is not in the hall; check windowId',
            );
          }
          report(prompt.restore(window?.awaitingRating), 'snapshot');
        }
        lastProblem = '';
        log.info(
          { hallId: opts.hallId, since: request.since },
          '已订阅大厅事件 / subscribed to hall events',
        );
        opts.onSubscribed?.();
      });
  };

  socket.on('connect', subscribe);
  socket.on('connect_error', (err) => {
    if (err.message === lastProblem) return;
    lastProblem = err.message;
    log.warn(
      { err: err.message },
      '无法连接服务器实时通道，自动重试 / realtime connection failed, retrying',
    );
  });
  socket.on('disconnect', (reason) => {
    log.warn({ reason }, '实时通道断开 / realtime connection lost');
  });
  socket.on('hall:event', (raw) => {
    const parsed = parseHallEvent(raw);
    if (parsed.kind === 'invalid') {
      log.warn({ error: parsed.error }, '忽略格式不符的大厅事件 / ignoring a malformed hall event');
      return;
    }
    if (parsed.kind === 'other') {
      lastEventId = parsed.id;
      return;
    }
    lastEventId = parsed.event.id;
    report(prompt.apply(parsed.event), parsed.event.type);
  });

  return {
    get connected() {
      return socket.connected;
    },
    close: () => {
      socket.removeAllListeners();
      socket.close();
    },
  };
}
