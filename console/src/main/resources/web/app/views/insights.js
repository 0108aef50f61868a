import { html, nothing } from 'lit';
import { View } from '../lib/base.js';
import { action as post, all, get } from '../lib/api.js';
import { journeyList, journey as readJourney, pooled, touchpointsOf } from '../lib/data.js';
import { DROP_RULE, HOTSPOT_RULE, LOW_SAMPLE, PERIODS, alertValue, changeTestsText, count, date, dateRange, dateTime, dayBefore, displayUnit,
  hotspotWhy, intervalText, lowSampleWords, number, pValueText, percent, periodRange, primary, ruleConditionText, sharePercent,
  signed, valueText } from '../lib/format.js';

/** Journey chooser shared by the insight views; the choice is kept in the URL (?journey=). */
async function journeysAndChoice(view) {
  const journeys = await journeyList();
  const wanted = view.query.get('journey');
  return { journeys, journeyId: journeys.some((j) => j.id === wanted) ? wanted : journeys[0]?.id };
}

/** View 4a: the friction ranking with the reason each entry ranks, and early warning (significant drops). */
class EmHotspots extends View {
  static properties = { journeys: { state: true }, hotspots: { state: true }, changes: { state: true }, error: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.titled('Hotspots and early warning');
    this.period = PERIODS.some((p) => p.key === this.query.get('period')) ? this.query.get('period') : '90d';
    this.changePeriod = this.query.get('compare') === 'month' ? 'month' : 'week';
    this.init();
  }

