/**
 * The little astronomy the Vietnamese lunisolar calendar needs: the instant of each new moon and
 * the Sun's apparent ecliptic longitude. Formulas from Jean Meeus, "Astronomical Algorithms"
 * (2nd ed., 1998): chapter 49 (phases of the Moon, with the planetary "additional corrections")
 * and chapter 25 (solar coordinates from a truncated VSOP87, Appendix III). ΔT = TT − UT from the
 * Espenak–Meeus polynomials (NASA, "Polynomial expressions for Delta T").
 *
 * Times are Julian Days. `JDE` is in Terrestrial Time (the dynamical time the theories use),
 * `JD` in Universal Time (civil clocks). Pure functions, no state.
 */

const DEG = Math.PI / 180;

/** Julian Day of the new moon with lunation number 0 in Meeus' numbering (2000-01-06). */
const JDE_K0 = 2451550.09766;
/** Mean synodic month, days. */
export const SYNODIC_MONTH = 29.530588861;

/** Earliest and latest years for which ΔT (hence the lunar calendar) is computed here. */
export const ASTRONOMY_MIN_YEAR = 1800;
export const ASTRONOMY_MAX_YEAR = 2199;

function sinDeg(x: number): number {
  return Math.sin(x * DEG);
}

/**
 * ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus 2006 polynomials). The values after
 * 2005 are extrapolations; the error grows to a minute or two by 2100, which only matters for a
 * new moon or solar term within that margin of local midnight.
 */
export function deltaTSeconds(decimalYear: number): number {
  const y = decimalYear;
  if (y < 1860) {
    const t = y - 1800;
    return (
      13.72 -
      0.332447 * t +
      0.0068612 * t ** 2 +
      0.0041116 * t ** 3 -
      0.00037436 * t ** 4 +
      0.0000121272 * t ** 5 -
      0.0000001699 * t ** 6 +
      0.000000000875 * t ** 7
    );
  }
  if (y < 1900) {
    const t = y - 1860;
    return (
      7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174
    );
  }
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  if (y < 2150) {
    return -20 + 32 * u ** 2 - 0.5628 * (2150 - y);
  }
  return -20 + 32 * u ** 2;
}

/** Decimal year of a Julian Day (precise enough for ΔT). */
function decimalYearOfJd(jd: number): number {
  return 2000 + (jd - 2451545.0) / 365.2425;
}

/** Converts a Julian Day in Universal Time to Terrestrial Time. */
export function jdUtToTt(jdUt: number): number {
  return jdUt + deltaTSeconds(decimalYearOfJd(jdUt)) / 86400;
}

/** Converts a Julian Day in Terrestrial Time to Universal Time. */
export function jdTtToUt(jdTt: number): number {
  return jdTt - deltaTSeconds(decimalYearOfJd(jdTt)) / 86400;
}

