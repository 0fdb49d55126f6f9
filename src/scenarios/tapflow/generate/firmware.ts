/** Firmware releases; a device runs the latest release before it was last seen, or the one before. */
import { parseIsoDay } from '../../../time/calendar.js';

export const FIRMWARE: readonly { readonly version: string; readonly day: number }[] = [
  ['2.4.1', '2019-10-01'],
  ['2.6.0', '2020-09-15'],
  ['3.0.2', '2021-06-01'],
  ['3.1.4', '2022-03-10'],
  ['3.2.0', '2023-01-20'],
  ['3.3.1', '2024-02-05'],
  ['4.0.0', '2025-03-01'],
].map(([version, day]) => ({ version: version!, day: parseIsoDay(day!)! }));

export const FIRMWARE_VERSIONS: readonly string[] = FIRMWARE.map((f) => f.version);
