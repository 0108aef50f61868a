import { html, nothing } from 'lit';
import { View } from '../lib/base.js';
import { get } from '../lib/api.js';
import { user } from '../lib/auth.js';
import { journey as readJourney, mainFigure, openAlerts, pooled } from '../lib/data.js';
import { CHANNELS, METRICS, PERIODS, changeTestsText, channelLabel, count, dateRange, hotspotWhy, intervalText, lowSampleWords, metricLabel, number, periodRange,
  primary, scaleText, standing, targetFor, targetValue, valueText } from '../lib/format.js';
import { combine, rangeFigure } from '../lib/stats.js';

/** How often the map asks whether figures changed; new answers show within this plus the platform's ~0.5 s. */
const POLL_MS = 3000;
const LEVEL_WORDS = {
  meets: 'Meets target', near: 'Just below target', below: 'Below target', far: 'Far below target',
  low: 'Low sample', none: 'No target', empty: 'No answers',
};

/**
 * View 2, the journey map: stages as columns, touchpoints as cards coloured by the chosen metric against its target,
 * each with value, 95% interval, n, low-sample mark, trend, alert badge and pain points; hotspots and significant
 * drops marked. Metric, period, channel and segment live in the URL, so a view can be shared.
 */
class EmJourneyMap extends View {
  static properties = {
    journey: { state: true }, scorecard: { state: true }, sliced: { state: true }, hotspots: { state: true },
    changes: { state: true }, alerts: { state: true }, trends: { state: true }, error: { state: true },
    partError: { state: true }, updatedAt: { state: true }, segments: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    const q = this.query;
    this.metric = METRICS.includes(q.get('metric')) ? q.get('metric') : 'CES';
    this.period = PERIODS.some((p) => p.key === q.get('period')) ? q.get('period') : '90d';
    this.channel = CHANNELS.includes(q.get('channel')) ? q.get('channel') : '';
    this.segment = q.get('segment') ?? '';
    this.trends = {};
    this.load(true);
    this.timer = setInterval(() => this.poll(), POLL_MS);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  get journeyId() {
    return this.location?.params?.journeyId;
  }

  get range() {
    return periodRange(this.period);
  }

  get slice() {
    return this.channel || this.segment ? { channel: this.channel || undefined, segment: this.segment || undefined } : null;
  }

  /** Everything; `first` draws the map as soon as the structure and the figures are there. */
  async load(first = false) {
    const id = encodeURIComponent(this.journeyId);
    const range = this.range;
    const generation = (this.generation = (this.generation ?? 0) + 1);
    try {
      const [journey, scorecard] = await Promise.all([
        readJourney(this.journeyId).then((r) => r.data),
        get(`/metrics/journeys/${id}/scorecard`, { from: range.from, to: range.to }).then((r) => r.data),
      ]);
      if (generation !== this.generation) return;
      this.journey = journey;
      this.scorecard = scorecard;
      this.fingerprint = JSON.stringify(scorecard.overall);
      this.titled(journey.name);
      this.error = null;
      if (!this.slice) {
        this.sliced = null;
        this.rendered('true');
      }
    } catch (error) {
      this.error = error;
      this.rendered('error');
      return;
    }
    this.partError = null;
    const parts = [
      get(`/metrics/journeys/${id}/hotspots`, { from: range.from, to: range.to }).then((r) => { this.hotspots = r.data; }),
      get(`/metrics/journeys/${id}/changes`, { period: 'week' }).then((r) => { this.changes = r.data; }),
      openAlerts().then((alerts) => { this.alerts = alerts.filter((a) => a.journeyId === this.journeyId); }),
      this.loadSeries(generation),
    ];
    if (first) {
      this.loadSegments();
    }
    const results = await Promise.allSettled(parts);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed && generation === this.generation) {
      this.partError = failed.reason;
    }
    this.updatedAt = new Date();
    this.setAttribute('data-complete', 'true');
  }

