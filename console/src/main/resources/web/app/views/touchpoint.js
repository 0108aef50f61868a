import { html, nothing } from 'lit';
import { View } from '../lib/base.js';
import { all, get } from '../lib/api.js';
import { journey as readJourney, mainFigure } from '../lib/data.js';
import { LOW_SAMPLE, METRICS, PERIODS, changeTestsText, channelLabel, count, date, dateRange, dayBefore, displayUnit, intervalText, lowSampleWords, metricLabel, number,
  periodRange, primary, scaleText, signed, standing, targetValue, valueText } from '../lib/format.js';

const GRANULARITIES = [{ key: 'day', label: 'Day' }, { key: 'week', label: 'Week' }, { key: 'month', label: 'Month' }];
const PAIRS = [{ key: 'CES_CSAT', label: 'CES and CSAT' }, { key: 'CES_NPS', label: 'CES and NPS' }];

/**
 * View 3, a touchpoint in depth: its time series with interval band and target, score distribution, change against
 * the previous period with its test, correlation with CSAT/NPS, the comments behind the scores, pain points and
 * opportunities.
 */
class EmTouchpoint extends View {
  static properties = {
    journey: { state: true }, figures: { state: true }, series: { state: true }, changes: { state: true },
    correlations: { state: true }, comments: { state: true }, error: { state: true }, commentsError: { state: true },
    chartError: { state: true }, questionKey: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    const q = this.query;
    this.metric = METRICS.includes(q.get('metric')) ? q.get('metric') : 'CES';
    this.period = PERIODS.some((p) => p.key === q.get('period')) ? q.get('period') : '90d';
    this.granularity = GRANULARITIES.some((g) => g.key === q.get('granularity')) ? q.get('granularity') : 'week';
    this.changePeriod = 'week';
    this.commentFilter = { minScore: '', maxScore: '' };
    this.load();
  }

  get ids() {
    return { journeyId: this.location.params.journeyId, touchpointId: this.location.params.touchpointId };
  }

  get touchpoint() {
    for (const stage of this.journey?.stages ?? []) {
      const tp = stage.touchpoints.find((t) => t.id === this.ids.touchpointId);
      if (tp) return { ...tp, stage };
    }
    return null;
  }

  async load() {
    const { journeyId, touchpointId } = this.ids;
    const range = periodRange(this.period);
    try {
      const [journey, figures, series] = await Promise.all([
        readJourney(journeyId).then((r) => r.data),
        get(`/metrics/journeys/${encodeURIComponent(journeyId)}/touchpoints/${encodeURIComponent(touchpointId)}`,
          { metric: this.metric, from: range.from, to: range.to }).then((r) => r.data),
        get('/metrics/series', { metric: this.metric, scope: 'touchpoint', id: touchpointId, journeyId,
          granularity: this.granularity, from: range.from, to: range.to }).then((r) => r.data),
      ]);
      this.journey = journey;
      this.figures = figures;
      this.series = series;
      this.error = null;
      this.titled(`${figures.touchpointName} · ${metricLabel(this.metric)}`);
    } catch (error) {
      this.error = error;
      this.rendered('error');
      return;
    }
    await this.updateComplete;
    await this.drawCharts();
    this.rendered('true');
    this.loadChanges();
    this.loadCorrelations(range);
    this.loadComments(true);
  }

  async loadChanges() {
    try {
      const { data } = await get(`/metrics/journeys/${encodeURIComponent(this.ids.journeyId)}/changes`, { period: this.changePeriod });
      this.changes = { ...data, changes: data.changes.filter((c) => c.touchpointId === this.ids.touchpointId && c.metric === this.metric) };
    } catch (error) {
      this.changes = { error };
    }
  }

  async loadCorrelations(range) {
    const { journeyId, touchpointId } = this.ids;
    this.correlations = await Promise.all(PAIRS.map((pair) => get('/metrics/correlation',
      { pair: pair.key, scope: 'touchpoint', id: touchpointId, journeyId, from: range.from, to: range.to })
      .then((r) => ({ pair, data: r.data })).catch((error) => ({ pair, error }))));
  }

