import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { Router } from '@vaadin/router';
import { View } from '../lib/base.js';
import { action, all, create, etagOf, get, newIdempotencyKey, write } from '../lib/api.js';
import { user } from '../lib/auth.js';
import { journeyList, journey as readJourney, touchpointsOf } from '../lib/data.js';
import { dateTime, ruleConditionText, targetUnitText, thresholdToApi } from '../lib/format.js';

const EVENT_TYPES = [
  ['alert.opened', 'An alert opens'], ['alert.resolved', 'An alert is resolved'],
  ['response.detractor', 'An NPS detractor answers (0–6)'], ['response.hard_effort', 'A CES answer in the two hardest points'],
];

function tabs(active) {
  return html`<nav class="tabs" aria-label="Settings"><ul>
    <li><a href="/settings/alert-rules" aria-current=${active === 'rules' ? 'page' : 'false'}>Alert rules</a></li>
    <li><a href="/settings/webhooks" aria-current=${active === 'webhooks' ? 'page' : 'false'}>Webhooks</a></li></ul></nav>`;
}

function readOnlyNote() {
  return user()?.isAdmin ? nothing : html`<p class="note">You can read these settings; only admins of the workspace can change them.</p>`;
}

/** View 7a: alert rules: list, create, enable or disable, delete. */
class EmAlertRules extends View {
  static properties = { rules: { state: true }, error: { state: true }, formError: { state: true }, journeys: { state: true },
    draft: { state: true }, touchpoints: { state: true }, surveys: { state: true }, rowErrors: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.titled('Alert rules');
    this.draft = { metric: 'CES', scope: 'journey', condition: 'THRESHOLD' };
    this.rowErrors = {};
    this.load();
  }

