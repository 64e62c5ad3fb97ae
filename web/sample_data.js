// The sample data set written on a first visit, as line protocol with precision "s":
// - `home`: the InfluxDB "Get started" tutorial's shape (tags room=Kitchen|Living Room; fields
//   temp and hum as floats, co as an integer), hourly;
// - `cpu`: a random walk of CPU usage every 5 minutes.
// Both end at the last whole hour before `now`, so `range(start: -7d)` always sees them.
// A seeded generator makes the values the same on every machine (only the times move).

const HOUR = 3600;

// mulberry32: tiny, deterministic, good enough for demo noise.
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round1 = (x) => Math.round(x * 10) / 10;
// A bare number is already a float in line protocol; "21.0" just reads more clearly than "21".
const float = (x) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

function homeLines(endSeconds, hours, random) {
  const lines = [];
  const rooms = [
    { tag: 'Kitchen', baseTemp: 21.5, baseHum: 36.0 },
    { tag: 'Living\\ Room', baseTemp: 21.0, baseHum: 35.8 },  // spaces in tag values are escaped
  ];
  for (let h = hours - 1; h >= 0; h--) {
    const t = endSeconds - h * HOUR;
    const hourOfDay = new Date(t * 1000).getUTCHours();
    // Warmer and more CO in the afternoon, like a lived-in house.
    const daytime = Math.max(0, Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI));
    for (const room of rooms) {
      const temp = round1(room.baseTemp + 1.5 * daytime + (random() - 0.5) * 0.6);
      const hum = round1(room.baseHum + 0.6 * daytime + (random() - 0.5) * 0.4);
      const co = Math.round(daytime * (room.tag === 'Kitchen' ? 22 : 14) + random() * 2);
      lines.push(`home,room=${room.tag} temp=${float(temp)},hum=${float(hum)},co=${co}i ${t}`);
    }
  }
  return lines;
}

function cpuLines(endSeconds, hours, random) {
  const lines = [];
  const step = 5 * 60;
  const count = (hours * HOUR) / step;
  let user = 20;
  let system = 8;
  for (let i = count - 1; i >= 0; i--) {
    user = Math.min(95, Math.max(1, user + (random() - 0.5) * 6));
    system = Math.min(40, Math.max(0.5, system + (random() - 0.5) * 2));
    const t = endSeconds - i * step;
    lines.push(`cpu,cpu=cpu-total,host=tidewater-demo usage_user=${float(round1(user))},usage_system=${float(round1(system))} ${t}`);
  }
  return lines;
}

/**
 * Returns { lineProtocol, precision: 's', points } for `days` days ending at the last whole
 * hour before `now` (a Date).
 */
export function generateSampleData({ now = new Date(), days = 3 } = {}) {
  const endSeconds = Math.floor(now.getTime() / 1000 / HOUR) * HOUR;
  const hours = days * 24;
  const random = seededRandom(2024);
  const lines = [...homeLines(endSeconds, hours, random), ...cpuLines(endSeconds, hours, random)];
  return { lineProtocol: lines.join('\n'), precision: 's', points: lines.length };
}