  /** Comments at this touchpoint, newest first, optionally only those whose score of this metric is in a range. */
  async loadComments(reset) {
    this.commentsError = null;
    try {
      if (this.questionKey === undefined) {
        const surveys = await all('/surveys', { touchpointId: this.ids.touchpointId }, 200);
        const question = surveys.flatMap((s) => s.questions).find((q) => q.kind === this.metric);
        this.questionKey = question?.key ?? null;
      }
      const { minScore, maxScore } = this.commentFilter;
      const filtered = (minScore !== '' || maxScore !== '') && this.questionKey;
      const { data } = await get('/responses', {
        touchpointId: this.ids.touchpointId, hasComment: 'true', limit: 10,
        questionKey: filtered ? this.questionKey : undefined,
        minScore: filtered ? minScore : undefined, maxScore: filtered ? maxScore : undefined,
        after: reset ? undefined : this.comments?.next,
      });
      this.comments = { items: [...(reset ? [] : this.comments?.items ?? []), ...data.items], next: data.next };
    } catch (error) {
      this.commentsError = error;
    }
  }

  choose(values) {
    Object.assign(this, values);
    this.setQuery({ metric: this.metric === 'CES' ? null : this.metric, period: this.period === '90d' ? null : this.period,
      granularity: this.granularity === 'week' ? null : this.granularity });
    this.removeAttribute('data-rendered');
    this.questionKey = undefined;
    this.comments = undefined;
    this.load();
  }

  mainSeries() {
    return [...(this.series?.series ?? [])].sort((a, b) => b.points.reduce((s, p) => s + p.n, 0) - a.points.reduce((s, p) => s + p.n, 0))[0];
  }

  async drawCharts() {
    const main = this.mainSeries();
    const figure = mainFigure(this.figures?.figures);
    const seriesEl = this.querySelector('#series-chart');
    const distributionEl = this.querySelector('#distribution-chart');
    if (!seriesEl || !distributionEl) return;
    try {
      const charts = await import('../lib/charts.js');
      if (main) {
        const points = main.points.map((pt) => ({ ...pt, scoring: main.scoring, scaleMin: main.scaleMin, scaleMax: main.scaleMax }));
        const shown = points.map((pt) => primary(this.metric, pt));
        const target = targetValue(this.metric, this.figures.target ?? null);
        const { digits, unit } = displayUnit(this.metric);
        const bounds = this.metric === 'CES' ? [main.scaleMin, main.scaleMax] : this.metric === 'NPS' ? [-100, 100] : [0, 100];
        charts.seriesChart(seriesEl, {
          periods: points.map((pt) => pt.period), labels: points.map((pt) => periodLabel(pt.period, this.granularity)),
          values: shown.map((s) => s.value), lows: shown.map((s) => s.low), highs: shown.map((s) => s.high),
          target, unit, digits, bounds,
          description: `${metricLabel(this.metric)} per ${this.granularity} with its 95% interval${target !== null ? ` and the target ${number(target, digits)}${unit}` : ''}; the table below lists every value.`,
        });
      }
      if (figure?.histogram) {
        const scores = [];
        for (let s = figure.scaleMin; s <= figure.scaleMax; s++) scores.push(String(s));
        charts.distributionChart(distributionEl, { scores, counts: scores.map((s) => figure.histogram[s] ?? 0),
          description: `How many answers gave each score from ${figure.scaleMin} to ${figure.scaleMax}; the table below lists them.` });
      }
    } catch (error) {
      this.chartError = error;
    }
  }