  async init() {
    try {
      const { journeys, journeyId } = await journeysAndChoice(this);
      this.journeys = journeys;
      this.journeyId = journeyId;
      await this.load();
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  async load() {
    if (!this.journeyId) {
      this.rendered('empty');
      return;
    }
    const range = periodRange(this.period);
    const id = encodeURIComponent(this.journeyId);
    this.error = null;
    try {
      const [hotspots, changes] = await Promise.all([
        get(`/metrics/journeys/${id}/hotspots`, { from: range.from, to: range.to }).then((r) => r.data),
        get(`/metrics/journeys/${id}/changes`, { period: this.changePeriod }).then((r) => r.data),
      ]);
      this.hotspots = hotspots;
      this.changes = changes;
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  choose(values) {
    Object.assign(this, values);
    this.setQuery({ journey: this.journeyId, period: this.period === '90d' ? null : this.period, compare: this.changePeriod === 'week' ? null : this.changePeriod });
    this.removeAttribute('data-rendered');
    this.load();
  }

  render() {
    const drops = (this.changes?.changes ?? []).filter((c) => c.significantDrop);
    return html`<section class="page">
      <h1>Hotspots and early warning</h1>
      <form class="controls" @submit=${(e) => e.preventDefault()} aria-label="Journey and period">
        <label>Journey <select @change=${(e) => this.choose({ journeyId: e.target.value })}>
          ${(this.journeys ?? []).map((j) => html`<option value=${j.id} ?selected=${j.id === this.journeyId}>${j.name}</option>`)}</select></label>
        <label>Period <select @change=${(e) => this.choose({ period: e.target.value })}>
          ${PERIODS.map((p) => html`<option value=${p.key} ?selected=${p.key === this.period}>${p.label}</option>`)}</select></label>
        <label>Compare each <select @change=${(e) => this.choose({ changePeriod: e.target.value })}>
          <option value="week" ?selected=${this.changePeriod === 'week'}>week with the week before</option>
          <option value="month" ?selected=${this.changePeriod === 'month'}>month with the month before</option></select></label>
      </form>
      <em-problem .error=${this.error}></em-problem>
      ${this.journeys && !this.journeys.length ? html`<p class="muted">No journeys yet.</p>` : nothing}
      ${this.hotspots ? html`
        <section class="panel"><h2>Friction ranking</h2>
          <p class="small">${HOTSPOT_RULE}</p>
          ${this.hotspots.ranked.length ? html`<div class="table-wrap"><table class="data hotspots-table">
            <thead><tr><th scope="col">Rank</th><th scope="col">Touchpoint</th><th scope="col">Why it ranks</th><th scope="col">CES mean (95% CI)</th>
              <th scope="col">n</th><th scope="col">Share of the journey's answers</th><th scope="col">Hard answers or detractors</th><th scope="col">Friction score</th></tr></thead>
            <tbody>${this.hotspots.ranked.map((h) => html`<tr>
              <td>${h.rank}</td><th scope="row"><a href="/journeys/${this.journeyId}/touchpoints/${h.touchpointId}">${h.name}</a>
                <div class="small muted">${h.stageName}</div></th>
              <td>${hotspotWhy(h)}</td>
              <td>${this.mean(h)}</td><td>${count(h.n)}</td>
              <td>${percent(sharePercent(h.volumeShare), 1)}</td>
              <td>${percent(sharePercent(h.detractorShare), 1)} <span class="small muted">${h.detractorBasis === 'NPS' ? 'NPS detractors' : 'in the two hardest CES points'}</span></td>
              <td>${number(h.frictionScore, 4)}</td></tr>`)}</tbody></table></div>`
            : html`<p>No touchpoint is a statistically supported hotspot in this period.</p>`}
          ${this.hotspots.unranked.length ? html`<details><summary>${this.hotspots.unranked.length} touchpoints not ranked, and why</summary>
            <ul>${this.hotspots.unranked.map((h) => html`<li><a href="/journeys/${this.journeyId}/touchpoints/${h.touchpointId}">${h.name}</a>:
              ${hotspotWhy(h)}${h.n ? html` (n = ${count(h.n)}${h.lowSample ? ', low sample' : ''})` : nothing}</li>`)}</ul></details>` : nothing}
        </section>
        <section class="panel"><h2>Early warning: ${dateRange(this.changes.currentFrom, this.changes.currentTo)}
          against ${dateRange(this.changes.previousFrom, dayBefore(this.changes.currentFrom))}</h2>
          <p class="small">${DROP_RULE}</p>
          ${drops.length ? html`<ul class="drops">${drops.map((d) => html`<li><span class="badge badge-drop">Significant drop</span>
            <a href="/journeys/${this.journeyId}/touchpoints/${d.touchpointId}?metric=${d.metric}">${d.name}</a> ${d.metric}:
            ${valueText(primary(d.metric, d.current))} (n = ${count(d.current.n)}) from ${valueText(primary(d.metric, d.previous))}
            (n = ${count(d.previous.n)}), ${changeTestsText(d)}</li>`)}</ul>`
            : html`<p>No significant drop.</p>`}
          <details><summary>Every comparison (${this.changes.changes.length})</summary><div class="table-wrap"><table class="data">
            <thead><tr><th scope="col">Touchpoint</th><th scope="col">Metric</th><th scope="col">Previous</th><th scope="col">Current</th><th scope="col">Mean change</th><th scope="col">Test</th></tr></thead>
            <tbody>${this.changes.changes.map((c) => html`<tr><td>${c.name}</td><td>${c.metric} ${c.scaleMin}–${c.scaleMax}</td>
              <td>${valueText(primary(c.metric, c.previous))} (n = ${count(c.previous.n)})</td><td>${valueText(primary(c.metric, c.current))} (n = ${count(c.current.n)})</td>
              <td>${signed(c.meanChange, 2)}</td><td>${changeTestsText(c)}${c.significantDrop ? ' · significant drop' : ''}</td></tr>`)}</tbody>
          </table></div></details>
        </section>` : nothing}
    </section>`;
  }

  mean(h) {
    const p = primary('CES', { n: h.n, mean: h.mean, meanCi95: h.meanCi95 });
    return html`${valueText(p)} <span class="small">${intervalText(p)}</span> <span class="small muted">on ${h.scaleMin}–${h.scaleMax}</span>
      ${h.lowSample ? html`<span class="low-sample" title=${lowSampleWords(h.n)}>Low sample</span>` : nothing}`;
  }
}
customElements.define('em-hotspots', EmHotspots);

const STATES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];

/** View 4b: the alerts inbox, newest first, with acknowledge and resolve (analysts may do both). */
class EmAlerts extends View {
  static properties = { alerts: { state: true }, next: { state: true }, error: { state: true }, rowErrors: { state: true }, busy: { state: true },
    names: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.titled('Alerts');
    this.state = STATES.includes(this.query.get('state')) ? this.query.get('state') : (this.query.get('state') === 'all' ? '' : 'OPEN');
    this.rowErrors = {};
    this.names = new Map();
    this.load(true);
  }

  async load(reset) {
    this.error = null;
    try {
      const [{ data }, rules] = await Promise.all([
        get('/alerts', { state: this.state || undefined, limit: 25, after: reset ? undefined : this.next }),
        this.rules ? Promise.resolve(this.rules) : all('/alerts/rules', {}, 500),
      ]);
      this.rules = rules;
      this.alerts = [...(reset ? [] : this.alerts ?? []), ...data.items];
      this.next = data.next;
      await this.loadNames().catch(() => {});
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  async act(alert, action) {
    this.busy = alert.id;
    this.rowErrors = { ...this.rowErrors, [alert.id]: null };
    try {
      // Alerts carry no version: acknowledging or resolving twice changes nothing more, so the API takes no If-Match.
      const { data } = await post(`/alerts/${encodeURIComponent(alert.id)}/${action}`);
      this.alerts = this.alerts.map((a) => (a.id === alert.id ? data : a));
    } catch (error) {
      this.rowErrors = { ...this.rowErrors, [alert.id]: error };
    } finally {
      this.busy = null;
    }
  }

  observed(alert) {
    const o = alert.latest ?? alert.observed;
    if (!o || o.value === null || o.value === undefined) return html`<span class="muted">no figure</span>`;
    const { digits, unit } = displayUnit(alert.metric);
    const shown = (v) => alertValue(alert.metric, v ?? null);
    const p = { value: shown(o.value), low: shown(o.ci95Low), high: shown(o.ci95High), digits, unit };
    return html`${alert.latest ? 'Latest figure' : 'When it opened'}: <strong>${valueText(p)}</strong> <span class="small">${intervalText(p)}</span>,
      n = ${count(o.n)}${o.n < LOW_SAMPLE ? html` <span class="low-sample" title=${lowSampleWords(o.n)}>Low sample</span>` : nothing}
      <div class="small muted">${date(o.from)} to ${date(o.to)}${o.previousValue !== null && o.previousValue !== undefined
        ? html`; the window before: ${valueText({ ...p, value: shown(o.previousValue) })} (n = ${count(o.previousN)}), Welch's test ${pValueText(o.pValue)}` : nothing}</div>`;
  }

  /** What the alert's rule watches, in words, linked to the map or drill-down. */
  watched(rule) {
    if (!rule) return 'a rule that no longer exists';
    if (rule.scope === 'workspace') return 'the whole workspace';
    if (rule.scope === 'journey') {
      return html`journey <a href="/journeys/${rule.scopeId}">${this.names.get(rule.scopeId) ?? rule.scopeId}</a>`;
    }
    if (rule.scope === 'touchpoint') {
      return html`touchpoint <a href="/journeys/${rule.journeyId}/touchpoints/${rule.scopeId}?metric=${rule.metric}">${this.names.get(rule.scopeId) ?? rule.scopeId}</a>
        ${this.names.has(rule.journeyId) ? html`<span class="muted">(${this.names.get(rule.journeyId)})</span>` : nothing}`;
    }
    return html`survey <a href="/surveys/${rule.scopeId}">${this.names.get(rule.scopeId) ?? rule.scopeId}</a>`;
  }

  /** Names of what the shown alerts' rules watch (journeys, touchpoints, surveys); ids stay when a read fails. */
  async loadNames() {
    const rules = this.rules ?? [];
    const journeyIds = new Set(rules.flatMap((r) => (r.scope === 'journey' ? [r.scopeId] : r.scope === 'touchpoint' ? [r.journeyId] : [])));
    const names = new Map(this.names);
    await pooled([...journeyIds].filter((id) => id && !names.has(id)), 4, async (id) => {
      const { data } = await readJourney(id);
      names.set(id, data.name);
      touchpointsOf(data).forEach((tp) => names.set(tp.id, tp.name));
    });
    if (rules.some((r) => r.scope === 'survey')) {
      (await all('/surveys', {}, 500).catch(() => [])).forEach((sv) => names.set(sv.id, sv.name));
    }
    this.names = names;
  }

  render() {
    const byId = new Map((this.rules ?? []).map((r) => [r.id, r]));
    return html`<section class="page">
      <h1>Alerts</h1>
      <form class="controls" @submit=${(e) => e.preventDefault()} aria-label="Filter alerts">
        <label>Show <select @change=${(e) => { this.state = e.target.value; this.setQuery({ state: this.state || 'all' }); this.load(true); }}>
          <option value="OPEN" ?selected=${this.state === 'OPEN'}>Open</option>
          <option value="ACKNOWLEDGED" ?selected=${this.state === 'ACKNOWLEDGED'}>Acknowledged</option>
          <option value="RESOLVED" ?selected=${this.state === 'RESOLVED'}>Resolved</option>
          <option value="" ?selected=${!this.state}>All</option></select></label>
        <a class="small" href="/settings/alert-rules">Alert rules</a>
      </form>
      <em-problem .error=${this.error}></em-problem>
      ${!this.alerts ? html`<p aria-busy="true">Loading alerts…</p>` : !this.alerts.length ? html`<p class="empty">No ${this.state ? this.state.toLowerCase() : ''} alerts.</p>` : html`
        <ul class="alert-list">${this.alerts.map((a) => {
          const rule = byId.get(a.ruleId);
          return html`<li class="alert-item state-${a.state.toLowerCase()}">
            <div><h2 class="h3">${a.ruleName}</h2>
              <p>${rule ? ruleConditionText(rule) : `${a.metric} ${a.condition.toLowerCase().replace('_', ' ')}`} on ${this.watched(rule)}</p>
              <p class="small"><span class="status">${a.state.toLowerCase()}</span>
                · opened ${dateTime(a.openedAt)}${a.acknowledgedBy ? ` · acknowledged by ${a.acknowledgedBy}` : ''}${a.resolvedBy ? ` · resolved by ${a.resolvedBy} ${dateTime(a.resolvedAt)}` : ''}</p>
              <p>${this.observed(a)}</p>
              <em-problem .error=${this.rowErrors[a.id]}></em-problem></div>
            <div class="actions">
              ${a.state === 'OPEN' ? html`<button type="button" class="secondary" ?disabled=${this.busy === a.id}
                @click=${() => this.act(a, 'acknowledge')}>Acknowledge<span class="visually-hidden"> ${a.ruleName}</span></button>` : nothing}
              ${a.state !== 'RESOLVED' ? html`<button type="button" ?disabled=${this.busy === a.id}
                @click=${() => this.act(a, 'resolve')}>Resolve<span class="visually-hidden"> ${a.ruleName}</span></button>` : nothing}
            </div></li>`;
        })}</ul>
        ${this.next ? html`<button type="button" class="secondary" @click=${() => this.load(false)}>More alerts</button>` : nothing}`}
    </section>`;
  }
}
customElements.define('em-alerts', EmAlerts);
