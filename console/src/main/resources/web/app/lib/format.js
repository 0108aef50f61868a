// Every number the console shows or sends goes through this module, so the API's number convention lives in one
// place (docs/api-conventions.md#numbers): CES and CSAT means stay on their own scale (CES 1–7 agreement or 1–5
// effort, CSAT 1–5 or 1–7), NPS is in points (−100..100), and every proportion is a fraction 0–1 named …Share or
// …Rate (CES easyShare, CSAT satisfiedShare, the CSAT target `CSATShare`, CSAT alert thresholds and observed values,
// hotspot shares). The console shows proportions in percent and takes them typed in percent.

/** The platform's low-sample threshold (metrics-service LOW_SAMPLE_THRESHOLD); figures also carry lowSample. */
export const LOW_SAMPLE = 30;

export const METRICS = ['CES', 'CSAT', 'NPS'];

const LABELS = { CES: 'Customer Effort Score', CSAT: 'Customer satisfaction', NPS: 'Net Promoter Score' };
export function metricLabel(metric) {
  return LABELS[metric] ?? metric;
}

/**
 * A proportion from the API (a fraction 0–1) in percent 0–100; six decimals keep what the API gives without binary
 * noise (0.57 × 100 is 56.99999999999999 in floating point).
 */
export function sharePercent(value) {
  if (value === null || value === undefined) {
    return null;
  }
  return Number((value * 100).toFixed(6));
}

/** A proportion typed in percent, as the API takes it (a fraction 0–1). */
function percentToShare(typed) {
  return Number((Number(typed) / 100).toFixed(8));
}

/** The name the API gives a scale's headline (CES easy share, CSAT satisfied share, NPS). */
export function headlineName(scoring) {
  if (scoring === 'NPS') return 'nps';
  return scoring.startsWith('CES') ? 'easyShare' : 'satisfiedShare';
}

export function number(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  const text = Math.abs(value).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  // A typographic minus, and never "−0" for a value that rounds to zero.
  return value < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}