  render() {
    if (this.error) {
      return html`<section class="page"><h1>Touchpoint</h1><em-problem .error=${this.error}></em-problem>
        <p><a href="/journeys">Back to journeys</a></p></section>`;
    }
    if (!this.figures || !this.journey) {
      return html`<section class="page"><p aria-busy="true">Loading the touchpoint…</p></section>`;
    }
    const tp = this.touchpoint;
    const figure = mainFigure(this.figures.figures);
    const p = primary(this.metric, figure);
    const target = this.figures.target ?? null;
    const state = standing(this.metric, figure, target);
    return html`<section class="page touchpoint-page">
      <p class="breadcrumb"><a href="/journeys">Journeys</a> / <a href="/journeys/${this.ids.journeyId}">${this.journey.name}</a> /</p>
      <h1>${this.figures.touchpointName}</h1>
      <p class="muted">${tp ? html`Stage ${tp.stage.name} · ${channelLabel(tp.channel)}${tp.ownerTeam ? ` · ${tp.ownerTeam}` : ''}` : 'Removed from the map; its answers are kept'}</p>
      <form class="controls" @submit=${(e) => e.preventDefault()} aria-label="Figures shown">
        <fieldset class="segmented"><legend>Metric</legend>
          ${METRICS.map((m) => html`<label><input type="radio" name="metric" value=${m} .checked=${this.metric === m}
            @change=${() => this.choose({ metric: m })}><span>${m}</span></label>`)}</fieldset>
        <fieldset class="segmented"><legend>Per</legend>
          ${GRANULARITIES.map((g) => html`<label><input type="radio" name="granularity" value=${g.key} .checked=${this.granularity === g.key}
            @change=${() => this.choose({ granularity: g.key })}><span>${g.label}</span></label>`)}</fieldset>
        <label>Period <select @change=${(e) => this.choose({ period: e.target.value })}>
          ${PERIODS.map((x) => html`<option value=${x.key} ?selected=${x.key === this.period}>${x.label}</option>`)}</select></label>
      </form>
      <div class="summary">
        <div class="summary-item wide"><h2>${metricLabel(this.metric)}, ${periodRange(this.period).label.toLowerCase()}</h2>
          ${figure && figure.n ? html`<p class="big-figure"><span class="value">${valueText(p)}</span> <span>${intervalText(p)}</span></p>
            <p>n = ${count(figure.n)} · ${scaleText(figure)}</p>
            <p class="standing level-${state.level}"><strong>${state.words}</strong></p>
            ${figure.lowSample ? html`<p class="low-sample-note">${lowSampleWords(figure.n)}</p>` : nothing}
            ${this.figures.figures.length > 1 ? html`<p class="small">Answers on other scales are kept apart:
              ${this.figures.figures.filter((f) => f !== figure).map((f) => html`<span>${scaleText(f)}: ${valueText(primary(this.metric, f))}, n = ${count(f.n)}. </span>`)}</p>` : nothing}`
          : html`<p class="muted">No answers for ${this.metric} in this period.</p>`}
        </div>
        ${this.changeBlock()}
      </div>
      <em-problem .error=${this.chartError}></em-problem>
      <div class="panels">
        <section class="panel"><h2>${metricLabel(this.metric)} per ${this.granularity}</h2>
          <div id="series-chart" class="chart" role="figure" aria-label="Time series chart"></div>
          ${this.chartLegend()}
          ${this.seriesTable()}</section>
        <section class="panel"><h2>Score distribution</h2>
          <div id="distribution-chart" class="chart small-chart" role="figure" aria-label="Score distribution chart"></div>
          ${figure?.histogram ? html`<details><summary>Distribution as a table</summary><table class="data"><thead><tr><th scope="col">Score</th><th scope="col">Answers</th></tr></thead>
            <tbody>${Object.entries(figure.histogram).map(([s, c]) => html`<tr><td>${s}</td><td>${count(c)}</td></tr>`)}</tbody></table></details>` : nothing}
        </section>
      </div>
      ${this.correlationBlock()}
      <div class="panels">
        ${this.commentsBlock()}
        ${this.painBlock(tp)}
      </div>
    </section>`;
  }