/**
 * Instant (JDE, Terrestrial Time) of the true new moon with lunation number `k` (an integer;
 * k = 0 is the new moon of 2000-01-06, negative before). Meeus ch. 49, accuracy of the order of
 * a few seconds against the ELP theory.
 */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;

  let jde = JDE_K0 + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;

  // Eccentricity of the Earth's orbit, and the fundamental arguments (degrees).
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3; // Sun's mean anomaly
  const mp = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4; // Moon's
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4; // argument of latitude
  const omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3; // ascending node

  // Periodic terms of the new moon (Meeus table 49.A, first column).
  jde +=
    -0.4072 * sinDeg(mp) +
    0.17241 * e * sinDeg(m) +
    0.01608 * sinDeg(2 * mp) +
    0.01039 * sinDeg(2 * f) +
    0.00739 * e * sinDeg(mp - m) -
    0.00514 * e * sinDeg(mp + m) +
    0.00208 * e * e * sinDeg(2 * m) -
    0.00111 * sinDeg(mp - 2 * f) -
    0.00057 * sinDeg(mp + 2 * f) +
    0.00056 * e * sinDeg(2 * mp + m) -
    0.00042 * sinDeg(3 * mp) +
    0.00042 * e * sinDeg(m + 2 * f) +
    0.00038 * e * sinDeg(m - 2 * f) -
    0.00024 * e * sinDeg(2 * mp - m) -
    0.00017 * sinDeg(omega) -
    0.00007 * sinDeg(mp + 2 * m) +
    0.00004 * sinDeg(2 * mp - 2 * f) +
    0.00004 * sinDeg(3 * m) +
    0.00003 * sinDeg(mp + m - 2 * f) +
    0.00003 * sinDeg(2 * mp + 2 * f) -
    0.00003 * sinDeg(mp + m + 2 * f) +
    0.00003 * sinDeg(mp - m + 2 * f) -
    0.00002 * sinDeg(mp - m - 2 * f) -
    0.00002 * sinDeg(3 * mp + m) +
    0.00002 * sinDeg(4 * mp);

  // Additional corrections for all phases (planetary arguments A1..A14).
  jde +=
    0.000325 * sinDeg(299.77 + 0.107408 * k - 0.009173 * t2) +
    0.000165 * sinDeg(251.88 + 0.016321 * k) +
    0.000164 * sinDeg(251.83 + 26.651886 * k) +
    0.000126 * sinDeg(349.42 + 36.412478 * k) +
    0.00011 * sinDeg(84.66 + 18.206239 * k) +
    0.000062 * sinDeg(141.74 + 53.303771 * k) +
    0.00006 * sinDeg(207.14 + 2.453732 * k) +
    0.000056 * sinDeg(154.84 + 7.30686 * k) +
    0.000047 * sinDeg(34.52 + 27.261239 * k) +
    0.000042 * sinDeg(207.19 + 0.121824 * k) +
    0.00004 * sinDeg(291.34 + 1.844379 * k) +
    0.000037 * sinDeg(161.72 + 24.198154 * k) +
    0.000035 * sinDeg(239.56 + 25.513099 * k) +
    0.000023 * sinDeg(331.55 + 3.592518 * k);

  return jde;
}

/** Instant (Julian Day, Universal Time) of the new moon with lunation number `k`. */
export function newMoonJd(k: number): number {
  return jdTtToUt(newMoonJde(k));
}

/** Lunation number of the new moon nearest to a Julian Day (before correcting for the true phase). */
export function lunationNear(jd: number): number {
  return Math.round((jd - JDE_K0) / SYNODIC_MONTH);
}

/** Normalises an angle to [0, 360). */
export function normalizeDegrees(x: number): number {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
}

/**
 * Periodic terms of the Earth's heliocentric longitude and radius vector: VSOP87 (Bretagnon &
 * Francou 1988) as truncated by Meeus, Appendix III. Each term is [A, B, C] for A·cos(B + C·τ),
 * A in 1e-8 radians (longitude) or 1e-8 AU (radius), τ in Julian millennia from J2000.0.
 */
type Series = ReadonlyArray<readonly [number, number, number]>;

