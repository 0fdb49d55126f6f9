/**
 * Technicians' notes: a catalogue enumerated once (the `notes` column's dictionary), and the notes
 * that fit a work order (its type, the device's type, whether it was an emergency, still open, or a
 * firmware release). A note is picked among the fitting ones from the day's stream.
 */
import { FIRMWARE_VERSIONS } from './firmware.js';

const each = <T>(xs: readonly T[], f: (x: T) => string) => xs.map(f);

const PARTS: Readonly<Record<string, readonly string[]>> = {
  tap_controller: [
    'solenoid valve',
    'flow meter',
    'faucet assembly',
    'main board',
    'power supply',
    'coupler seal',
  ],
  sensor: ['temperature probe', 'pressure transducer', 'flow sensor', 'sensor battery', 'probe cable'],
  gateway: ['LTE modem', 'antenna', 'power supply', 'main board', 'Ethernet module'],
};
const EMERGENCIES = [
  'tap leaking',
  'no flow at the faucet',
  'line running warm',
  'device unreachable',
  'foaming pours',
];
const FINDINGS = [
  'no issues found',
  'fittings tightened',
  'worn washer replaced',
  'condensate tray cleaned',
  'labels updated',
];

const groups = {
  line_cleaning: [
    ...each([2, 3, 4, 5, 6], (n) => `Lines flushed and sanitised (${n} lines)`),
    ...each(
      [
        'yeast build-up removed',
        'beer stone removed',
        'faucets soaked and brushed',
        'coupler seals replaced',
      ],
      (x) => `Line cleaning: ${x}`,
    ),
    ...each([3, 4, 5], (t) => `Glycol chiller serviced; line back to ${t} °C`),
  ],
  preventive: [
    ...each(FINDINGS, (x) => `Scheduled inspection: ${x}`),
    ...each(
      ['faucet seals', 'pressure gauge', 'shank washer', 'drip tray sensor', 'mounting bracket'],
      (p) => `Annual service: ${p} replaced`,
    ),
  ],
  calibration: [
    ...each([2, 3, 4, 5, 6, 7, 8, 9], (x) => `Flow meter recalibrated (${x} % drift corrected)`),
    ...each(['0.3', '0.6', '0.9', '1.2'], (x) => `Temperature probe recalibrated (${x} °C offset)`),
    ...each([11, 12, 13, 14], (p) => `Pressure sensor zeroed; regulator set to ${p} psi`),
  ],
  repairByType: Object.fromEntries(
    Object.entries(PARTS).map(([type, parts]) => [type, each(parts, (p) => `Replaced ${p}`)]),
  ) as Record<string, string[]>,
  repairOnSite: each(
    ['valve seat', 'wiring harness', 'connector', 'housing seal'],
    (p) => `Repaired ${p} on site`,
  ),
  awaitingByType: Object.fromEntries(
    Object.entries(PARTS).map(([type, parts]) => [
      type,
      each(parts, (p) => `Diagnosed; awaiting ${p} from supplier`),
    ]),
  ) as Record<string, string[]>,
  emergency: each(EMERGENCIES, (x) => `Emergency callout: ${x}`),
  dispatched: ['Technician dispatched', 'Visit booked with the venue', 'Line shut off pending service'],
  firmware: each(FIRMWARE_VERSIONS, (v) => `Firmware ${v} installed over the air`),
};

/** Every note, in a fixed order (the dictionary of the notes column). */
export const MAINTENANCE_NOTES: readonly string[] = [
  ...new Set([
    ...groups.line_cleaning,
    ...groups.preventive,
    ...groups.calibration,
    ...Object.values(groups.repairByType).flat(),
    ...groups.repairOnSite,
    ...Object.values(groups.awaitingByType).flat(),
    ...groups.emergency,
    ...groups.dispatched,
    ...groups.firmware,
  ]),
];

const index = (notes: readonly string[]) => Int32Array.from(notes, (n) => MAINTENANCE_NOTES.indexOf(n));
const LINE_CLEANING = index(groups.line_cleaning);
const PREVENTIVE = index(groups.preventive);
const CALIBRATION = index(groups.calibration);
const EMERGENCY = index(groups.emergency);
const DISPATCHED = index(groups.dispatched);
const REPAIR = Object.fromEntries(
  Object.keys(PARTS).map((t) => [t, index([...groups.repairByType[t]!, ...groups.repairOnSite])]),
);
const AWAITING = Object.fromEntries(Object.keys(PARTS).map((t) => [t, index(groups.awaitingByType[t]!)]));

export interface NoteFacts {
  readonly type: string;
  readonly deviceType: string;
  readonly open: boolean;
  readonly emergency: boolean;
  /** Release installed (index into FIRMWARE_VERSIONS), for firmware updates. */
  readonly firmware: number;
}

/** A note fitting the work order, chosen by `u` in [0, 1). */
export function noteFor(f: NoteFacts, u: number): number {
  if (f.type === 'firmware_update') return MAINTENANCE_NOTES.indexOf(groups.firmware[f.firmware]!);
  const options = f.open
    ? f.type === 'repair' || f.type === 'calibration'
      ? AWAITING[f.deviceType]!
      : DISPATCHED
    : f.emergency
      ? EMERGENCY
      : f.type === 'line_cleaning'
        ? LINE_CLEANING
        : f.type === 'preventive'
          ? PREVENTIVE
          : f.type === 'calibration'
            ? CALIBRATION
            : REPAIR[f.deviceType]!;
  return options[Math.floor(u * options.length)]!;
}
