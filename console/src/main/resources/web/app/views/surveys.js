import { html, nothing } from 'lit';
import { Router } from '@vaadin/router';
import { View } from '../lib/base.js';
import { all, create, etagOf, get, newIdempotencyKey, write } from '../lib/api.js';
import { user } from '../lib/auth.js';
import { journeyList, journey as readJourney, touchpointsOf } from '../lib/data.js';
import { channelLabel, count, date, dateTime } from '../lib/format.js';

const KINDS = ['CES', 'CSAT', 'NPS'];
const VARIANTS = { CES: [['', 'Default (agreement, 1–7)'], ['AGREEMENT_7', 'Agreement, 1–7'], ['EFFORT_5', 'Effort, 1–5']],
  CSAT: [['', 'Default (1–5)'], ['FIVE', '1–5'], ['SEVEN', '1–7']], NPS: [['', '0–10']] };

/** Touchpoint names by id across the workspace's journeys, to show where a survey asks. */
async function touchpointNames() {
  const journeys = await journeyList();
  const names = new Map();
  await Promise.all(journeys.map(async (j) => {
    const { data } = await readJourney(j.id);
    touchpointsOf(data).forEach((tp) => names.set(tp.id, { name: tp.name, journey: data.name, journeyId: data.id }));
  }));
  return names;
}

/** View 6a: every survey with its touchpoint, status and questions. */
class EmSurveys extends View {
  static properties = { surveys: { state: true }, names: { state: true }, error: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.titled('Surveys');
    this.status = this.query.get('status') ?? '';
    this.load();
  }

