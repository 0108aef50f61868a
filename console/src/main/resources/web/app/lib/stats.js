// Combining the API's per-period figures of one slice (a channel or a segment) into one figure for a whole range.
// The metrics API gives channel and segment slices only as series; each point carries its exact histogram, so the
// range's figure is exact: counts add. Intervals follow the platform's rules (metrics-service Statistics):
// Student t for means, Wilson for proportions, adjusted Wald (Rocks 2016) for NPS. Results are in the API's own
// units (proportions as fractions 0–1), so they pass through format.js like any API figure.
import { LOW_SAMPLE, headlineName } from './format.js';

const Z95 = 1.959963984540054;

/** ln Γ(x), Lanczos approximation (g = 7, 9 terms), accurate to ~1e-15 for x > 0. */
function logGamma(x) {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) {
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const y = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) {
    sum += c[i] / (y + i);
  }
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the regularized incomplete beta function (modified Lentz). */
function betaFraction(a, b, x) {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let result = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let step = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + step * d; d = Math.abs(d) < tiny ? tiny : d; d = 1 / d;
    c = 1 + step / c; c = Math.abs(c) < tiny ? tiny : c;
    result *= d * c;
    step = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + step * d; d = Math.abs(d) < tiny ? tiny : d; d = 1 / d;
    c = 1 + step / c; c = Math.abs(c) < tiny ? tiny : c;
    const delta = d * c;
    result *= delta;
    if (Math.abs(delta - 1) < 1e-15) {
      break;
    }
  }
  return result;
}

function incompleteBeta(a, b, x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
function tCdf(t, df) {
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

const quantiles = new Map();
/** The 97.5% quantile of Student's t (two-sided 95%), by bisection on the CDF. */
export function t975(df) {
  if (!quantiles.has(df)) {
    let low = 0;
    let high = 700;
    for (let i = 0; i < 100; i++) {
      const mid = (low + high) / 2;
      if (tCdf(mid, df) < 0.975) low = mid; else high = mid;
    }
    quantiles.set(df, (low + high) / 2);
  }
  return quantiles.get(df);
}

function wilson(successes, n) {
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: centre - half, high: centre + half };
}

function npsInterval(promoters, detractors, n) {
  const adjusted = n + 3;
  const pro = (promoters + 0.75) / adjusted;
  const det = (detractors + 0.75) / adjusted;
  const nps = pro - det;
  const half = Z95 * Math.sqrt((pro + det - nps * nps) / adjusted);
  return { low: 100 * Math.max(-1, nps - half), high: 100 * Math.min(1, nps + half) };
}

function countBetween(histogram, from, to) {
  let total = 0;
  for (let score = from; score <= to; score++) {
    total += histogram[score] ?? 0;
  }
  return total;
}

/** One figure (the API's MetricFigure shape) from histograms of the same scale. */
export function combine(scale, points) {
  const histogram = {};
  points.forEach((point) => Object.entries(point.histogram ?? {}).forEach(([score, c]) => {
    histogram[score] = (histogram[score] ?? 0) + c;
  }));
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  Object.entries(histogram).forEach(([score, c]) => {
    const x = Number(score);
    n += c; sum += c * x; sumSquares += c * x * x;
  });
  const figure = { scoring: scale.scoring, scaleMin: scale.scaleMin, scaleMax: scale.scaleMax, n, histogram,
    lowSample: n < LOW_SAMPLE, mean: null, meanCi95: null, headline: null };
  if (n === 0) {
    return figure;
  }
  const mean = sum / n;
  figure.mean = mean;
  if (n >= 2) {
    const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
    const half = t975(n - 1) * Math.sqrt(variance / n);
    figure.meanCi95 = { low: mean - half, high: mean + half };
  }
  const { scaleMin: min, scaleMax: max } = scale;
  if (scale.scoring === 'NPS') {
    const promoters = countBetween(histogram, 9, 10);
    const detractors = countBetween(histogram, 0, 6);
    figure.headline = { name: 'nps', value: (100 * (promoters - detractors)) / n, ci95: npsInterval(promoters, detractors, n) };
  } else {
    const easy = scale.scoring === 'CES_EFFORT' ? countBetween(histogram, min, min + 1)
      : scale.scoring === 'CES_AGREEMENT' ? countBetween(histogram, max - 2, max) : countBetween(histogram, max - 1, max);
    figure.headline = { name: headlineName(scale.scoring), value: easy / n, ci95: wilson(easy, n) };
  }
  return figure;
}

/** The figure of a series' scale with the most answers over the whole range (scales are never mixed). */
export function rangeFigure(series) {
  const figures = (series ?? []).map((s) => combine(s, s.points ?? []));
  return figures.sort((a, b) => b.n - a.n)[0] ?? null;
}