export function signed(value, digits = 1) {
  if (value === null || value === undefined) {
    return '–';
  }
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${number(Math.abs(value), digits)}`;
}

/** "1 stage", "3 stages". */
export function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function count(n) {
  return (n ?? 0).toLocaleString('en');
}

export function percent(value, digits = 0) {
  return value === null || value === undefined ? '–' : `${number(value, digits)}%`;
}

/** Which direction is better for a figure: CES on the 1–5 effort scale is better when lower. */
export function lowerIsBetter(figure) {
  return figure?.scoring === 'CES_EFFORT';
}

export function scaleText(figure) {
  if (!figure) {
    return '';
  }
  switch (figure.scoring) {
    case 'CES_AGREEMENT': return `mean on ${figure.scaleMin}–${figure.scaleMax}, higher is easier`;
    case 'CES_EFFORT': return `mean on ${figure.scaleMin}–${figure.scaleMax}, lower is easier`;
    case 'CSAT': return `% satisfied (top two of ${figure.scaleMin}–${figure.scaleMax})`;
    case 'NPS': return 'points, −100 to 100';
    default: return '';
  }
}

/**
 * The headline number of a figure for a metric, with its 95% interval, in display units:
 * CES → mean on its scale; CSAT → % satisfied; NPS → points.
 */
export function primary(metric, figure) {
  if (!figure || !figure.n) {
    return { value: null, low: null, high: null, unit: '', digits: 1 };
  }
  if (metric === 'CES') {
    return { value: figure.mean, low: figure.meanCi95?.low ?? null, high: figure.meanCi95?.high ?? null, unit: '', digits: 2 };
  }
  const headline = figure.headline;
  if (!headline) {
    return { value: null, low: null, high: null, unit: '', digits: 1 };
  }
  if (metric === 'NPS') {
    return { value: headline.value, low: headline.ci95?.low ?? null, high: headline.ci95?.high ?? null, unit: '', digits: 0 };
  }
  return { value: sharePercent(headline.value), low: sharePercent(headline.ci95?.low), high: sharePercent(headline.ci95?.high),
    unit: '%', digits: 0 };
}

export function valueText(p) {
  return p.value === null ? '–' : `${number(p.value, p.digits)}${p.unit}`;
}

export function intervalText(p) {
  if (p.low === null || p.high === null) {
    return 'no interval (fewer than 2 answers)';
  }
  return `95% CI ${number(p.low, p.digits)} to ${number(p.high, p.digits)}${p.unit}`;
}

/**
 * The targets a touchpoint can have, as `targets` names them (and the field an API problem names). A CES target names
 * its scoring method, and so its direction: at least on the 1–7 agreement scale, at most on the 1–5 effort scale.
 */
export const TARGET_FIELDS = [
  { key: 'CES_AGREEMENT', metric: 'CES', label: 'CES agreement (mean, 1–7, at least)' },
  { key: 'CES_EFFORT', metric: 'CES', label: 'CES effort (mean, 1–5, at most)' },
  { key: 'CSATShare', metric: 'CSAT', label: 'CSAT (% satisfied, 0–100)' },
  { key: 'NPS', metric: 'NPS', label: 'NPS (−100 to 100)' },
];

/** A touchpoint's target for a figure: CES ones only of the figure's own scoring method (`CES` is the older name of the agreement one). */
export function targetFor(metric, scoring, targets) {
  if (!targets) {
    return null;
  }
  if (metric === 'CES') {
    return scoring === 'CES_EFFORT' ? targets.CES_EFFORT ?? null : targets.CES_AGREEMENT ?? targets.CES ?? null;
  }
  return targets[metric === 'CSAT' ? 'CSATShare' : metric] ?? null;
}

/** A target in display units (CSAT targets are proportions), from a scorecard's `target` or a value of `targets`. */
export function targetValue(metric, target) {
  if (target === null || target === undefined) {
    return null;
  }
  return metric === 'CSAT' ? sharePercent(target) : target;
}

/** The value of one of TARGET_FIELDS in a touchpoint's targets, in display units, or null. */
export function targetOf(field, targets) {
  const value = field.key === 'CES_AGREEMENT' ? targets?.CES_AGREEMENT ?? targets?.CES : targets?.[field.key];
  return targetValue(field.metric, value);
}

/** The `targets` object the API takes, from values typed in display units by TARGET_FIELDS key (empty ones left out). */
export function targetsToApi(typed) {
  const targets = {};
  TARGET_FIELDS.forEach((field) => {
    const value = typed[field.key];
    if (value !== null && value !== undefined && value !== '') {
      targets[field.key] = field.metric === 'CSAT' ? percentToShare(value) : Number(value);
    }
  });
  return targets;
}

/** What a metric's target and threshold are typed in, for labels. */
export function targetUnitText(metric) {
  return { CES: 'mean, 1–7', CSAT: '% satisfied, 0–100', NPS: '−100 to 100' }[metric];
}

/** An alert rule's threshold (or an alert's observed value) in display units: CSAT ones are proportions. */
export function alertValue(metric, value) {
  if (value === null || value === undefined) {
    return null;
  }
  return metric === 'CSAT' ? sharePercent(value) : value;
}

/** A threshold typed in display units, as the API takes it. */
export function thresholdToApi(metric, typed) {
  if (typed === null || typed === undefined || typed === '') {
    return null;
  }
  return metric === 'CSAT' ? percentToShare(typed) : Number(typed);
}

const SCORING_WORDS = { CES_AGREEMENT: 'agreement 1–7, higher is easier', CES_EFFORT: 'effort 1–5, lower is easier' };
export function scoringText(scoring) {
  return SCORING_WORDS[scoring] ?? scoring;
}

/** A number as typed (up to 2 decimals, no padding), for thresholds and targets in sentences. */
export function plain(value) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  const text = Math.abs(value).toLocaleString('en', { maximumFractionDigits: 2 });
  return value < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}

/** What an alert rule watches for, in words: "CES mean (agreement 1–7, higher is easier) below 6.5". */
export function ruleConditionText(rule) {
  if (rule.condition !== 'THRESHOLD') {
    return `a significant drop of ${rule.metric} against the previous window`;
  }
  const what = { CES: 'CES mean', CSAT: 'CSAT (% satisfied)', NPS: 'NPS' }[rule.metric] ?? rule.metric;
  const scale = rule.metric === 'CES' && rule.scoring ? ` (${scoringText(rule.scoring)})` : '';
  return `${what}${scale} ${rule.operator?.toLowerCase()} ${plain(alertValue(rule.metric, rule.threshold))}${displayUnit(rule.metric).unit}`;
}

/** Digits and unit of a metric's headline in display units. */
export function displayUnit(metric) {
  return { digits: metric === 'CES' ? 2 : 0, unit: metric === 'CSAT' ? '%' : '' };
}

/** Width of the metric's range in display units, to judge how far a value is from its target. */
function range(metric, figure) {
  if (metric === 'CES' && figure) {
    return figure.scaleMax - figure.scaleMin;
  }
  return metric === 'NPS' ? 200 : 100;
}

/**
 * How a figure stands against its target, decided on the point estimate as the API does (meetsTarget); below it,
 * "near" within 5% of the scale and "far" beyond 15%. Never a verdict on a low sample.
 */
export function standing(metric, figure, target) {
  if (!figure || !figure.n) {
    return { level: 'empty', words: 'No answers in this period' };
  }
  if (figure.lowSample) {
    return { level: 'low', words: `Low sample: only ${count(figure.n)} answers, too few to judge against a target` };
  }
  const p = primary(metric, figure);
  const goal = targetValue(metric, target);
  if (goal === null || p.value === null) {
    return { level: 'none', words: 'No target set' };
  }
  const gap = lowerIsBetter(figure) ? goal - p.value : p.value - goal;
  const digits = p.digits;
  if (gap >= 0) {
    return { level: 'meets', words: `Meets target ${number(goal, digits)}${p.unit}` };
  }
  const share = -gap / range(metric, figure);
  const words = `${number(-gap, digits)}${p.unit} short of target ${number(goal, digits)}${p.unit}`;
  if (share <= 0.05) {
    return { level: 'near', words: `Just below target: ${words}` };
  }
  return { level: share > 0.15 ? 'far' : 'below', words: `Below target: ${words}` };
}

export function lowSampleWords(n) {
  return `Low sample: ${count(n)} answer${n === 1 ? '' : 's'} (fewer than ${LOW_SAMPLE}). A few more answers could move `
    + 'this figure a lot, so read it as a hint, not a result.';
}

export function pValueText(p) {
  if (p === null || p === undefined) {
    return 'no test (too few answers or no variation)';
  }
  return p < 0.001 ? 'p < 0.001' : `p = ${number(p, 3)}`;
}

export function date(value) {
  if (!value) {
    return '–';
  }
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function dateTime(value) {
  if (!value) {
    return '–';
  }
  return new Date(value).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** ISO day (YYYY-MM-DD) `days` before today (UTC), for from/to parameters. */
export function isoDay(daysAgo = 0) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d.toISOString().slice(0, 10);
}

export const PERIODS = [
  { key: '7d', label: 'Last 7 days', days: 7 },
  { key: '30d', label: 'Last 30 days', days: 30 },
  { key: '90d', label: 'Last 90 days', days: 90 },
  { key: '365d', label: 'Last 12 months', days: 365 },
];

/** from/to of a period key; to is today. */
export function periodRange(key) {
  const period = PERIODS.find((p) => p.key === key) ?? PERIODS[2];
  return { from: isoDay(period.days - 1), to: isoDay(0), label: period.label };
}

export const CHANNELS = ['web', 'mobile_app', 'email', 'phone', 'chat', 'store', 'social', 'other'];
export function channelLabel(channel) {
  return { web: 'Web', mobile_app: 'Mobile app', email: 'E-mail', phone: 'Phone', chat: 'Chat', store: 'Store',
    social: 'Social', other: 'Other' }[channel] ?? channel;
}

/**
 * Why a touchpoint ranks as a friction hotspot, in words, from the entry's own figures (the API's rule: n above the
 * low-sample threshold and the whole CES interval on the hard side of the comparator; ranked by
 * difficulty × share of answers × detractor share).
 */
export function hotspotWhy(h) {
  if (h.reason) {
    return h.reason;
  }
  const side = h.scoring === 'CES_EFFORT' ? 'above' : 'below';
  const comparator = h.comparatorBasis === 'target' ? 'its CES target' : 'the CES mean of the rest of the journey';
  const hard = h.detractorBasis === 'NPS' ? 'of its respondents are NPS detractors (0–6)'
    : 'of its CES answers are in the two hardest points of the scale';
  return `CES ${number(h.mean, 2)} (95% CI ${number(h.meanCi95?.low, 2)} to ${number(h.meanCi95?.high, 2)}, n = ${count(h.n)}) `
    + `lies wholly ${side} ${comparator} ${number(h.comparator, 2)}; it carries ${number(sharePercent(h.volumeShare), 0)}% of the `
    + `journey's CES answers, and ${number(sharePercent(h.detractorShare), 0)}% ${hard}.`;
}

