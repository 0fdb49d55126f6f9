/**
 * Real places, weighted by population (approximate 2020/2021 census figures, used only as weights).
 * The shop ships to the US and Canada: `tax` is the combined sales tax (US: state + local) or
 * GST/HST/PST (Canada) an online order pays there. Visitors from elsewhere browse but never buy.
 */
import { cumulative } from './keyed.js';

export interface Place {
  readonly city: string;
  /** USPS state or Canadian province code; '' outside North America. */
  readonly state: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly population: number;
  /** Real postal codes inside the city (none for browse-only places). */
  readonly postal: readonly string[];
  /** Telephone area code. */
  readonly area: string;
  /** Sales tax rate on an order shipped there. */
  readonly tax: number;
}

const p = (
  city: string,
  state: string,
  country: string,
  population: number,
  postal: readonly string[],
  area: string,
  tax: number,
): Place => ({ city, state, country, population, postal, area, tax });

/** Places customers live in and orders ship to. */
export const SHIPPING_PLACES: readonly Place[] = [
  p('New York', 'NY', 'US', 8804190, ['10001', '10011', '10025'], '212', 0.08875),
  p('Los Angeles', 'CA', 'US', 3898747, ['90012', '90026', '90045'], '213', 0.095),
  p('Chicago', 'IL', 'US', 2746388, ['60601', '60614', '60657'], '312', 0.1025),
  p('Houston', 'TX', 'US', 2304580, ['77002', '77019', '77098'], '713', 0.0825),
  p('Phoenix', 'AZ', 'US', 1608139, ['85003', '85016', '85018'], '602', 0.086),
  p('Philadelphia', 'PA', 'US', 1603797, ['19103', '19104', '19147'], '215', 0.08),
  p('San Antonio', 'TX', 'US', 1434625, ['78205', '78209', '78212'], '210', 0.0825),
  p('San Diego', 'CA', 'US', 1386932, ['92101', '92103', '92109'], '619', 0.0775),
  p('Dallas', 'TX', 'US', 1304379, ['75201', '75204', '75214'], '214', 0.0825),
  p('San Jose', 'CA', 'US', 1013240, ['95112', '95125', '95126'], '408', 0.09375),
  p('Austin', 'TX', 'US', 961855, ['78701', '78704', '78745'], '512', 0.0825),
  p('Jacksonville', 'FL', 'US', 949611, ['32202', '32207', '32256'], '904', 0.075),
  p('Fort Worth', 'TX', 'US', 918915, ['76102', '76107', '76110'], '817', 0.0825),
  p('Columbus', 'OH', 'US', 905748, ['43201', '43206', '43215'], '614', 0.075),
  p('Charlotte', 'NC', 'US', 874579, ['28202', '28203', '28205'], '704', 0.0725),
  p('Indianapolis', 'IN', 'US', 887642, ['46202', '46204', '46220'], '317', 0.07),
  p('San Francisco', 'CA', 'US', 873965, ['94103', '94110', '94117'], '415', 0.08625),
  p('Seattle', 'WA', 'US', 737015, ['98101', '98103', '98122'], '206', 0.1025),
  p('Denver', 'CO', 'US', 715522, ['80202', '80205', '80210'], '303', 0.0881),
  p('Washington', 'DC', 'US', 689545, ['20001', '20009', '20016'], '202', 0.06),
  p('Boston', 'MA', 'US', 675647, ['02108', '02116', '02130'], '617', 0.0625),
  p('Nashville', 'TN', 'US', 689447, ['37203', '37206', '37212'], '615', 0.0925),
  p('Oklahoma City', 'OK', 'US', 681054, ['73102', '73106', '73118'], '405', 0.08625),
  p('El Paso', 'TX', 'US', 678815, ['79901', '79902', '79912'], '915', 0.0825),
  p('Portland', 'OR', 'US', 652503, ['97201', '97209', '97214'], '503', 0),
  p('Las Vegas', 'NV', 'US', 641903, ['89101', '89109', '89117'], '702', 0.08375),
  p('Detroit', 'MI', 'US', 639111, ['48201', '48207', '48226'], '313', 0.06),
  p('Memphis', 'TN', 'US', 633104, ['38103', '38104', '38117'], '901', 0.0975),
  p('Louisville', 'KY', 'US', 617638, ['40202', '40204', '40205'], '502', 0.06),
  p('Baltimore', 'MD', 'US', 585708, ['21201', '21202', '21224'], '410', 0.06),
  p('Milwaukee', 'WI', 'US', 577222, ['53202', '53204', '53211'], '414', 0.055),
  p('Albuquerque', 'NM', 'US', 564559, ['87102', '87106', '87110'], '505', 0.07625),
  p('Tucson', 'AZ', 'US', 542629, ['85701', '85705', '85719'], '520', 0.087),
  p('Fresno', 'CA', 'US', 542107, ['93701', '93704', '93720'], '559', 0.0835),
  p('Sacramento', 'CA', 'US', 524943, ['95814', '95816', '95818'], '916', 0.0875),
  p('Atlanta', 'GA', 'US', 498715, ['30303', '30308', '30309'], '404', 0.089),
  p('Kansas City', 'MO', 'US', 508090, ['64105', '64108', '64111'], '816', 0.0885),
  p('Miami', 'FL', 'US', 442241, ['33125', '33130', '33137'], '305', 0.07),
  p('Raleigh', 'NC', 'US', 467665, ['27601', '27603', '27608'], '919', 0.0725),
  p('Omaha', 'NE', 'US', 486051, ['68102', '68105', '68114'], '402', 0.07),
  p('Minneapolis', 'MN', 'US', 429954, ['55401', '55403', '55408'], '612', 0.08025),
  p('Tampa', 'FL', 'US', 384959, ['33602', '33606', '33611'], '813', 0.075),
  p('New Orleans', 'LA', 'US', 383997, ['70112', '70115', '70130'], '504', 0.0945),
  p('Cleveland', 'OH', 'US', 372624, ['44102', '44113', '44114'], '216', 0.08),
  p('Pittsburgh', 'PA', 'US', 302971, ['15212', '15213', '15222'], '412', 0.07),
  p('St. Louis', 'MO', 'US', 301578, ['63101', '63104', '63110'], '314', 0.09679),
  p('Orlando', 'FL', 'US', 307573, ['32801', '32803', '32806'], '407', 0.065),
  p('Honolulu', 'HI', 'US', 350964, ['96813', '96815', '96822'], '808', 0.04712),
  p('Anchorage', 'AK', 'US', 291247, ['99501', '99503', '99508'], '907', 0),
  p('Boise', 'ID', 'US', 235684, ['83702', '83704', '83706'], '208', 0.06),
  p('Spokane', 'WA', 'US', 228989, ['99201', '99203', '99205'], '509', 0.09),
  p('Des Moines', 'IA', 'US', 214133, ['50309', '50310', '50312'], '515', 0.07),
  p('Richmond', 'VA', 'US', 226610, ['23219', '23220', '23223'], '804', 0.06),
  p('Birmingham', 'AL', 'US', 200733, ['35203', '35205', '35209'], '205', 0.1),
  p('Salt Lake City', 'UT', 'US', 199723, ['84101', '84102', '84105'], '801', 0.0775),
  p('Providence', 'RI', 'US', 190934, ['02903', '02906', '02908'], '401', 0.07),
  p('Madison', 'WI', 'US', 269840, ['53703', '53704', '53711'], '608', 0.055),
  p('Charleston', 'SC', 'US', 150227, ['29401', '29403', '29407'], '843', 0.09),
  p('Hartford', 'CT', 'US', 121054, ['06103', '06105', '06106'], '860', 0.0635),
  p('Manchester', 'NH', 'US', 115644, ['03101', '03103', '03104'], '603', 0),
  p('Billings', 'MT', 'US', 117116, ['59101', '59102', '59105'], '406', 0),
  p('Wilmington', 'DE', 'US', 70898, ['19801', '19802', '19806'], '302', 0),
  p('Toronto', 'ON', 'CA', 2794356, ['M5V 2T6', 'M4W 1A8', 'M6G 3B3'], '416', 0.13),
  p('Montreal', 'QC', 'CA', 1762949, ['H2X 1Y4', 'H3B 2Y5', 'H2J 3K5'], '514', 0.14975),
  p('Calgary', 'AB', 'CA', 1306784, ['T2P 1J9', 'T2R 0A1', 'T3A 0E2'], '403', 0.05),
  p('Ottawa', 'ON', 'CA', 1017449, ['K1P 5J2', 'K1S 3W7', 'K2P 1L4'], '613', 0.13),
  p('Edmonton', 'AB', 'CA', 1010899, ['T5J 0N3', 'T6E 1Z9', 'T5K 2J1'], '780', 0.05),
  p('Winnipeg', 'MB', 'CA', 749607, ['R3C 0V8', 'R3M 1Y5', 'R2W 3N6'], '204', 0.12),
  p('Mississauga', 'ON', 'CA', 717961, ['L5B 1M2', 'L5M 4Z5', 'L4Z 1S2'], '905', 0.13),
  p('Vancouver', 'BC', 'CA', 662248, ['V6B 1A1', 'V5K 0A1', 'V6K 2G6'], '604', 0.12),
  p('Quebec City', 'QC', 'CA', 549459, ['G1R 4P5', 'G1K 3T4', 'G1S 1C1'], '418', 0.14975),
  p('Hamilton', 'ON', 'CA', 569353, ['L8P 4R5', 'L8N 3T1', 'L8S 1B4'], '905', 0.13),
  p('Halifax', 'NS', 'CA', 439819, ['B3H 1Y4', 'B3J 3K5', 'B3K 5L9'], '902', 0.15),
  p('Saskatoon', 'SK', 'CA', 266141, ['S7K 1J5', 'S7N 0W8', 'S7H 0S2'], '306', 0.11),
  p('Victoria', 'BC', 'CA', 91867, ['V8W 1P6', 'V8V 3K3', 'V8R 4X4'], '250', 0.12),
];

/** Places anonymous visitors browse from but the shop does not ship to. */
export const BROWSE_ONLY_PLACES: readonly Place[] = [
  p('London', '', 'GB', 8799800, [], '', 0),
  p('Manchester', '', 'GB', 552000, [], '', 0),
  p('Berlin', '', 'DE', 3677472, [], '', 0),
  p('Paris', '', 'FR', 2165423, [], '', 0),
  p('Dublin', '', 'IE', 592713, [], '', 0),
  p('Sydney', '', 'AU', 5231147, [], '', 0),
  p('Mexico City', '', 'MX', 9209944, [], '', 0),
  p('Mumbai', '', 'IN', 12442373, [], '', 0),
];

/** Every place, shipping first: a place index below SHIPPING_PLACES.length can receive orders. */
export const PLACES: readonly Place[] = [...SHIPPING_PLACES, ...BROWSE_ONLY_PLACES];

/** Places of a country by population, as cumulative weights over PLACES (others weigh 0). */
export function placeWeights(country: string | undefined): Float64Array {
  return cumulative(PLACES.map((p) => (country === undefined || p.country === country ? p.population : 0)));
}