  chartLegend() {
    const target = targetValue(this.metric, this.figures?.target ?? null);
    const { digits, unit } = displayUnit(this.metric);
    return html`<ul class="chart-legend small" aria-label="How to read the chart">
      <li><span class="key key-line" aria-hidden="true"></span>${this.metric} per ${this.granularity} (dots: periods with answers)</li>
      <li><span class="key key-band" aria-hidden="true"></span>95% interval</li>
      ${target !== null ? html`<li><span class="key key-target" aria-hidden="true"></span>target ${number(target, digits)}${unit}</li>` : nothing}
    </ul>`;
  }

  seriesTable() {
    const main = this.mainSeries();
    if (!main) return html`<p class="muted">No answers in this period.</p>`;
    return html`<details><summary>Series as a table</summary><div class="table-wrap"><table class="data series-table">
      <thead><tr><th scope="col">Period from</th><th scope="col">Value</th><th scope="col">95% interval</th><th scope="col">n</th></tr></thead>
      <tbody>${main.points.map((pt) => {
        const s = primary(this.metric, { ...pt, scoring: main.scoring, scaleMin: main.scaleMin, scaleMax: main.scaleMax });
        return html`<tr><td>${periodLabel(pt.period, this.granularity, true)}</td><td>${valueText(s)}${pt.lowSample && pt.n ? html` <span class="low-sample">Low sample</span>` : nothing}</td>
          <td>${pt.n ? intervalText(s) : '–'}</td><td>${count(pt.n)}</td></tr>`;
      })}</tbody></table></div></details>`;
  }

  changeBlock() {
    const c = this.changes;
    return html`<div class="summary-item wide"><h2>Change against the previous
      <select aria-label="Compare by" @change=${(e) => { this.changePeriod = e.target.value; this.changes = null; this.loadChanges(); }}>
        <option value="week" ?selected=${this.changePeriod === 'week'}>week</option>
        <option value="month" ?selected=${this.changePeriod === 'month'}>month</option></select></h2>
      ${!c ? html`<p class="muted">Loading…</p>` : c.error ? html`<em-problem .error=${c.error}></em-problem>`
        : !c.changes.length ? html`<p class="muted">No answers from ${date(c.previousFrom)} to ${date(c.currentTo)}.</p>`
        : c.changes.map((ch) => {
          const cur = primary(this.metric, ch.current);
          const prev = primary(this.metric, ch.previous);
          return html`<p>${dateRange(c.currentFrom, c.currentTo)}: <strong>${valueText(cur)}</strong> <span class="small">${intervalText(cur)}</span>, n = ${count(ch.current.n)}</p>
            <p>${dateRange(c.previousFrom, dayBefore(c.currentFrom))}: <strong>${valueText(prev)}</strong> <span class="small">${intervalText(prev)}</span>, n = ${count(ch.previous.n)}</p>
            ${ch.current.lowSample || ch.previous.lowSample ? html`<p class="low-sample-note"><span class="low-sample">Low sample</span>
              ${lowSampleWords(Math.min(ch.current.n, ch.previous.n))} No drop is flagged below ${LOW_SAMPLE} answers in either period.</p>` : nothing}
            <p>Mean change ${signed(ch.meanChange, 2)} on ${ch.scaleMin}–${ch.scaleMax}. Tests (p adjusted for every comparison of the journey): ${changeTestsText(ch)}.</p>
            <p class=${ch.significantDrop ? 'badge badge-drop' : ''}>${ch.significantDrop ? 'Significant drop' : 'No significant drop'}</p>`;
        })}
    </div>`;
  }