  async load() {
    try {
      const [rules, journeys, surveys] = await Promise.all([all('/alerts/rules', {}, 500), journeyList(), all('/surveys', {}, 500)]);
      this.rules = rules;
      this.journeys = journeys;
      this.surveys = surveys;
      this.names = new Map([...journeys.map((j) => [j.id, j.name]), ...surveys.map((s) => [s.id, s.name])]);
      if (journeys[0]) await this.pickJourney(journeys[0].id);
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  async pickJourney(id) {
    this.draft = { ...this.draft, journeyId: id };
    const { data } = await readJourney(id);
    this.touchpoints = touchpointsOf(data);
    this.touchpoints.forEach((tp) => this.names.set(tp.id, tp.name));
  }

  async submit(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    const d = this.draft;
    const body = {
      name: f.get('name'), metric: d.metric, scope: d.scope, condition: d.condition, enabled: true,
      minN: f.get('minN') ? Number(f.get('minN')) : null, windowDays: f.get('windowDays') ? Number(f.get('windowDays')) : null,
    };
    if (d.metric === 'CES') body.scoring = f.get('scoring');
    if (d.scope === 'journey') body.scopeId = f.get('journeyId');
    if (d.scope === 'touchpoint') { body.scopeId = f.get('touchpointId'); body.journeyId = f.get('journeyId'); }
    if (d.scope === 'survey') body.scopeId = f.get('surveyId');
    if (d.condition === 'THRESHOLD') { body.operator = f.get('operator'); body.threshold = thresholdToApi(d.metric, f.get('threshold')); }
    this.formError = null;
    try {
      // One key per rule the user means to create: a resend after a lost answer cannot make a second rule.
      this.ruleKey ??= newIdempotencyKey();
      const { data } = await create('/alerts/rules', body, { idempotencyKey: this.ruleKey });
      this.ruleKey = null;
      this.rules = [data, ...this.rules.filter((r) => r.id !== data.id)];
      event.target.reset();
      // reset() unchecks the radio buttons; draw the draft's choices again.
      this.draft = { ...this.draft };
    } catch (error) {
      this.formError = error;
    }
  }

  async toggle(rule) {
    await this.change(rule, async () => {
      const { data: current, etag } = await get(`/alerts/rules/${rule.id}`);
      const body = Object.fromEntries(['name', 'metric', 'scoring', 'scope', 'scopeId', 'journeyId', 'condition', 'operator', 'threshold', 'minN', 'windowDays']
        .map((k) => [k, current[k]]));
      return write('PUT', `/alerts/rules/${rule.id}`, etag ?? etagOf(rule.version), { ...body, enabled: !rule.enabled });
    }, (r) => r.data);
  }

  async deleteRule(rule) {
    if (!confirm(`Delete the rule “${rule.name}”? Its open alert is resolved.`)) return;
    await this.change(rule, () => write('DELETE', `/alerts/rules/${rule.id}`, etagOf(rule.version)), () => null);
  }

  async change(rule, run, result) {
    this.rowErrors = { ...this.rowErrors, [rule.id]: null };
    try {
      const r = await run();
      const updated = result(r);
      this.rules = updated ? this.rules.map((x) => (x.id === rule.id ? updated : x)) : this.rules.filter((x) => x.id !== rule.id);
    } catch (error) {
      this.rowErrors = { ...this.rowErrors, [rule.id]: error };
    }
  }

  describe(rule) {
    const scope = rule.scope === 'workspace' ? 'the whole workspace' : `${rule.scope} ${this.names?.get(rule.scopeId) ?? rule.scopeId}`;
    const condition = ruleConditionText(rule);
    return `${condition} over the last ${rule.windowDays} days on ${scope}, once at least ${rule.minN} answers`;
  }

  render() {
    const admin = user()?.isAdmin;
    const d = this.draft;
    const e = this.formError;
    const invalid = (field) => (e?.fieldMessage?.(field) ? 'true' : 'false');
    return html`<section class="page"><h1>Settings</h1>${tabs('rules')}${readOnlyNote()}
      <em-problem .error=${this.error}></em-problem>
      ${!this.rules ? html`<p aria-busy="true">Loading…</p>` : html`
      <section class="panel"><h2>Alert rules</h2>
        ${this.rules.length ? html`<ul class="rule-list">${this.rules.map((r) => html`<li>
          <div><strong>${r.name}</strong> <span class="status">${r.enabled ? 'enabled' : 'disabled'}</span>
            <p class="small">${this.describe(r)}</p><em-problem .error=${this.rowErrors[r.id]}></em-problem></div>
          ${admin ? html`<div class="actions"><button type="button" class="secondary small-button" @click=${() => this.toggle(r)}>${r.enabled ? 'Disable' : 'Enable'}<span class="visually-hidden"> ${r.name}</span></button>
            <button type="button" class="secondary small-button" @click=${() => this.deleteRule(r)}>Delete<span class="visually-hidden"> ${r.name}</span></button></div>` : nothing}
        </li>`)}</ul>` : html`<p class="muted">No alert rules yet.</p>`}
      </section>
      ${admin ? html`<section class="panel"><h2>New alert rule</h2>
        <form class="form" @submit=${(ev) => this.submit(ev)}>
          <em-problem .error=${e}></em-problem>
          <label>Name <input name="name" required maxlength="200" aria-invalid=${invalid('name')}></label>
          <fieldset class="segmented"><legend>Metric</legend>${['CES', 'CSAT', 'NPS'].map((m) => html`<label><input type="radio" name="metric" .checked=${live(d.metric === m)}
            @change=${() => { this.draft = { ...d, metric: m }; }}><span>${m}</span></label>`)}</fieldset>
          ${d.metric === 'CES' ? html`<label>Scale <select name="scoring"><option value="CES_AGREEMENT">Agreement 1–7 (higher is easier)</option>
            <option value="CES_EFFORT">Effort 1–5 (lower is easier)</option></select></label>` : nothing}
          <label>Watch <select name="scope" aria-invalid=${invalid('scope')} @change=${(ev) => { this.draft = { ...d, scope: ev.target.value }; }}>
            ${['workspace', 'journey', 'touchpoint', 'survey'].map((s) => html`<option value=${s} ?selected=${d.scope === s}>${s === 'workspace' ? 'the whole workspace' : `a ${s}`}</option>`)}</select></label>
          ${d.scope === 'journey' || d.scope === 'touchpoint' ? html`<label>Journey <select name="journeyId" @change=${(ev) => this.pickJourney(ev.target.value)}>
            ${(this.journeys ?? []).map((j) => html`<option value=${j.id} ?selected=${j.id === d.journeyId}>${j.name}</option>`)}</select></label>` : nothing}
          ${d.scope === 'touchpoint' ? html`<label>Touchpoint <select name="touchpointId" aria-invalid=${invalid('scopeId')}>${(this.touchpoints ?? []).map((tp) => html`<option value=${tp.id}>${tp.stageName} · ${tp.name}</option>`)}</select></label>` : nothing}
          ${d.scope === 'survey' ? html`<label>Survey <select name="surveyId" aria-invalid=${invalid('scopeId')}>${(this.surveys ?? []).map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></label>` : nothing}
          <fieldset><legend>Condition</legend>
            <label class="check"><input type="radio" name="condition" .checked=${live(d.condition === 'THRESHOLD')} @change=${() => { this.draft = { ...d, condition: 'THRESHOLD' }; }}> Crosses a threshold</label>
            <label class="check"><input type="radio" name="condition" .checked=${live(d.condition === 'SIGNIFICANT_DROP')} @change=${() => { this.draft = { ...d, condition: 'SIGNIFICANT_DROP' }; }}> Drops significantly against the previous window (Welch's t-test, p &lt; 0.05)</label>
          </fieldset>
          ${d.condition === 'THRESHOLD' ? html`<div class="row"><label>When the ${d.metric === 'CES' ? 'mean' : d.metric === 'CSAT' ? '% satisfied' : 'NPS'} is <select name="operator"><option value="BELOW">below</option><option value="ABOVE">above</option></select></label>
            <label>Threshold (${d.metric === 'CES' ? 'mean' : targetUnitText(d.metric)}) <input name="threshold" type="number" step="any" required aria-invalid=${invalid('threshold')} aria-describedby="threshold-error"></label></div>
            <span id="threshold-error" class="field-error">${e?.fieldMessage?.('threshold') ?? ''}</span>` : nothing}
          <div class="row"><label>Window (days, 1–366) <input name="windowDays" type="number" min="1" max="366" placeholder="7" aria-invalid=${invalid('windowDays')}></label>
            <label>Minimum answers <input name="minN" type="number" min="1" placeholder="30" aria-invalid=${invalid('minN')}></label></div>
          <button type="submit">Create rule</button>
        </form></section>` : nothing}`}
    </section>`;
  }
}
customElements.define('em-alert-rules', EmAlertRules);

/** View 7b: webhooks: subscribe (the signing secret is shown once), pause/resume, delete. */
class EmWebhooks extends View {
  static properties = { hooks: { state: true }, error: { state: true }, formError: { state: true }, secret: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.titled('Webhooks');
    this.load();
  }

  async load() {
    try {
      this.hooks = await all('/webhooks', {}, 500);
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  async submit(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    this.formError = null;
    try {
      this.hookKey ??= newIdempotencyKey();
      const { data } = await create('/webhooks', { url: f.get('url'), description: f.get('description') || null, eventTypes: f.getAll('eventTypes') },
        { idempotencyKey: this.hookKey });
      this.hookKey = null;
      this.secret = { id: data.id, url: data.url, secret: data.secret };
      const { secret, ...shown } = data;
      this.hooks = [{ ...shown, paused: false }, ...this.hooks];
      event.target.reset();
    } catch (error) {
      this.formError = error;
    }
  }

  render() {
    const admin = user()?.isAdmin;
    const e = this.formError;
    return html`<section class="page"><h1>Settings</h1>${tabs('webhooks')}${readOnlyNote()}
      <em-problem .error=${this.error}></em-problem>
      ${this.secret ? html`<section class="secret-once" role="alert"><h2>Signing secret for ${this.secret.url}</h2>
        <p>Copy it now: it is shown <strong>only this once</strong>. Receivers use it to check the <code>webhook-signature</code> header.</p>
        <p><input class="link" readonly .value=${this.secret.secret} aria-label="Signing secret"> <button type="button" class="secondary small-button"
          @click=${() => navigator.clipboard.writeText(this.secret.secret).then(() => { this.copied = true; this.requestUpdate(); })}>Copy secret</button>
          <span role="status">${this.copied ? 'Copied' : ''}</span></p>
        <button type="button" @click=${() => { this.secret = null; this.copied = false; }}>I have stored it</button></section>` : nothing}
      ${!this.hooks ? html`<p aria-busy="true">Loading…</p>` : html`<section class="panel"><h2>Subscriptions</h2>
        ${this.hooks.length ? html`<ul class="rule-list">${this.hooks.map((h) => html`<li><div><a href="/settings/webhooks/${h.id}"><strong>${h.url}</strong></a>
          <span class="status">${h.paused ? 'paused' : 'active'}</span><p class="small">${h.eventTypes.join(', ')}${h.description ? ` · ${h.description}` : ''}</p></div></li>`)}</ul>`
          : html`<p class="muted">No webhooks yet.</p>`}</section>`}
      ${admin ? html`<section class="panel"><h2>New webhook</h2><form class="form" @submit=${(ev) => this.submit(ev)}>
        <em-problem .error=${e}></em-problem>
        <label>URL (https) <input name="url" type="url" required placeholder="https://example.com/effortmap" aria-invalid=${e?.fieldMessage?.('url') ? 'true' : 'false'} aria-describedby="url-error"></label>
        <span id="url-error" class="field-error">${e?.fieldMessage?.('url') ?? ''}</span>
        <label>Description <input name="description" maxlength="200"></label>
        <fieldset><legend>Events</legend>${EVENT_TYPES.map(([type, words]) => html`<label class="check"><input type="checkbox" name="eventTypes" value=${type} ?checked=${type.startsWith('alert')}> ${words} (<code>${type}</code>)</label>`)}</fieldset>
        <button type="submit">Subscribe</button></form></section>` : nothing}
    </section>`;
  }
}
customElements.define('em-webhooks', EmWebhooks);

/** View 7c: one webhook: its delivery log with replay, pause/resume, secret rotation, deletion. */
class EmWebhook extends View {
  static properties = { hook: { state: true }, deliveries: { state: true }, next: { state: true }, error: { state: true },
    rowErrors: { state: true }, secret: { state: true }, state: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.rowErrors = {};
    this.state = '';
    this.load();
  }

  get hookId() {
    return encodeURIComponent(this.location.params.webhookId);
  }

  async load() {
    try {
      const { data, etag } = await get(`/webhooks/${this.hookId}`);
      this.hook = data;
      this.etag = etag ?? etagOf(data.version);
      this.titled(`Webhook ${data.url}`);
      await this.loadDeliveries(true);
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  async loadDeliveries(reset) {
    const { data } = await get(`/webhooks/${this.hookId}/deliveries`, { state: this.state || undefined, limit: 20, after: reset ? undefined : this.next });
    this.deliveries = [...(reset ? [] : this.deliveries ?? []), ...data.items];
    this.next = data.next;
  }

  async action(name) {
    this.error = null;
    try {
      const { data, etag } = await write('POST', `/webhooks/${this.hookId}/${name}`, this.etag);
      if (name === 'rotate-secret') {
        this.secret = data.secret;
        const { data: fresh, etag: freshTag } = await get(`/webhooks/${this.hookId}`);
        this.hook = fresh;
        this.etag = freshTag ?? etagOf(fresh.version);
      } else {
        this.hook = data;
        this.etag = etag ?? etagOf(data.version);
      }
      if (name === 'resume') await this.loadDeliveries(true);
    } catch (error) {
      this.error = error;
      if (error.status === 412) {
        const { data, etag } = await get(`/webhooks/${this.hookId}`);
        this.hook = data;
        this.etag = etag ?? etagOf(data.version);
      }
    }
  }

  async deleteWebhook() {
    if (!confirm(`Delete the webhook to ${this.hook.url}? Queued deliveries fail.`)) return;
    try {
      await write('DELETE', `/webhooks/${this.hookId}`, this.etag);
      Router.go('/settings/webhooks');
    } catch (error) {
      this.error = error;
    }
  }

  async replay(delivery) {
    this.rowErrors = { ...this.rowErrors, [delivery.id]: null };
    try {
      await action(`/webhooks/${this.hookId}/deliveries/${encodeURIComponent(delivery.id)}/replay`);
      await this.loadDeliveries(true);
    } catch (error) {
      this.rowErrors = { ...this.rowErrors, [delivery.id]: error };
    }
  }

  render() {
    const h = this.hook;
    if (!h) return html`<section class="page">${this.error ? html`<h1>Webhook</h1><em-problem .error=${this.error}></em-problem>` : html`<p aria-busy="true">Loading…</p>`}</section>`;
    const admin = user()?.isAdmin;
    return html`<section class="page"><p class="breadcrumb"><a href="/settings/webhooks">Webhooks</a> /</p>
      <div class="page-head"><h1>${h.url}</h1>${admin ? html`<div class="actions">
        ${h.paused ? html`<button type="button" @click=${() => this.action('resume')}>Resume</button>` : html`<button type="button" class="secondary" @click=${() => this.action('pause')}>Pause</button>`}
        <button type="button" class="secondary" @click=${() => this.action('rotate-secret')}>Rotate secret</button>
        <button type="button" class="secondary" @click=${() => this.deleteWebhook()}>Delete</button></div>` : nothing}</div>
      <p>${h.paused ? html`<strong>Paused</strong> since ${dateTime(h.pausedAt)}: events are kept as held deliveries and all go out on resume.` : 'Active'}
        · events ${h.eventTypes.join(', ')} · created by ${h.createdBy} ${dateTime(h.createdAt)}</p>
      <em-problem .error=${this.error}></em-problem>
      ${this.secret ? html`<section class="secret-once" role="alert"><h2>New signing secret</h2>
        <p>Shown <strong>only this once</strong>. The previous secret keeps signing beside it for a grace period, so receivers can switch.</p>
        <p><input class="link" readonly .value=${this.secret} aria-label="New signing secret"></p>
        <button type="button" @click=${() => { this.secret = null; }}>I have stored it</button></section>` : nothing}
      <section class="panel"><h2>Delivery log</h2>
        <label>State <select @change=${(e) => { this.state = e.target.value; this.loadDeliveries(true); }}>
          <option value="">All</option>${['PENDING', 'HELD', 'DELIVERED', 'FAILED'].map((s) => html`<option value=${s}>${s.toLowerCase()}</option>`)}</select></label>
        ${!this.deliveries?.length ? html`<p class="muted">No deliveries${this.state ? ` in state ${this.state.toLowerCase()}` : ''}.</p>` : html`
        <div class="table-wrap"><table class="data"><thead><tr><th scope="col">Event</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last attempt</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${this.deliveries.map((d) => {
            const last = d.log?.[d.log.length - 1];
            return html`<tr><td>${d.eventType}<div class="small muted">${dateTime(d.createdAt)}</div></td><td>${d.state.toLowerCase()}</td><td>${d.attempts}</td>
              <td>${last ? html`${dateTime(last.at)}: ${last.statusCode ? `HTTP ${last.statusCode}` : last.error ?? ''} in ${last.durationMs} ms` : html`<span class="muted">none yet</span>`}
                ${d.state === 'PENDING' ? html`<div class="small muted">next attempt ${dateTime(d.nextAttemptAt)}</div>` : nothing}
                <em-problem .error=${this.rowErrors[d.id]}></em-problem></td>
              <td>${admin ? html`<button type="button" class="secondary small-button" @click=${() => this.replay(d)}>Replay<span class="visually-hidden"> ${d.eventType} of ${dateTime(d.createdAt)}</span></button>` : nothing}</td></tr>`;
          })}</tbody></table></div>
        ${this.next ? html`<button type="button" class="secondary" @click=${() => this.loadDeliveries(false)}>More deliveries</button>` : nothing}`}
      </section></section>`;
  }
}
customElements.define('em-webhook', EmWebhook);