  /** Weekly trend per touchpoint; with a channel or segment also that slice's figure for the whole period. */
  async loadSeries(generation) {
    const touchpoints = this.journey.stages.flatMap((s) => s.touchpoints);
    const range = this.range;
    const slice = this.slice;
    const granularity = slice ? 'day' : (this.period === '7d' ? 'day' : 'week');
    const trends = {};
    const sliced = {};
    await pooled(touchpoints, 6, async (tp) => {
      const { data } = await get('/metrics/series', {
        metric: this.metric, scope: 'touchpoint', id: tp.id, journeyId: this.journeyId, granularity,
        from: range.from, to: range.to, channel: slice?.channel, segment: slice?.segment,
      });
      const main = [...data.series].sort((a, b) => total(b) - total(a))[0];
      if (slice) {
        sliced[tp.id] = rangeFigure(data.series);
      }
      trends[tp.id] = main ? trendPoints(this.metric, main, slice ? 7 : 1) : [];
    });
    if (generation !== this.generation) return;
    this.trends = trends;
    if (slice) {
      this.sliced = sliced;
      this.rendered('true');
    }
  }

  /** Segment values seen in recent answers, offered as suggestions (any attribute:value can be typed). */
  async loadSegments() {
    try {
      const { data } = await get('/responses', { limit: 100 });
      const seen = new Set();
      data.items.forEach((r) => Object.entries(r.segments ?? {}).forEach(([k, v]) => seen.add(`${k}:${v}`)));
      this.segments = [...seen].sort();
    } catch {
      this.segments = [];
    }
  }

  /** Asks for the journey's figures; when they changed, everything else is read again. */
  async poll() {
    if (document.visibilityState !== 'visible' || !this.journey || this.polling) return;
    this.polling = true;
    try {
      const range = this.range;
      const { data } = await get(`/metrics/journeys/${encodeURIComponent(this.journeyId)}/scorecard`, { from: range.from, to: range.to });
      if (JSON.stringify(data.overall) !== this.fingerprint || data.version !== this.scorecard?.version) {
        await this.load();
      }
    } catch {
      // The next poll tries again; the figures on screen stay as they were.
    } finally {
      this.polling = false;
    }
  }

  choose(values) {
    Object.assign(this, values);
    this.setQuery({ metric: this.metric === 'CES' ? null : this.metric, period: this.period === '90d' ? null : this.period,
      channel: this.channel, segment: this.segment });
    this.removeAttribute('data-rendered');
    this.removeAttribute('data-complete');
    this.trends = {};
    this.sliced = null;
    this.load();
  }

  figureFor(tp) {
    if (this.slice) {
      return this.sliced ? this.sliced[tp.id] ?? null : undefined;
    }
    const card = this.scorecard?.stages.flatMap((s) => s.touchpoints).find((t) => t.touchpointId === tp.id);
    return mainFigure(card?.metrics?.[this.metric]);
  }

  render() {
    if (this.error) {
      return html`<section class="page"><h1>Journey map</h1><em-problem .error=${this.error}></em-problem>
        <p><a href="/journeys">Back to journeys</a></p></section>`;
    }
    if (!this.journey) {
      return html`<section class="page"><p aria-busy="true">Loading the journey map…</p></section>`;
    }
    const j = this.journey;
    const ranked = this.hotspots?.ranked ?? [];
    return html`<section class="page map-page">
      <div class="page-head">
        <div>
          <p class="breadcrumb"><a href="/journeys">Journeys</a> /</p>
          <h1>${j.name}</h1>
          <p class="muted">${j.status.toLowerCase()} · ${j.publishedVersion ? `published v${j.publishedVersion}` : 'never published'}
            ${j.owner ? ` · owner ${j.owner}` : ''}</p>
        </div>
        <div class="actions">
          <a class="button secondary" href="/journeys/${j.id}/versions">Versions</a>
          ${user()?.isAdmin ? html`<a class="button" href="/journeys/${j.id}/edit">Edit journey</a>` : nothing}
        </div>
      </div>
      ${this.controls()}
      ${this.summary(ranked)}
      <em-problem .error=${this.partError}></em-problem>
      ${this.legend()}
      <div class="map" role="list" aria-label="Stages of ${j.name}" style="--stages:${j.stages.length}">
        ${j.stages.map((stage) => this.stageColumn(stage, ranked))}
      </div>
    </section>`;
  }