  correlationBlock() {
    return html`<section class="panel"><h2>Correlation with CSAT and NPS</h2>
      <p class="small muted">Each respondent's CES answer paired with their CSAT or NPS answer in the same response.</p>
      ${!this.correlations ? html`<p class="muted">Loading…</p>` : html`<div class="table-wrap"><table class="data">
        <thead><tr><th scope="col">Pair</th><th scope="col">Scales</th><th scope="col">n</th><th scope="col">Pearson r (95% CI)</th><th scope="col">Spearman ρ (95% CI)</th></tr></thead>
        <tbody>${this.correlations.flatMap(({ pair, data, error }) => (error ? [html`<tr><td>${pair.label}</td><td colspan="4"><em-problem .error=${error}></em-problem></td></tr>`]
          : !data.results.length ? [html`<tr><td>${pair.label}</td><td colspan="4" class="muted">No paired answers</td></tr>`]
          : data.results.map((r) => html`<tr><td>${pair.label}</td><td>CES ${r.cesScaleMin}–${r.cesScaleMax} · ${String(r.otherScale).replace(':', ' ').replace('-', '–')}</td>
            <td>${count(r.n)}${r.lowSample ? html` <span class="low-sample">Low sample</span>` : nothing}</td>
            <td>${corr(r.pearson, r.pearsonCi95)}</td><td>${corr(r.spearman, r.spearmanCi95)}</td></tr>`)))}</tbody></table></div>`}
    </section>`;
  }

  commentsBlock() {
    const c = this.comments;
    return html`<section class="panel comments"><h2>Comments</h2>
      <form class="inline-form" @submit=${(e) => { e.preventDefault(); const f = new FormData(e.target);
        this.commentFilter = { minScore: f.get('minScore'), maxScore: f.get('maxScore') }; this.loadComments(true); }}>
        <label>${this.metric} score from <input name="minScore" type="number" inputmode="numeric" .value=${this.commentFilter.minScore}></label>
        <label>to <input name="maxScore" type="number" inputmode="numeric" .value=${this.commentFilter.maxScore}></label>
        <button type="submit" class="secondary">Filter</button>
      </form>
      ${this.questionKey === null ? html`<p class="small muted">No survey here asks ${this.metric}, so comments cannot be filtered by its score.</p>` : nothing}
      <em-problem .error=${this.commentsError}></em-problem>
      ${!c ? html`<p class="muted">Loading…</p>` : !c.items.length ? html`<p class="muted">No comments match.</p>` : html`<ul class="comment-list">
        ${c.items.map((r) => html`<li><blockquote>${r.answers.filter((a) => a.text).map((a) => a.text).join(' ')}</blockquote>
          <p class="small muted">${date(r.occurredAt)} · ${channelLabel(r.channel)} · ${r.answers.filter((a) => a.score !== null && a.score !== undefined)
            .map((a) => `${a.kind} ${a.score}/${a.scaleMax}`).join(', ')}</p></li>`)}</ul>
        ${c.next ? html`<button type="button" class="secondary" @click=${() => this.loadComments(false)}>More comments</button>` : nothing}`}
    </section>`;
  }

  painBlock(tp) {
    if (!tp) return nothing;
    return html`<section class="panel"><h2>Pain points and opportunities</h2>
      ${tp.painPoints?.length ? html`<ul>${tp.painPoints.map((p) => html`<li>${p}</li>`)}</ul>` : html`<p class="muted">No pain points recorded.</p>`}
      <h3>Opportunities</h3>
      ${tp.opportunities?.length ? html`<ul>${tp.opportunities.map((o) => html`<li>${o.text} <span class="small muted">· ${o.status.replace('_', ' ')}${o.owner ? ` · ${o.owner}` : ''}</span></li>`)}</ul>`
        : html`<p class="muted">No opportunities recorded.</p>`}
    </section>`;
  }
}

/** A period's start as a label: "31 Aug" per day or week ("31 Aug 2026" in full), "Aug 2026" per month. */
function periodLabel(iso, granularity, full = false) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (granularity === 'month') {
    return d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(full ? { year: 'numeric' } : {}), timeZone: 'UTC' });
}

function corr(r, ci) {
  if (r === null || r === undefined) return html`<span class="muted">not defined (no variation)</span>`;
  return html`${number(r, 2)} ${ci ? html`<span class="small">(${number(ci.low, 2)} to ${number(ci.high, 2)})</span>` : html`<span class="small muted">(no interval, n ≤ 3)</span>`}`;
}

customElements.define('em-touchpoint', EmTouchpoint);