// prettier-ignore
const EARTH_L: readonly Series[] = [
  [
    [175347046, 0, 0], [3341656, 4.6692568, 6283.07585], [34894, 4.6261, 12566.1517],
    [3497, 2.7441, 5753.3849], [3418, 2.8289, 3.5231], [3136, 3.6277, 77713.7715],
    [2676, 4.4181, 7860.4194], [2343, 6.1352, 3930.2097], [1324, 0.7425, 11506.7698],
    [1273, 2.0371, 529.691], [1199, 1.1096, 1577.3435], [990, 5.233, 5884.927],
    [902, 2.045, 26.298], [857, 3.508, 398.149], [780, 1.179, 5223.694],
    [753, 2.533, 5507.553], [505, 4.583, 18849.228], [492, 4.205, 775.523],
    [357, 2.92, 0.067], [317, 5.849, 11790.629], [284, 1.899, 796.298],
    [271, 0.315, 10977.079], [243, 0.345, 5486.778], [206, 4.806, 2544.314],
    [205, 1.869, 5573.143], [202, 2.458, 6069.777], [156, 0.833, 213.299],
    [132, 3.411, 2942.463], [126, 1.083, 20.775], [115, 0.645, 0.98],
    [103, 0.636, 4694.003], [102, 0.976, 15720.839], [102, 4.267, 7.114],
    [99, 6.21, 2146.17], [98, 0.68, 155.42], [86, 5.98, 161000.69],
    [85, 1.3, 6275.96], [85, 3.67, 71430.7], [80, 1.81, 17260.15],
    [79, 3.04, 12036.46], [75, 1.76, 5088.63], [74, 3.5, 3154.69],
    [74, 4.68, 801.82], [70, 0.83, 9437.76], [62, 3.98, 8827.39],
    [61, 1.82, 7084.9], [57, 2.78, 6286.6], [56, 4.39, 14143.5],
    [56, 3.47, 6279.55], [52, 0.19, 12139.55], [52, 1.33, 1748.02],
    [51, 0.28, 5856.48], [49, 0.49, 1194.45], [41, 5.37, 8429.24],
    [41, 2.4, 19651.05], [39, 6.17, 10447.39], [37, 6.04, 10213.29],
    [37, 2.57, 1059.38], [36, 1.71, 2352.87], [36, 1.78, 6812.77],
    [33, 0.59, 17789.85], [30, 0.44, 83996.85], [30, 2.74, 1349.87],
    [25, 3.16, 4690.48],
  ],
  [
    [628331966747, 0, 0], [206059, 2.678235, 6283.07585], [4303, 2.6351, 12566.1517],
    [425, 1.59, 3.523], [119, 5.796, 26.298], [109, 2.966, 1577.344],
    [93, 2.59, 18849.23], [72, 1.14, 529.69], [68, 1.87, 398.15],
    [67, 4.41, 5507.55], [59, 2.89, 5223.69], [56, 2.17, 155.42],
    [45, 0.4, 796.3], [36, 0.47, 775.52], [29, 2.65, 7.11],
    [21, 5.34, 0.98], [19, 1.85, 5486.78], [19, 4.97, 213.3],
    [17, 2.99, 6275.96], [16, 0.03, 2544.31], [16, 1.43, 2146.17],
    [15, 1.21, 10977.08], [12, 2.83, 1748.02], [12, 3.26, 5088.63],
    [12, 5.27, 1194.45], [12, 2.08, 4694.0], [11, 0.77, 553.57],
    [10, 1.3, 6286.6], [10, 4.24, 1349.87], [9, 2.7, 242.73],
    [9, 5.64, 951.72], [8, 5.3, 2352.87], [6, 2.65, 9437.76],
    [6, 4.67, 4690.48],
  ],
  [
    [52919, 0, 0], [8720, 1.0721, 6283.0758], [309, 0.867, 12566.152],
    [27, 0.05, 3.52], [16, 5.19, 26.3], [16, 3.68, 155.42],
    [10, 0.76, 18849.23], [9, 2.06, 77713.77], [7, 0.83, 775.52],
    [5, 4.66, 1577.34], [4, 1.03, 7.11], [4, 3.44, 5573.14],
    [3, 5.14, 796.3], [3, 6.05, 5507.55], [3, 1.19, 242.73],
    [3, 6.12, 529.69], [3, 0.31, 398.15], [3, 2.28, 553.57],
    [2, 4.38, 5223.69], [2, 3.75, 0.98],
  ],
  [
    [289, 5.844, 6283.076], [35, 0, 0], [17, 5.49, 12566.15],
    [3, 5.2, 155.42], [1, 4.72, 3.52], [1, 5.3, 18849.23], [1, 5.97, 242.73],
  ],
  [[114, 3.142, 0], [8, 4.13, 6283.08], [1, 3.84, 12566.15]],
  [[1, 3.14, 0]],
];