  controls() {
    const segmentOk = !this.segment || /^[^:\s]+:.+$/.test(this.segment);
    return html`<form class="controls" @submit=${(e) => e.preventDefault()} aria-label="Figures shown">
      <fieldset class="segmented"><legend>Metric</legend>
        ${METRICS.map((m) => html`<label><input type="radio" name="metric" value=${m} .checked=${this.metric === m}
          @change=${() => this.choose({ metric: m })}><span>${m}</span></label>`)}
      </fieldset>
      <label>Period <select @change=${(e) => this.choose({ period: e.target.value })}>
        ${PERIODS.map((p) => html`<option value=${p.key} ?selected=${p.key === this.period}>${p.label}</option>`)}</select></label>
      <label>Channel <select @change=${(e) => this.choose({ channel: e.target.value })}>
        <option value="" ?selected=${!this.channel}>All channels</option>
        ${CHANNELS.map((c) => html`<option value=${c} ?selected=${c === this.channel}>${channelLabel(c)}</option>`)}</select></label>
      <label>Segment <input type="text" list="segment-options" placeholder="e.g. region:EU" .value=${this.segment}
        aria-invalid=${segmentOk ? 'false' : 'true'} aria-describedby="segment-help"
        @change=${(e) => this.choose({ segment: e.target.value.trim() })}></label>
      <datalist id="segment-options">${(this.segments ?? []).map((s) => html`<option value=${s}></option>`)}</datalist>
      <span id="segment-help" class="muted small">${segmentOk ? 'attribute:value, empty for everyone' : 'Write it as attribute:value, e.g. region:EU'}</span>
      <p class="updated small" aria-live="polite">${this.updatedAt ? html`Updated ${this.updatedAt.toLocaleTimeString('en-GB')} · refreshes by itself when new answers arrive` : 'Loading figures…'}</p>
    </form>`;
  }

  summary(ranked) {
    const overall = mainFigure(this.scorecard?.overall?.[this.metric]);
    const drops = (this.changes?.changes ?? []).filter((c) => c.significantDrop && c.metric === this.metric);
    const slice = this.slice ? [this.channel && channelLabel(this.channel), this.segment].filter(Boolean).join(', ') : null;
    return html`<div class="summary">
      <div class="summary-item"><h2>${metricLabel(this.metric)}, whole journey</h2>
        <em-figure metric=${this.metric} .figure=${overall}></em-figure>
        <p class="small muted">${this.range.label}, all channels${slice ? html` (cards: <strong>${slice}</strong> only)` : nothing}</p></div>
      <div class="summary-item"><h2>Friction hotspots <span class="small muted">(CES${this.slice ? ', all channels' : ''})</span></h2>
        ${!this.hotspots ? html`<p class="muted">Loading…</p>` : ranked.length ? html`<ol class="compact">${ranked.slice(0, 3).map((h) => html`<li>
          <a href="/journeys/${this.journeyId}/touchpoints/${h.touchpointId}">${h.name}</a> <span class="small muted">${hotspotWhy(h)}</span></li>`)}</ol>`
          : html`<p class="muted">No touchpoint is a supported hotspot in this period.</p>`}</div>
      <div class="summary-item"><h2>Significant drops this week</h2>
        ${!this.changes ? html`<p class="muted">Loading…</p>` : drops.length ? html`<ul class="compact">${drops.map((d) => html`<li>
          <a href="/journeys/${this.journeyId}/touchpoints/${d.touchpointId}">${d.name}</a>
          <span class="small">${valueText(primary(this.metric, d.previous))} → ${valueText(primary(this.metric, d.current))}
            (n = ${count(d.previous.n)} → ${count(d.current.n)}), ${changeTestsText(d)}</span></li>`)}</ul>`
          : html`<p class="muted">None: ${dateRange(this.changes.currentFrom, this.changes.currentTo)} against the week before${this.slice ? ', all channels' : ''}.</p>`}</div>
    </div>`;
  }

  legend() {
    return html`<ul class="legend" aria-label="Colour legend">
      ${['meets', 'near', 'below', 'far', 'low', 'none', 'empty'].map((level) => html`<li><span class="swatch level-${level}" aria-hidden="true"></span>${LEVEL_WORDS[level]}</li>`)}
    </ul>`;
  }

  /** A stage's figure: the API's, or with a channel or segment the sum of its touchpoints' slice (stages are sums). */
  stageFigure(stage) {
    if (!this.slice) {
      return mainFigure(this.scorecard?.stages.find((s) => s.stageId === stage.id)?.metrics?.[this.metric]);
    }
    if (!this.sliced) {
      return undefined;
    }
    const byScale = new Map();
    stage.touchpoints.map((tp) => this.sliced[tp.id]).filter((f) => f && f.n).forEach((f) => {
      const key = `${f.scoring}:${f.scaleMin}-${f.scaleMax}`;
      byScale.set(key, [...(byScale.get(key) ?? []), f]);
    });
    const groups = [...byScale.values()].map((figures) => combine(figures[0], figures));
    return groups.sort((a, b) => b.n - a.n)[0] ?? null;
  }