  async load() {
    this.error = null;
    try {
      const [surveys, names] = await Promise.all([all('/surveys', { status: this.status || undefined }, 500), touchpointNames()]);
      this.surveys = surveys;
      this.names = names;
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  render() {
    return html`<section class="page">
      <div class="page-head"><h1>Surveys</h1>${user()?.isAdmin ? html`<a class="button" href="/surveys/new">New survey</a>` : nothing}</div>
      <form class="controls" @submit=${(e) => e.preventDefault()} aria-label="Filter surveys">
        <label>Status <select @change=${(e) => { this.status = e.target.value; this.setQuery({ status: this.status }); this.load(); }}>
          <option value="" ?selected=${!this.status}>All</option>
          ${['DRAFT', 'ACTIVE', 'CLOSED'].map((s) => html`<option value=${s} ?selected=${this.status === s}>${s.toLowerCase()}</option>`)}</select></label>
        <a href="/responses">Explore responses</a>
      </form>
      <em-problem .error=${this.error}></em-problem>
      ${!this.surveys ? html`<p aria-busy="true">Loading surveys…</p>` : !this.surveys.length ? html`<p class="empty">No surveys${this.status ? ` with status ${this.status.toLowerCase()}` : ''}.</p>` : html`
      <div class="table-wrap"><table class="data"><thead><tr><th scope="col">Survey</th><th scope="col">Touchpoint</th><th scope="col">Questions</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
        <tbody>${this.surveys.map((s) => {
          const where = this.names.get(s.touchpointId);
          return html`<tr><th scope="row"><a href="/surveys/${s.id}">${s.name}</a></th>
            <td>${where ? html`<a href="/journeys/${where.journeyId}/touchpoints/${s.touchpointId}">${where.name}</a> <span class="small muted">(${where.journey})</span>` : html`<span class="muted">${s.touchpointId}</span>`}</td>
            <td>${s.questions.map((q) => q.kind).join(', ')}</td>
            <td><span class="status status-${s.status.toLowerCase()}">${s.status.toLowerCase()}</span></td><td>${date(s.createdAt)}</td></tr>`;
        })}</tbody></table></div>`}
    </section>`;
  }
}
customElements.define('em-surveys', EmSurveys);

/** View 6b: a new CES, CSAT or NPS survey on a touchpoint. */
class EmSurveyNew extends View {
  static properties = { journeys: { state: true }, journey: { state: true }, error: { state: true }, kind: { state: true }, busy: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.titled('New survey');
    this.kind = 'CES';
    this.key = newIdempotencyKey();
    this.init();
  }

  async init() {
    try {
      this.journeys = await journeyList();
      const wanted = this.query.get('journey') ?? this.journeys[0]?.id;
      if (wanted) await this.pick(wanted);
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  async pick(journeyId) {
    this.journey = (await readJourney(journeyId)).data;
  }

  async submit(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    const question = { key: this.kind.toLowerCase(), kind: this.kind };
    if (f.get('text')) question.text = f.get('text');
    if (f.get('variant')) question.variant = f.get('variant');
    const questions = [question];
    if (f.get('comment')) questions.push({ key: 'comment', kind: 'COMMENT', required: false });
    this.busy = true;
    this.error = null;
    try {
      const { data } = await create('/surveys', { name: f.get('name'), journeyId: f.get('journeyId'), touchpointId: f.get('touchpointId'),
        companyName: f.get('companyName') || null, questions }, { idempotencyKey: this.key });
      Router.go(`/surveys/${data.id}`);
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (!user()?.isAdmin) {
      return html`<section class="page"><h1>New survey</h1><p>Only admins can create surveys.</p><p><a href="/surveys">Back to surveys</a></p></section>`;
    }
    const e = this.error;
    const msg = (field) => e?.fieldMessage?.(field) ?? '';
    const tps = touchpointsOf(this.journey);
    const preselect = this.query.get('touchpoint');
    return html`<section class="page"><p class="breadcrumb"><a href="/surveys">Surveys</a> /</p><h1>New survey</h1>
      <form class="form" @submit=${(ev) => this.submit(ev)}>
        <em-problem .error=${e}></em-problem>
        <label>Name <input name="name" required maxlength="200" aria-invalid=${msg('name') ? 'true' : 'false'} aria-describedby="s-name-error"></label>
        <span id="s-name-error" class="field-error">${msg('name')}</span>
        <label>Journey <select name="journeyId" @change=${(ev) => this.pick(ev.target.value)}>
          ${(this.journeys ?? []).map((j) => html`<option value=${j.id} ?selected=${j.id === this.journey?.id}>${j.name}</option>`)}</select></label>
        <label>Touchpoint <select name="touchpointId" required aria-invalid=${msg('touchpointId') ? 'true' : 'false'} aria-describedby="s-tp-error">
          ${tps.map((tp) => html`<option value=${tp.id} ?selected=${tp.id === preselect}>${tp.stageName} · ${tp.name}</option>`)}</select></label>
        <span id="s-tp-error" class="field-error">${msg('touchpointId')}</span>
        <fieldset class="segmented"><legend>Question</legend>
          ${KINDS.map((k) => html`<label><input type="radio" name="kind" value=${k} .checked=${this.kind === k} @change=${() => { this.kind = k; }}><span>${k}</span></label>`)}</fieldset>
        <label>Scale <select name="variant">${VARIANTS[this.kind].map(([v, label]) => html`<option value=${v}>${label}</option>`)}</select></label>
        <label>Question text (optional; the standard wording otherwise) <input name="text" maxlength="500"></label>
        <label class="check"><input type="checkbox" name="comment" checked> Also ask for an optional comment</label>
        <label>Company name shown to respondents (optional) <input name="companyName" maxlength="200"></label>
        <button type="submit" ?disabled=${this.busy}>Create survey (as a draft)</button>
      </form></section>`;
  }
}
customElements.define('em-survey-new', EmSurveyNew);

/** View 6c: one survey: preview, activate, close, invitations with a link to copy. */
class EmSurvey extends View {
  static properties = { survey: { state: true }, error: { state: true }, invitations: { state: true }, inviteError: { state: true },
    busy: { state: true }, copied: { state: true }, where: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.invitations = [];
    this.load();
  }

  async load() {
    try {
      const { data, etag } = await get(`/surveys/${encodeURIComponent(this.location.params.surveyId)}`);
      this.survey = data;
      this.etag = etag ?? etagOf(data.version);
      this.titled(data.name);
      this.rendered('true');
      readJourney(data.journeyId).then(({ data: j }) => { this.where = touchpointsOf(j).find((t) => t.id === data.touchpointId); this.whereJourney = j; }).catch(() => {});
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  async transition(action) {
    this.busy = true;
    this.error = null;
    try {
      const { data, etag } = await write('POST', `/surveys/${this.survey.id}/${action}`, this.etag);
      this.survey = data;
      this.etag = etag ?? etagOf(data.version);
    } catch (error) {
      this.error = error;
      if (error.status === 412) {
        await this.load();
        this.error = error;
      }
    } finally {
      this.busy = false;
    }
  }

  async invite(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    this.inviteError = null;
    try {
      const body = { surveyId: this.survey.id, customerId: f.get('customerId') };
      if (f.get('expiresInDays')) body.expiresInDays = Number(f.get('expiresInDays'));
      this.inviteKey ??= newIdempotencyKey();
      const { data } = await create('/invitations', body, { idempotencyKey: this.inviteKey });
      this.inviteKey = null;
      this.invitations = [data, ...this.invitations];
      event.target.reset();
    } catch (error) {
      this.inviteError = error;
    }
  }

  async copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = text;
    } catch {
      this.copied = null;
      this.inviteError = { title: 'Could not copy', detail: 'Your browser refused clipboard access: select the link and copy it by hand.' };
    }
  }

  render() {
    const s = this.survey;
    if (!s) {
      return html`<section class="page">${this.error ? html`<h1>Survey</h1><em-problem .error=${this.error}></em-problem>` : html`<p aria-busy="true">Loading…</p>`}</section>`;
    }
    const admin = user()?.isAdmin;
    const e = this.inviteError;
    return html`<section class="page"><p class="breadcrumb"><a href="/surveys">Surveys</a> /</p>
      <div class="page-head"><h1>${s.name}</h1>
        <div class="actions">${admin && s.status === 'DRAFT' ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.transition('activate')}>Activate survey</button>` : nothing}
          ${admin && s.status === 'ACTIVE' ? html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.transition('close')}>Close survey</button>` : nothing}
          <a class="button secondary" href="/responses?surveyId=${s.id}">Responses</a></div></div>
      <p><span class="status status-${s.status.toLowerCase()}">${s.status.toLowerCase()}</span> · version ${s.version}
        · at ${this.where ? html`<a href="/journeys/${s.journeyId}/touchpoints/${s.touchpointId}">${this.where.name}</a> (${this.whereJourney.name})` : s.touchpointId}
        ${s.activatedAt ? html` · active since ${dateTime(s.activatedAt)}` : nothing}${s.closedAt ? html` · closed ${dateTime(s.closedAt)}` : nothing}</p>
      <em-problem .error=${this.error}></em-problem>
      <div class="panels">
        <section class="panel"><h2>Preview</h2><p class="small muted">What a respondent sees${s.companyName ? ` (from ${s.companyName})` : ''}. Answers here are not sent.</p>
          <form class="preview" aria-label="Survey preview" @submit=${(ev) => ev.preventDefault()}>${s.questions.map((q) => this.previewQuestion(q))}</form></section>
        <section class="panel"><h2>Invitations</h2>
          ${s.status === 'CLOSED' ? html`<p class="muted">This survey is closed: it takes no new answers, so it sends no new invitations.</p>`
            : s.status !== 'ACTIVE' ? html`<p class="muted">Invitations can be sent once the survey is active.</p>` : !admin ? html`<p class="muted">Only admins create invitations.</p>` : html`
            <form class="form" @submit=${(ev) => this.invite(ev)}>
              <em-problem .error=${e}></em-problem>
              <label>Customer id <input name="customerId" required maxlength="200" aria-invalid=${e?.fieldMessage?.('customerId') ? 'true' : 'false'}></label>
              <label>Expires in days (optional) <input name="expiresInDays" type="number" min="1"></label>
              <button type="submit">Create invitation</button></form>`}
          ${this.invitations.length ? html`<ul class="invitations">${this.invitations.map((inv) => {
            if (!inv.link && !inv.token) {
              // A create the API had already done (a resent request): the token is shown once, and that was before.
              return html`<li><p>For <strong>${inv.customerId}</strong>: this invitation already existed, and its link was shown
                when it was created. Create another one to get a new link.</p></li>`;
            }
            const link = inv.link ?? `${location.origin}/api/v1/public/surveys/${inv.token}`;
            return html`<li><p>For <strong>${inv.customerId}</strong>, expires ${dateTime(inv.expiresAt)}</p>
              <p><input class="link" readonly .value=${link} aria-label="Invitation link for ${inv.customerId}">
              <button type="button" class="secondary small-button" @click=${() => this.copy(link)}>Copy link</button>
              <span role="status">${this.copied === link ? 'Copied' : ''}</span></p>
              ${inv.link ? nothing : html`<p class="small muted">No hosted survey page is configured, so this is the respondent API address.</p>`}</li>`;
          })}</ul>` : nothing}
        </section>
      </div>
    </section>`;
  }

  previewQuestion(q) {
    const name = `preview-${q.key}`;
    if (q.kind === 'COMMENT') {
      return html`<div class="question"><label>${q.text}${q.required ? '' : ' (optional)'}<textarea name=${name} rows="2" disabled></textarea></label></div>`;
    }
    const scores = [];
    for (let v = q.scaleMin; v <= q.scaleMax; v++) scores.push(v);
    return html`<fieldset class="question scale"><legend>${q.text}</legend>
      ${scores.map((v) => html`<label><input type="radio" name=${name} value=${v} disabled><span>${v}</span></label>`)}
      <p class="small muted">${q.scaleMin} to ${q.scaleMax}${q.scoring === 'CES_EFFORT' ? ', lower is easier' : q.scoring === 'CES_AGREEMENT' ? ', higher is easier' : ''}</p>
    </fieldset>`;
  }
}
customElements.define('em-survey', EmSurvey);

/** View 6d: the responses explorer with the API's filters, pages, and a CSV export of the same filter. */
class EmResponses extends View {
  static properties = { items: { state: true }, next: { state: true }, error: { state: true }, surveys: { state: true }, exporting: { state: true },
    names: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.titled('Responses');
    const q = this.query;
    this.filter = Object.fromEntries(['surveyId', 'touchpointId', 'from', 'to', 'questionKey', 'minScore', 'maxScore', 'hasComment', 'segment']
      .map((k) => [k, q.get(k) ?? '']));
    // Names for the filters and the table; the list itself does not wait for them.
    all('/surveys', {}, 500).then((s) => { this.surveys = s; }).catch(() => { this.surveys = []; });
    touchpointNames().then((names) => { this.names = names; }).catch(() => { this.names = new Map(); });
    this.load(true);
  }

  /** Touchpoints grouped by journey, for the touchpoint filter. */
  touchpointOptions() {
    const byJourney = new Map();
    (this.names ?? new Map()).forEach((where, id) => {
      byJourney.set(where.journey, [...(byJourney.get(where.journey) ?? []), { id, name: where.name }]);
    });
    const f = this.filter;
    return html`<option value="">All touchpoints</option>
      ${[...byJourney.entries()].map(([journey, tps]) => html`<optgroup label=${journey}>
        ${tps.map((tp) => html`<option value=${tp.id} ?selected=${tp.id === f.touchpointId}>${tp.name}</option>`)}</optgroup>`)}
      ${f.touchpointId && this.names && !this.names.has(f.touchpointId) ? html`<option value=${f.touchpointId} selected>${f.touchpointId}</option>` : nothing}`;
  }

  /** Question keys the workspace's surveys ask (scored ones), for the score filter. */
  questionKeys() {
    const keys = new Map();
    (this.surveys ?? []).forEach((sv) => sv.questions.filter((qn) => qn.kind !== 'COMMENT').forEach((qn) => keys.set(qn.key, qn.kind)));
    if (this.filter.questionKey && !keys.has(this.filter.questionKey)) keys.set(this.filter.questionKey, '');
    return [...keys.entries()].sort();
  }

  query_() {
    const f = this.filter;
    return { surveyId: f.surveyId, touchpointId: f.touchpointId, from: f.from ? `${f.from}T00:00:00Z` : '', to: f.to ? `${f.to}T23:59:59.999Z` : '',
      questionKey: f.questionKey, minScore: f.questionKey ? f.minScore : '', maxScore: f.questionKey ? f.maxScore : '', hasComment: f.hasComment, segment: f.segment };
  }

  async load(reset) {
    this.error = null;
    try {
      const { data } = await get('/responses', { ...this.query_(), limit: 25, after: reset ? undefined : this.next });
      this.items = [...(reset ? [] : this.items ?? []), ...data.items];
      this.next = data.next;
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  apply(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    this.filter = Object.fromEntries(Object.keys(this.filter).map((k) => [k, String(f.get(k) ?? '').trim()]));
    this.setQuery(this.filter);
    this.removeAttribute('data-rendered');
    this.load(true);
  }

  async exportCsv() {
    this.exporting = true;
    try {
      const { data } = await get('/responses/export', { ...this.query_(), format: 'csv' }, { raw: true, accept: 'text/csv, application/problem+json' });
      const url = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `responses-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.error = error;
    } finally {
      this.exporting = false;
    }
  }

  render() {
    const f = this.filter;
    const e = this.error;
    const invalid = (field) => (e?.fieldMessage?.(field) ? 'true' : 'false');
    return html`<section class="page"><h1>Responses</h1>
      <form class="filters" @submit=${(ev) => this.apply(ev)} aria-label="Filter responses">
        <label>Survey <select name="surveyId" aria-invalid=${invalid('surveyId')}><option value="">All surveys</option>
          ${(this.surveys ?? []).map((s) => html`<option value=${s.id} ?selected=${s.id === f.surveyId}>${s.name}</option>`)}</select></label>
        <label>Touchpoint <select name="touchpointId" aria-invalid=${invalid('touchpointId')}>${this.touchpointOptions()}</select></label>
        <label>Answered from <input type="date" name="from" .value=${f.from} aria-invalid=${invalid('from')}></label>
        <label>Answered until <input type="date" name="to" .value=${f.to} aria-invalid=${invalid('to')}></label>
        <fieldset class="score-range"><legend>Score</legend>
          <label>Question <select name="questionKey" aria-invalid=${invalid('questionKey')}><option value="">Any (no score filter)</option>
            ${this.questionKeys().map(([key, kind]) => html`<option value=${key} ?selected=${key === f.questionKey}>${key}${kind && kind.toLowerCase() !== key ? ` (${kind})` : ''}</option>`)}</select></label>
          <label>From <input type="number" name="minScore" min="0" max="10" .value=${f.minScore} aria-invalid=${invalid('minScore')}></label>
          <label>To <input type="number" name="maxScore" min="0" max="10" .value=${f.maxScore} aria-invalid=${invalid('maxScore')}></label>
        </fieldset>
        <label>Comments <select name="hasComment"><option value="" ?selected=${!f.hasComment}>With or without</option>
          <option value="true" ?selected=${f.hasComment === 'true'}>With a comment</option><option value="false" ?selected=${f.hasComment === 'false'}>Without</option></select></label>
        <label>Segment <input name="segment" .value=${f.segment} placeholder="region:EU" aria-invalid=${invalid('segment')}></label>
        <div class="actions"><button type="submit">Apply filters</button>
          <button type="button" class="secondary" ?disabled=${this.exporting} @click=${() => this.exportCsv()}>${this.exporting ? 'Exporting…' : 'Export CSV'}</button></div>
        <p class="small muted">A score range applies to the chosen question. The export has every response that matches, not only this page.</p>
      </form>
      <em-problem .error=${e}></em-problem>
      ${!this.items ? html`<p aria-busy="true">Loading…</p>` : !this.items.length ? html`<p class="empty">No responses match.</p>` : html`
      <div class="table-wrap"><table class="data responses-table"><thead><tr><th scope="col">When</th><th scope="col">Customer</th><th scope="col">Channel</th>
        <th scope="col">Answers</th><th scope="col">Segments</th><th scope="col">Touchpoint</th></tr></thead>
        <tbody>${this.items.map((r) => html`<tr><td>${dateTime(r.occurredAt)}</td><td>${r.customerId}</td><td>${channelLabel(r.channel)}</td>
          <td>${r.answers.map((a) => html`<div>${a.questionKey}: ${a.score ?? ''}${a.scaleMax ? html`<span class="muted">/${a.scaleMax}</span>` : nothing}${a.text ? html` “${a.text}”` : nothing}</div>`)}</td>
          <td>${Object.entries(r.segments ?? {}).map(([k, v]) => `${k}:${v}`).join(', ')}</td>
          <td>${this.names?.get(r.touchpointId)?.name ?? html`<span class="muted small">${r.touchpointId}</span>`}</td></tr>`)}</tbody></table></div>
      <p class="small muted">${count(this.items.length)} shown${this.next ? '' : ', all that match'}.</p>
      ${this.next ? html`<button type="button" class="secondary" @click=${() => this.load(false)}>More responses</button>` : nothing}`}
    </section>`;
  }
}
customElements.define('em-responses', EmResponses);
