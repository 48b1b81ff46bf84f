import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainHidLoadError } from './hid.js';
import { draftProfile, Recording, recordingReports } from './learn.js';
import { fromHex, PressDecoder, type DecoderEvent } from './parse.js';
import { loadBuiltinProfiles, loadProfile, parseProfile } from './profile.js';

/** Recorded input reports of real device kinds, as `--learn` prints them. */
function recording(name: string): Recording {
  const url = new URL(`../fixtures/${name}.json`, import.meta.url);
  return Recording.parse(JSON.parse(readFileSync(url, 'utf8')));
}

/** Feeds a recording through the decoder the device path uses; returns every non-null event. */
async function replay(name: string): Promise<DecoderEvent[]> {
  const rec = recording(name);
  const decoder = new PressDecoder(await loadProfile(rec.profile ?? name));
  return recordingReports(rec)
    .map(({ at, report }) => decoder.feed(report, at))
    .filter((e): e is DecoderEvent => e !== null);
}

const presses = (events: DecoderEvent[]) =>
  events.flatMap((e) => (e.type === 'press' ? [{ at: e.at, score: e.score }] : []));
const ignored = (events: DecoderEvent[]) =>
  events.flatMap((e) => (e.type === 'ignored' ? [{ at: e.at, reason: e.reason }] : []));

describe('vendor-defined report evaluator (report-5key)', () => {
  it('turns the recording into exactly one rating per press', async () => {
    const events = await replay('report-5key');
    expect(presses(events)).toEqual([
      { at: 0, score: 5 },
      { at: 1000, score: 4 },
      { at: 2000, score: 3 },
      { at: 5000, score: 1 },
    ]);
    expect(ignored(events)).toEqual([
      { at: 1015, reason: 'bounce' },
      { at: 2500, reason: 'held' },
      { at: 3000, reason: 'held' },
      { at: 3500, reason: 'held' },
      { at: 4000, reason: 'held' },
      { at: 4500, reason: 'other_report' },
      { at: 4800, reason: 'unknown_key' },
      { at: 6000, reason: 'truncated' },
    ]);
  });

  it('after an unplug with a key still down, the replugged device starts with no key held', async () => {
    const decoder = new PressDecoder(await loadProfile('report-5key'));
    expect(decoder.feed(fromHex('01 03 00 00 00 00 00 00'), 0)).toMatchObject({ score: 3 });
    expect(decoder.feed(fromHex('01 03 00'), 40)).toMatchObject({ reason: 'truncated' });
    // without the reset the bridge does on reconnect, the same key would read as still held
    decoder.reset();
    expect(decoder.feed(fromHex('01 03 00 00 00 00 00 00'), 5000)).toMatchObject({
      type: 'press',
      score: 3,
    });
  });
});

describe('HID keyboard evaluator (keyboard-digits)', () => {
  it('turns the recording into exactly one rating per press', async () => {
    const events = await replay('keyboard-digits');
    expect(presses(events)).toEqual([
      { at: 0, score: 5 },
      { at: 500, score: 4 },
      { at: 1000, score: 3 },
      { at: 3000, score: 2 },
      { at: 4500, score: 1 },
    ]);
    expect(ignored(events)).toEqual([
      { at: 512, reason: 'bounce' },
      { at: 1500, reason: 'held' },
      { at: 2000, reason: 'held' },
      { at: 3500, reason: 'rollover_error' },
      { at: 4000, reason: 'several_keys' },
      { at: 5000, reason: 'truncated' },
    ]);
  });
});

describe('four-key evaluator (report-4key)', () => {
  it('maps its four keys onto the national five-level scale', async () => {
    const events = await replay('report-4key');
    expect(presses(events).map((p) => p.score)).toEqual([5, 4, 3, 2]);
    expect(ignored(events)).toEqual([{ at: 3400, reason: 'held' }]);
  });
});

describe('device profiles', () => {
  it('every built-in profile is valid data', async () => {
    const profiles = await loadBuiltinProfiles();
    expect(profiles.map((p) => p.name).sort()).toEqual([
      'keyboard-digits',
      'report-4key',
      'report-5key',
    ]);
  });

  it('names the bad field of a broken profile', () => {
    expect(() =>
      parseProfile(
        {
          name: 'x',
          match: { vendorId: '0x1', productId: 2 },
          kind: 'report',
          keys: { '0x01': 7 },
          releaseIsZero: true,
          debounceMs: 50,
        },
        'x.json',
      ),
    ).toThrow(/x\.json[\s\S]*keys\.0x01/);
  });

  it('--learn drafts a profile that decodes what was recorded', () => {
    const reports = ['01 01 00 00', '01 00 00 00', '01 02 00 00', '01 00 00 00'].map(fromHex);
    const draft = draftProfile(reports, { vendorId: 0x0483, productId: 0x5750 });
    expect(draft.profile).toMatchObject({ kind: 'report', reportId: '0x01', keyOffset: 1 });
    const decoder = new PressDecoder(parseProfile(draft.profile));
    expect(decoder.feed(fromHex('01 02 00 00'), 0)).toMatchObject({ type: 'press', score: 1 });
  });
});

describe('missing system libraries', () => {
  it('tells the user which Debian packages to install', () => {
    const err = new Error(
      'libusb-1.0.so.0: cannot open shared object file: No such file or directory',
    );
    expect(explainHidLoadError(err)).toMatch(/apt-get install libusb-1\.0-0 libudev1/);
    expect(explainHidLoadError(new Error('libudev.so.1: cannot open shared object file'))).toMatch(
      /libudev1/,
    );
    expect(explainHidLoadError(new Error('something else'))).toBeUndefined();
  });
});
