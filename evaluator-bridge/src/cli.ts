import { parseArgs } from 'node:util';
import { pino, type Logger } from 'pino';
import { Bridge } from './bridge.js';
import { ConfigError, loadConfig } from './config.js';
import {
  describeDevice,
  findDevices,
  HidLibraryError,
  loadNodeHid,
  type DeviceInfo,
  type HidDevice,
  type HidDeviceOpener,
} from './hid.js';
import { draftProfile, formatReportLine } from './learn.js';
import { PressDecoder } from './parse.js';
import {
  hex,
  loadBuiltinProfiles,
  loadProfile,
  numberOrHex,
  ProfileError,
  type DeviceMatch,
  type Profile,
} from './profile.js';
import { connectRealtime } from './realtime.js';
import { describeScore } from './score.js';

const USAGE = `评价器桥接 evaluator-bridge

用法 / usage:
  evaluator-bridge [--config bridge.json]     运行：读取评价器并上报评价 / run the bridge
  evaluator-bridge --list                     列出可见的 HID 设备 / list the HID devices this PC sees
  evaluator-bridge --learn --device VID:PID   打印每次按键的原始报告 / print the raw report of each key press
                   [--path PATH] [--profile NAME_OR_FILE]
  evaluator-bridge --help

--learn: 按"非常满意"起依次按每个键一次，然后按 Ctrl+C,将打印一份配置草稿。
         Press each key once, best (非常满意) first, then Ctrl+C: a draft profile is printed.
`;

/** Exit codes: 0 fine, 1 bad usage or configuration, 2 the USB/HID system library is missing. */
const EXIT_USAGE = 1;
const EXIT_LIBRARY = 2;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'bridge.json' },
      list: { type: 'boolean', default: false },
      learn: { type: 'boolean', default: false },
      device: { type: 'string' },
      path: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.list) return list();
  if (values.learn) return learn(values);
  return run(values.config);
}

/** `--list`: every HID device with ids, usage and path, and which built-in profile fits it. */
async function list(): Promise<number> {
  const opener = await loadNodeHid();
  const devices = opener.list();
  const profiles = await loadBuiltinProfiles();
  if (devices.length === 0) {
    process.stdout.write(
      '没有发现 HID 设备（检查连接与 hidraw 权限，见 README） / no HID devices found (check the cable and hidraw permissions, see README)\n',
    );
    return 0;
  }
  process.stdout.write(`发现 ${devices.length} 个 HID 接口 / ${devices.length} HID interfaces:\n`);
  for (const d of devices) {
    const fits = profiles.filter((p) => findDevices([d], p.match).length > 0).map((p) => p.name);
    const usage =
      d.usagePage === undefined ? '' : ` usage ${hex(d.usagePage)}/${hex(d.usage ?? 0)}`;
    const profile = fits.length > 0 ? `  ← profile: ${fits.join(', ')}` : '';
    process.stdout.write(`  ${describeDevice(d)}${usage}${profile}\n`);
  }
  return 0;
}

/** "0483:5750" or "0x0483:0x5750": the spelling of lsusb and of --list. */
export function parseDeviceId(text: string): { vendorId: number; productId: number } {
  const parts = text.split(':');
  const num = numberOrHex(0xffff);
  const asHex = (s: string | undefined): number =>
    num.parse(s === undefined ? '' : s.startsWith('0x') ? s : `0x${s}`);
  if (parts.length !== 2) throw new ConfigError(`--device 应为 VID:PID / --device wants VID:PID`);
  try {
    return { vendorId: asHex(parts[0]), productId: asHex(parts[1]) };
  } catch {
    throw new ConfigError(`--device 应为十六进制 VID:PID,如 0483:5750 / not hex: ${text}`);
  }
}

/** `--learn`: prints every raw report, decodes it with a profile if given, drafts a profile at the end. */
async function learn(values: {
  device?: string | undefined;
  path?: string | undefined;
  profile?: string | undefined;
}): Promise<number> {
  const profile: Profile | undefined =
    values.profile === undefined ? undefined : await loadProfile(values.profile);
  const ids: DeviceMatch | undefined =
    values.device !== undefined ? parseDeviceId(values.device) : profile?.match;
  if (ids === undefined && values.path === undefined) {
    throw new ConfigError(
      '--learn 需要 --device VID:PID 或 --path / --learn needs --device or --path',
    );
  }
  const opener = await loadNodeHid();
  const found: DeviceInfo | undefined =
    values.path !== undefined
      ? opener.list().find((d) => d.path === values.path)
      : findDevices(opener.list(), ids as DeviceMatch)[0];
  if (!found) {
    process.stderr.write('找不到该设备，先用 --list 查看 / device not found; see --list\n');
    return EXIT_USAGE;
  }
  const device: HidDevice = opener.open(found.path ?? found);
  const decoder = profile ? new PressDecoder(profile) : undefined;
  const reports: Buffer[] = [];
  const started = Date.now();
  process.stdout.write(
    `正在读取 ${describeDevice(found)}；请逐个按键，Ctrl+C 结束 / reading; press each key, Ctrl+C to end\n`,
  );
  return new Promise<number>((resolve) => {
    const finish = (code: number): void => {
      device.removeAllListeners();
      device.on('error', () => undefined);
      device.close();
      const draft = draftProfile(reports, { vendorId: found.vendorId, productId: found.productId });
      for (const note of draft.notes) process.stdout.write(`# ${note}\n`);
      if (draft.profile) {
        process.stdout.write(
          `配置草稿 / draft profile:\n${JSON.stringify(draft.profile, null, 2)}\n`,
        );
      }
      resolve(code);
    };
    device.on('data', (report) => {
      const at = Date.now() - started;
      reports.push(report);
      const decoded = decoder?.feed(report, at);
      const note =
        decoded === undefined || decoded === null
          ? ''
          : decoded.type === 'press'
            ? `  → ${describeScore(decoded.score)}`
            : `  (${decoded.reason})`;
      process.stdout.write(`${formatReportLine(at, report)}${note}\n`);
    });
    device.on('error', (err) => {
      process.stderr.write(`设备断开 / device lost: ${err.message}\n`);
      finish(EXIT_USAGE);
    });
    process.once('SIGINT', () => finish(0));
  });
}

/** The service: reads the evaluator, follows the window's rating prompt, posts ratings. */
async function run(configFile: string): Promise<number> {
  const config = await loadConfig(configFile);
  const log: Logger = pino({ level: config.logLevel });
  const profile = await loadProfile(config.profile, config.baseDir);
  let opener: HidDeviceOpener;
  try {
    opener = await loadNodeHid();
    // node-hid loads libusb/libudev on the first listing: fail now with the fix, not later.
    opener.list();
  } catch (err) {
    if (err instanceof HidLibraryError) {
      log.fatal(err.message);
      return EXIT_LIBRARY;
    }
    throw err;
  }
  const bridge = await Bridge.create({
    config,
    profile,
    opener,
    log,
    realtime: (prompt, onSubscribed) =>
      connectRealtime({
        serverUrl: config.serverUrl,
        deviceToken: config.deviceToken,
        hallId: config.hallId,
        prompt,
        log,
        onSubscribed,
      }),
  });
  bridge.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('正在停止，未发送的评价保留在磁盘 / stopping; unsent ratings stay on disk');
  await bridge.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof HidLibraryError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(EXIT_LIBRARY);
    }
    if (err instanceof ConfigError || err instanceof ProfileError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(EXIT_USAGE);
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
      process.exit(EXIT_USAGE);
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
