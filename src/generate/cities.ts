// Real US cities grouped into four sales regions; populations are approximate 2020 census figures used only as weights.

export type Region = 'Northeast' | 'West Coast' | 'Southeast' | 'Midwest';

export const REGIONS: readonly Region[] = ['Northeast', 'West Coast', 'Southeast', 'Midwest'];

export interface City {
  readonly name: string; // e.g. 'Boston'
  readonly state: string; // two-letter USPS code, e.g. 'MA'
  readonly region: Region;
  readonly timezone: string; // IANA zone, e.g. 'America/New_York'
  readonly latitude: number; // city centre, 4 decimals
  readonly longitude: number; // city centre, 4 decimals
  readonly population: number; // approximate city-proper population (2020 census), used as a weight
  readonly postalCodes: readonly string[]; // 4 to 6 real 5-digit ZIP codes that lie inside that city
}

export const CITIES: readonly City[] = [
  // Northeast
  {
    name: 'New York', state: 'NY', region: 'Northeast', timezone: 'America/New_York',
    latitude: 40.7128, longitude: -74.0060, population: 8804190,
    postalCodes: ['10001', '10011', '10016', '10019', '10022', '10036'],
  },
  {
    name: 'Philadelphia', state: 'PA', region: 'Northeast', timezone: 'America/New_York',
    latitude: 39.9526, longitude: -75.1652, population: 1603797,
    postalCodes: ['19103', '19104', '19106', '19107', '19130', '19147'],
  },
  {
    name: 'Washington', state: 'DC', region: 'Northeast', timezone: 'America/New_York',
    latitude: 38.9072, longitude: -77.0369, population: 689545,
    postalCodes: ['20001', '20002', '20003', '20005', '20009', '20036'],
  },
  {
    name: 'Boston', state: 'MA', region: 'Northeast', timezone: 'America/New_York',
    latitude: 42.3601, longitude: -71.0589, population: 675647,
    postalCodes: ['02108', '02110', '02115', '02116', '02118'],
  },
  {
    name: 'Baltimore', state: 'MD', region: 'Northeast', timezone: 'America/New_York',
    latitude: 39.2904, longitude: -76.6122, population: 585708,
    postalCodes: ['21201', '21202', '21211', '21218', '21224', '21230'],
  },
  {
    name: 'Pittsburgh', state: 'PA', region: 'Northeast', timezone: 'America/New_York',
    latitude: 40.4406, longitude: -79.9959, population: 302971,
    postalCodes: ['15206', '15213', '15219', '15222', '15224', '15232'],
  },
  {
    name: 'Newark', state: 'NJ', region: 'Northeast', timezone: 'America/New_York',
    latitude: 40.7357, longitude: -74.1724, population: 311549,
    postalCodes: ['07102', '07103', '07104', '07105', '07107'],
  },
  {
    name: 'Jersey City', state: 'NJ', region: 'Northeast', timezone: 'America/New_York',
    latitude: 40.7178, longitude: -74.0431, population: 292449,
    postalCodes: ['07302', '07304', '07305', '07306', '07307'],
  },
  {
    name: 'Buffalo', state: 'NY', region: 'Northeast', timezone: 'America/New_York',
    latitude: 42.8864, longitude: -78.8784, population: 278349,
    postalCodes: ['14201', '14202', '14203', '14209', '14213', '14222'],
  },
  {
    name: 'Rochester', state: 'NY', region: 'Northeast', timezone: 'America/New_York',
    latitude: 43.1566, longitude: -77.6088, population: 211328,
    postalCodes: ['14604', '14605', '14607', '14608', '14620'],
  },
  {
    name: 'Providence', state: 'RI', region: 'Northeast', timezone: 'America/New_York',
    latitude: 41.8240, longitude: -71.4128, population: 190934,
    postalCodes: ['02903', '02906', '02907', '02908', '02909'],
  },
  {
    name: 'New Haven', state: 'CT', region: 'Northeast', timezone: 'America/New_York',
    latitude: 41.3083, longitude: -72.9279, population: 134023,
    postalCodes: ['06510', '06511', '06513', '06515', '06519'],
  },
  {
    name: 'Hartford', state: 'CT', region: 'Northeast', timezone: 'America/New_York',
    latitude: 41.7658, longitude: -72.6734, population: 121054,
    postalCodes: ['06103', '06105', '06106', '06112', '06114'],
  },
  {
    name: 'Albany', state: 'NY', region: 'Northeast', timezone: 'America/New_York',
    latitude: 42.6526, longitude: -73.7562, population: 99224,
    postalCodes: ['12202', '12203', '12206', '12207', '12210'],
  },
  {
    name: 'Portland', state: 'ME', region: 'Northeast', timezone: 'America/New_York',
    latitude: 43.6591, longitude: -70.2568, population: 68408,
    postalCodes: ['04101', '04102', '04103', '04108'],
  },
  {
    name: 'Burlington', state: 'VT', region: 'Northeast', timezone: 'America/New_York',
    latitude: 44.4759, longitude: -73.2121, population: 44743,
    postalCodes: ['05401', '05402', '05405', '05408'],
  },

  // West Coast
  {
    name: 'Los Angeles', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 34.0522, longitude: -118.2437, population: 3898747,
    postalCodes: ['90012', '90015', '90017', '90028', '90036', '90046'],
  },
  {
    name: 'San Diego', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 32.7157, longitude: -117.1611, population: 1386932,
    postalCodes: ['92101', '92103', '92104', '92109', '92115', '92122'],
  },
  {
    name: 'San Jose', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 37.3382, longitude: -121.8863, population: 1013240,
    postalCodes: ['95110', '95112', '95113', '95125', '95126', '95128'],
  },
  {
    name: 'San Francisco', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 37.7749, longitude: -122.4194, population: 873965,
    postalCodes: ['94102', '94103', '94107', '94110', '94114', '94117'],
  },
  {
    name: 'Seattle', state: 'WA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 47.6062, longitude: -122.3321, population: 737015,
    postalCodes: ['98101', '98102', '98103', '98104', '98109', '98122'],
  },
  {
    name: 'Portland', state: 'OR', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 45.5152, longitude: -122.6784, population: 652503,
    postalCodes: ['97201', '97205', '97209', '97210', '97214', '97232'],
  },
  {
    name: 'Sacramento', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 38.5816, longitude: -121.4944, population: 524943,
    postalCodes: ['95811', '95814', '95816', '95818', '95819', '95822'],
  },
  {
    name: 'Oakland', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 37.8044, longitude: -122.2712, population: 440646,
    postalCodes: ['94601', '94606', '94607', '94610', '94611', '94612'],
  },
  {
    name: 'Fresno', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 36.7378, longitude: -119.7871, population: 542107,
    postalCodes: ['93701', '93704', '93710', '93721', '93726', '93727'],
  },
  {
    name: 'Long Beach', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 33.7701, longitude: -118.1937, population: 466742,
    postalCodes: ['90802', '90803', '90804', '90806', '90813', '90815'],
  },
  {
    name: 'Bakersfield', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 35.3733, longitude: -119.0187, population: 403455,
    postalCodes: ['93301', '93304', '93305', '93306', '93309'],
  },
  {
    name: 'Anaheim', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 33.8366, longitude: -117.9143, population: 346824,
    postalCodes: ['92801', '92802', '92804', '92805', '92806'],
  },
  {
    name: 'Spokane', state: 'WA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 47.6588, longitude: -117.4260, population: 228989,
    postalCodes: ['99201', '99202', '99203', '99204', '99205', '99207'],
  },
  {
    name: 'Tacoma', state: 'WA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 47.2529, longitude: -122.4443, population: 219346,
    postalCodes: ['98402', '98403', '98405', '98406', '98407', '98408'],
  },
  {
    name: 'Eugene', state: 'OR', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 44.0521, longitude: -123.0868, population: 176654,
    postalCodes: ['97401', '97402', '97403', '97404', '97405'],
  },
  {
    name: 'Santa Barbara', state: 'CA', region: 'West Coast', timezone: 'America/Los_Angeles',
    latitude: 34.4208, longitude: -119.6982, population: 88665,
    postalCodes: ['93101', '93103', '93105', '93109'],
  },

  // Southeast
  {
    name: 'Atlanta', state: 'GA', region: 'Southeast', timezone: 'America/New_York',
    latitude: 33.7490, longitude: -84.3880, population: 498715,
    postalCodes: ['30303', '30305', '30306', '30308', '30309', '30318'],
  },
  {
    name: 'Miami', state: 'FL', region: 'Southeast', timezone: 'America/New_York',
    latitude: 25.7617, longitude: -80.1918, population: 442241,
    postalCodes: ['33125', '33127', '33130', '33131', '33132', '33137'],
  },
  {
    name: 'Charlotte', state: 'NC', region: 'Southeast', timezone: 'America/New_York',
    latitude: 35.2271, longitude: -80.8431, population: 874579,
    postalCodes: ['28202', '28203', '28204', '28205', '28207', '28209'],
  },
  {
    name: 'Nashville', state: 'TN', region: 'Southeast', timezone: 'America/Chicago',
    latitude: 36.1627, longitude: -86.7816, population: 689447,
    postalCodes: ['37203', '37204', '37206', '37208', '37212', '37219'],
  },
  {
    name: 'Jacksonville', state: 'FL', region: 'Southeast', timezone: 'America/New_York',
    latitude: 30.3322, longitude: -81.6557, population: 949611,
    postalCodes: ['32202', '32204', '32205', '32207', '32210', '32256'],
  },
  {
    name: 'Tampa', state: 'FL', region: 'Southeast', timezone: 'America/New_York',
    latitude: 27.9506, longitude: -82.4572, population: 384959,
    postalCodes: ['33602', '33603', '33606', '33609', '33611', '33629'],
  },
  {
    name: 'Orlando', state: 'FL', region: 'Southeast', timezone: 'America/New_York',
    latitude: 28.5383, longitude: -81.3792, population: 307573,
    postalCodes: ['32801', '32803', '32804', '32805', '32806'],
  },
  {
    name: 'New Orleans', state: 'LA', region: 'Southeast', timezone: 'America/Chicago',
    latitude: 29.9511, longitude: -90.0715, population: 383997,
    postalCodes: ['70112', '70113', '70115', '70116', '70118', '70130'],
  },
  {
    name: 'Raleigh', state: 'NC', region: 'Southeast', timezone: 'America/New_York',
    latitude: 35.7796, longitude: -78.6382, population: 467665,
    postalCodes: ['27601', '27603', '27604', '27605', '27607', '27609'],
  },
  {
    name: 'Memphis', state: 'TN', region: 'Southeast', timezone: 'America/Chicago',
    latitude: 35.1495, longitude: -90.0490, population: 633104,
    postalCodes: ['38103', '38104', '38105', '38111', '38117', '38120'],
  },
  {
    name: 'Louisville', state: 'KY', region: 'Southeast', timezone: 'America/New_York',
    latitude: 38.2527, longitude: -85.7585, population: 633045,
    postalCodes: ['40202', '40203', '40204', '40205', '40206', '40208'],
  },
  {
    name: 'Richmond', state: 'VA', region: 'Southeast', timezone: 'America/New_York',
    latitude: 37.5407, longitude: -77.4360, population: 226610,
    postalCodes: ['23219', '23220', '23221', '23223', '23224', '23225'],
  },
  {
    name: 'Birmingham', state: 'AL', region: 'Southeast', timezone: 'America/Chicago',
    latitude: 33.5186, longitude: -86.8104, population: 200733,
    postalCodes: ['35203', '35204', '35205', '35222', '35233', '35234'],
  },
  {
    name: 'Charleston', state: 'SC', region: 'Southeast', timezone: 'America/New_York',
    latitude: 32.7765, longitude: -79.9311, population: 150227,
    postalCodes: ['29401', '29403', '29407', '29414', '29492'],
  },
  {
    name: 'Savannah', state: 'GA', region: 'Southeast', timezone: 'America/New_York',
    latitude: 32.0809, longitude: -81.0912, population: 147780,
    postalCodes: ['31401', '31404', '31405', '31406', '31415'],
  },

  // Midwest
  {
    name: 'Chicago', state: 'IL', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 41.8781, longitude: -87.6298, population: 2746388,
    postalCodes: ['60601', '60605', '60607', '60610', '60614', '60657'],
  },
  {
    name: 'Detroit', state: 'MI', region: 'Midwest', timezone: 'America/Detroit',
    latitude: 42.3314, longitude: -83.0458, population: 639111,
    postalCodes: ['48201', '48202', '48207', '48208', '48216', '48226'],
  },
  {
    name: 'Columbus', state: 'OH', region: 'Midwest', timezone: 'America/New_York',
    latitude: 39.9612, longitude: -82.9988, population: 905748,
    postalCodes: ['43201', '43205', '43206', '43210', '43214', '43215'],
  },
  {
    name: 'Indianapolis', state: 'IN', region: 'Midwest', timezone: 'America/Indiana/Indianapolis',
    latitude: 39.7684, longitude: -86.1581, population: 887642,
    postalCodes: ['46202', '46203', '46204', '46205', '46220', '46225'],
  },
  {
    name: 'Milwaukee', state: 'WI', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 43.0389, longitude: -87.9065, population: 577222,
    postalCodes: ['53202', '53203', '53204', '53206', '53208', '53212'],
  },
  {
    name: 'Minneapolis', state: 'MN', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 44.9778, longitude: -93.2650, population: 429954,
    postalCodes: ['55401', '55403', '55404', '55405', '55408', '55414'],
  },
  {
    name: 'Kansas City', state: 'MO', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 39.0997, longitude: -94.5786, population: 508090,
    postalCodes: ['64105', '64106', '64108', '64109', '64111', '64112'],
  },
  {
    name: 'St. Louis', state: 'MO', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 38.6270, longitude: -90.1994, population: 301578,
    postalCodes: ['63101', '63103', '63104', '63108', '63110', '63118'],
  },
  {
    name: 'Cleveland', state: 'OH', region: 'Midwest', timezone: 'America/New_York',
    latitude: 41.4993, longitude: -81.6944, population: 372624,
    postalCodes: ['44102', '44103', '44106', '44113', '44114', '44115'],
  },
  {
    name: 'Cincinnati', state: 'OH', region: 'Midwest', timezone: 'America/New_York',
    latitude: 39.1031, longitude: -84.5120, population: 309317,
    postalCodes: ['45202', '45203', '45206', '45219', '45220'],
  },
  {
    name: 'Omaha', state: 'NE', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 41.2565, longitude: -95.9345, population: 486051,
    postalCodes: ['68102', '68105', '68106', '68114', '68131', '68132'],
  },
  {
    name: 'St. Paul', state: 'MN', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 44.9537, longitude: -93.0900, population: 311527,
    postalCodes: ['55101', '55102', '55104', '55105', '55106', '55116'],
  },
  {
    name: 'Madison', state: 'WI', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 43.0731, longitude: -89.4012, population: 269840,
    postalCodes: ['53703', '53704', '53705', '53711', '53715', '53726'],
  },
  {
    name: 'Des Moines', state: 'IA', region: 'Midwest', timezone: 'America/Chicago',
    latitude: 41.5868, longitude: -93.6250, population: 214133,
    postalCodes: ['50309', '50310', '50311', '50312', '50314', '50315'],
  },
  {
    name: 'Grand Rapids', state: 'MI', region: 'Midwest', timezone: 'America/Detroit',
    latitude: 42.9634, longitude: -85.6681, population: 198917,
    postalCodes: ['49503', '49504', '49505', '49506', '49507'],
  },
];