/** How the friction ranking works, in words (the API's `rule` says the same for machines). */
export const HOTSPOT_RULE = 'A touchpoint ranks only with at least 30 CES answers and its whole 95% interval on the hard side of its '
  + 'CES target (or, without a target, of the journey\'s CES mean on the same scale): a difference chance alone would rarely '
  + 'produce. Ranked by friction score = how far on the hard side it is × its share of the journey\'s CES answers × the share '
  + 'of its answers in the two hardest points (or of NPS detractors).';

/** How early warning works, in words. */
export const DROP_RULE = 'A significant drop: the mean (Welch\'s test) or the headline figure (easy or satisfied share, NPS) is worse '
  + 'than in the period before (a higher mean is worse on the 1–5 effort scale), still significant after the p-values of every '
  + 'comparison on this page are adjusted for their number (Benjamini–Hochberg, false discovery rate 5%), the change is at '
  + 'least 5% of the figure\'s range, and both periods have at least 30 answers.';

const TEST_NAMES = { mean: 'mean', easyShare: 'easy share', satisfiedShare: 'satisfied share', nps: 'NPS' };

/** "mean −0.42: p = 0.004, adjusted 0.031 · easy share −8.0 pts: p = 0.12, adjusted 0.40" */
export function changeTestsText(change) {
  const tests = [change.meanTest, change.headlineTest].filter((t) => t);
  if (!tests.length) {
    return pValueText(null);
  }
  return tests.map((t) => {
    const diff = t.figure === 'mean' || t.figure === 'nps' ? signed(t.difference, t.figure === 'nps' ? 1 : 2)
      : `${signed(sharePercent(t.difference), 1)} pts`;
    const p = t.pValue < 0.001 ? 'p < 0.001' : `p = ${number(t.pValue, 3)}`;
    const adjusted = t.adjustedPValue < 0.001 ? 'adjusted < 0.001' : `adjusted ${number(t.adjustedPValue, 3)}`;
    return `${TEST_NAMES[t.figure] ?? t.figure} ${diff}: ${p}, ${adjusted}`;
  }).join(' · ');
}

/** "23 Nov 2026 to 29 Nov 2026" */
export function dateRange(from, to) {
  return `${date(from)} to ${date(to)}`;
}

/** The ISO day before an ISO day (a comparison's previous period ends the day before the current one starts). */
export function dayBefore(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