// prettier-ignore
const EARTH_R: readonly Series[] = [
  [
    [100013989, 0, 0], [1670700, 3.0984635, 6283.07585], [13956, 3.05525, 12566.1517],
    [3084, 5.1985, 77713.7715], [1628, 1.1739, 5753.3849], [1576, 2.8469, 7860.4194],
    [925, 5.453, 11506.77], [542, 4.564, 3930.21], [472, 3.661, 5884.927],
    [346, 0.964, 5507.553], [329, 5.9, 5223.694], [307, 0.299, 5573.143],
    [243, 4.273, 11790.629], [212, 5.847, 1577.344], [186, 5.022, 10977.079],
    [175, 3.012, 18849.228], [110, 5.055, 5486.778], [98, 0.89, 6069.78],
    [86, 5.69, 15720.84], [86, 1.27, 161000.69], [65, 0.27, 17260.15],
    [63, 0.92, 529.69], [57, 2.01, 83996.85], [56, 5.24, 71430.7],
    [49, 3.25, 2544.31], [47, 2.58, 775.52], [45, 5.54, 9437.76],
    [43, 6.01, 6275.96], [39, 5.36, 4694.0], [38, 2.39, 8827.39],
    [37, 0.83, 19651.05], [37, 4.9, 12139.55], [36, 1.67, 12036.46],
    [35, 1.84, 2942.46], [33, 0.24, 7084.9], [32, 0.18, 5088.63],
    [32, 1.78, 398.15], [28, 1.21, 6286.6], [28, 1.9, 6279.55],
    [26, 4.59, 10447.39],
  ],
  [
    [103019, 1.10749, 6283.07585], [1721, 1.0644, 12566.1517], [702, 3.142, 0],
    [32, 1.02, 18849.23], [31, 2.84, 5507.55], [25, 1.32, 5223.69],
    [18, 1.42, 1577.34], [10, 5.91, 10977.08], [9, 1.42, 6275.96], [9, 0.27, 5486.78],
  ],
  [
    [4359, 5.7846, 6283.0758], [124, 5.579, 12566.152], [12, 3.14, 0],
    [9, 3.63, 77713.77], [6, 1.87, 5573.14], [3, 5.47, 18849.23],
  ],
  [[145, 4.273, 6283.076], [7, 3.92, 12566.15]],
  [[4, 2.56, 6283.08]],
];

/** Evaluates Σ_i τ^i · Σ A·cos(B + C·τ) and scales from 1e-8. */
function evaluateSeries(series: readonly Series[], tau: number): number {
  let result = 0;
  let power = 1;
  for (const terms of series) {
    let sum = 0;
    for (const [a, b, c] of terms) sum += a * Math.cos(b + c * tau);
    result += sum * power;
    power *= tau;
  }
  return result / 1e8;
}

/** Nutation in longitude Δψ, degrees (Meeus ch. 22, abbreviated series, ≈ 0.5″). */
function nutationInLongitude(t: number): number {
  const omega = 125.04452 - 1934.136261 * t;
  const lSun = 280.4665 + 36000.7698 * t;
  const lMoon = 218.3165 + 481267.8813 * t;
  const arcseconds =
    -17.2 * sinDeg(omega) - 1.32 * sinDeg(2 * lSun) - 0.23 * sinDeg(2 * lMoon) + 0.21 * sinDeg(2 * omega);
  return arcseconds / 3600;
}

/**
 * The Sun's apparent geocentric ecliptic longitude, degrees in [0, 360), referred to the true
 * equinox of the date, at an instant given in Terrestrial Time. Meeus ch. 25 "higher accuracy":
 * truncated VSOP87 for the Earth, conversion to the FK5 frame, nutation and aberration; about one
 * arcsecond, i.e. a solar term is placed to well under a minute.
 */
export function sunApparentLongitudeTt(jde: number): number {
  const tau = (jde - 2451545.0) / 365250;
  const t = tau * 10;
  const earthLongitude = evaluateSeries(EARTH_L, tau) / DEG; // heliocentric, degrees
  const radius = evaluateSeries(EARTH_R, tau); // AU
  const geometric = earthLongitude + 180 - 0.09033 / 3600; // geocentric, FK5
  const aberration = -20.4898 / 3600 / radius;
  return normalizeDegrees(geometric + nutationInLongitude(t) + aberration);
}

/** The Sun's apparent longitude at an instant given in Universal Time. */
export function sunApparentLongitude(jdUt: number): number {
  return sunApparentLongitudeTt(jdUtToTt(jdUt));
}

/**
 * Instant (Julian Day, UT) near `jdGuessUt` (within a few weeks) when the Sun's apparent
 * longitude equals `targetDegrees`, by Newton iteration on the mean motion (0.9856°/day).
 */
export function sunLongitudeCrossing(targetDegrees: number, jdGuessUt: number): number {
  let jd = jdGuessUt;
  for (let i = 0; i < 20; i++) {
    const delta = normalizeDegrees(targetDegrees - sunApparentLongitude(jd) + 180) - 180;
    const step = delta / 0.98564736;
    jd += step;
    if (Math.abs(step) < 1e-7) break;
  }
  return jd;
}
