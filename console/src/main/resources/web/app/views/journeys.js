import { html, nothing } from 'lit';
import { View } from '../lib/base.js';
import { get } from '../lib/api.js';
import { user } from '../lib/auth.js';
import { journey as readJourney, journeyList, mainFigure, openAlerts, pooled } from '../lib/data.js';
import { METRICS, periodRange, plural } from '../lib/format.js';

/** View 1: every journey of the workspace with owner, status, last published version, headline figures and alerts. */
class EmJourneys extends View {
  static properties = { rows: { state: true }, error: { state: true }, alertsError: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.titled('Journeys');
    this.load();
  }

  async load() {
    this.error = null;
    try {
      const summaries = await journeyList();
      this.rows = summaries.map((s) => ({ summary: s }));
      if (!summaries.length) {
        this.rendered('empty');
      }
      const range = periodRange('90d');
      const alerts = openAlerts().catch((error) => { this.alertsError = error; return []; });
      const details = await pooled(summaries, 6, async (s) => {
        const [detail, scorecard] = await Promise.all([
          readJourney(s.id).then((r) => r.data),
          get(`/metrics/journeys/${encodeURIComponent(s.id)}/scorecard`, { from: range.from, to: range.to }).then((r) => r.data)
            .catch((error) => ({ error })),
        ]);
        return { detail, scorecard };
      });
      const open = await alerts;
      this.rows = summaries.map((s, i) => ({
        summary: s,
        detail: details[i]?.detail,
        scorecard: details[i]?.scorecard,
        error: details[i]?.error,
        alerts: open.filter((a) => a.journeyId === s.id).length,
      }));
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  cell(row, metric) {
    if (!row.scorecard) {
      return html`<td class="loading-cell">…</td>`;
    }
    if (row.scorecard.error) {
      return html`<td><span class="muted">unavailable</span></td>`;
    }
    return html`<td><em-figure compact metric=${metric} .figure=${mainFigure(row.scorecard.overall?.[metric])}></em-figure></td>`;
  }

  render() {
    const admin = user()?.isAdmin;
    return html`<section class="page">
      <div class="page-head">
        <h1>Journeys</h1>
        ${admin ? html`<a class="button" href="/journeys/new">New journey</a>` : nothing}
      </div>
      <p class="lead">Figures cover the last 90 days, with the 95% interval and the number of answers (n).</p>
      <em-problem .error=${this.error}></em-problem>
      ${this.alertsError ? html`<em-problem .error=${this.alertsError}></em-problem>` : nothing}
      ${!this.rows ? html`<p aria-busy="true">Loading journeys…</p>` : !this.rows.length ? html`<div class="empty">
          <p>No journeys yet.</p>${admin ? html`<p><a class="button" href="/journeys/new">Create your first journey</a></p>` : html`<p>An admin of your workspace can create one.</p>`}
        </div>` : html`<div class="table-wrap"><table class="data journeys-table">
        <caption class="visually-hidden">Journeys with headline figures over the last 90 days</caption>
        <thead><tr><th scope="col">Journey</th><th scope="col">Owner</th><th scope="col">Status</th>
          <th scope="col">Published version</th>${METRICS.map((m) => html`<th scope="col">${m}</th>`)}<th scope="col">Open alerts</th></tr></thead>
        <tbody>${this.rows.map((row) => html`<tr>
          <th scope="row"><a href="/journeys/${row.summary.id}">${row.summary.name}</a>
            <div class="muted small">${plural(row.summary.stageCount, 'stage')} · ${plural(row.summary.touchpointCount, 'touchpoint')}</div></th>
          <td>${row.summary.owner ?? html`<span class="muted">none</span>`}</td>
          <td><span class="status status-${row.summary.status.toLowerCase()}">${row.summary.status.toLowerCase()}</span></td>
          <td>${row.detail ? (row.detail.publishedVersion ? html`v${row.detail.publishedVersion}` : html`<span class="muted">never published</span>`) : '…'}</td>
          ${METRICS.map((m) => this.cell(row, m))}
          <td>${row.alerts === undefined ? '…' : row.alerts ? html`<a class="badge badge-alert" href="/alerts">${row.alerts} open</a>` : html`<span class="muted">none</span>`}</td>
        </tr>`)}</tbody>
      </table></div>`}
    </section>`;
  }
}
customElements.define('em-journeys', EmJourneys);