  stageColumn(stage, ranked) {
    const figure = this.stageFigure(stage);
    return html`<section class="stage" role="listitem" aria-labelledby="stage-${stage.id}">
      <header class="stage-head"><h2 id="stage-${stage.id}">${stage.name}</h2>
        <em-figure compact metric=${this.metric} .figure=${figure}></em-figure></header>
      <ol class="touchpoints">${stage.touchpoints.length ? stage.touchpoints.map((tp) => this.card(tp, ranked))
        : html`<li class="muted small">No touchpoints</li>`}</ol>
    </section>`;
  }

  card(tp, ranked) {
    const figure = this.figureFor(tp);
    const target = targetFor(this.metric, figure?.scoring, tp.targets);
    const state = figure === undefined ? { level: 'empty', words: 'Loading…' } : standing(this.metric, figure, target);
    const p = primary(this.metric, figure);
    if (p.value === null) {
      p.digits = this.metric === 'CES' ? 2 : 0;
      p.unit = this.metric === 'CSAT' ? '%' : '';
    }
    const hotspot = ranked.find((h) => h.touchpointId === tp.id);
    const drop = (this.changes?.changes ?? []).find((c) => c.touchpointId === tp.id && c.metric === this.metric && c.significantDrop);
    const alerts = (this.alerts ?? []).filter((a) => a.touchpointId === tp.id);
    const goal = targetValue(this.metric, target);
    const href = `/journeys/${this.journeyId}/touchpoints/${tp.id}${this.metric !== 'CES' ? `?metric=${this.metric}` : ''}`;
    return html`<li class="tp level-${state.level}" data-touchpoint-id=${tp.id} data-n=${figure?.n ?? 0}
        data-value=${p.value ?? ''} data-level=${state.level}>
      <h3><a href=${href}>${tp.name}</a></h3>
      <p class="tp-meta small">${channelLabel(tp.channel)}${tp.ownerTeam ? ` · ${tp.ownerTeam}` : ''}</p>
      <div class="badges">
        ${hotspot ? html`<span class="badge badge-hotspot" title=${hotspotWhy(hotspot)}>Hotspot #${hotspot.rank}</span>` : nothing}
        ${drop ? html`<span class="badge badge-drop" title="Worse than the week before: ${changeTestsText(drop)}">Significant drop</span>` : nothing}
        ${alerts.length ? html`<a class="badge badge-alert" href="/alerts">${alerts.length} alert${alerts.length > 1 ? 's' : ''}</a>` : nothing}
      </div>
      ${figure && figure.n ? html`<p class="tp-value"><span class="value">${valueText(p)}</span>
          <span class="small">${intervalText(p)}</span></p>
        <p class="small">n = <span class="n">${count(figure.n)}</span> · ${scaleText(figure)}</p>` : html`<p class="tp-value muted">No answers</p>`}
      <p class="standing small"><span class="level-word">${LEVEL_WORDS[state.level]}</span>${goal !== null && state.level !== 'none'
        ? html` · target ${number(goal, p.digits)}${p.unit}` : nothing}</p>
      ${figure?.lowSample ? html`<p class="small low-sample-note">${lowSampleWords(figure.n)}</p>` : nothing}
      <em-sparkline .points=${this.trends[tp.id]} digits=${p.digits} unit=${p.unit} label="${tp.name} trend"></em-sparkline>
      ${tp.painPoints?.length ? html`<details class="pain"><summary>${tp.painPoints.length} pain point${tp.painPoints.length > 1 ? 's' : ''}</summary>
        <ul>${tp.painPoints.map((pp) => html`<li>${pp}</li>`)}</ul></details>` : nothing}
    </li>`;
  }
}

function total(series) {
  return series.points.reduce((sum, p) => sum + (p.n ?? 0), 0);
}

/** Trend points in display units; daily points are grouped by `group` days (a week) to stay readable. */
function trendPoints(metric, series, group) {
  const points = [];
  for (let i = 0; i < series.points.length; i += group) {
    const chunk = series.points.slice(i, i + group);
    const figure = group === 1 ? { ...chunk[0], scoring: series.scoring, scaleMin: series.scaleMin, scaleMax: series.scaleMax }
      : combine(series, chunk);
    points.push({ value: primary(metric, figure).value, n: figure.n, lowSample: figure.n > 0 && figure.lowSample });
  }
  return points;
}

customElements.define('em-journey-map', EmJourneyMap);
