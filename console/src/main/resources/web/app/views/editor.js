import { html, nothing } from 'lit';
import { Router } from '@vaadin/router';
import { View } from '../lib/base.js';
import { create, etagOf, get, newIdempotencyKey, write } from '../lib/api.js';
import { user } from '../lib/auth.js';
import { CHANNELS, TARGET_FIELDS, channelLabel, date, dateTime, targetOf, targetsToApi } from '../lib/format.js';
import { describeChanges } from '../lib/journey-changes.js';

const STATUSES = ['open', 'planned', 'in_progress', 'done', 'dropped'];
const EMOTIONS = [[-2, 'very negative'], [-1, 'negative'], [0, 'neutral'], [1, 'positive'], [2, 'very positive']];

function plural(n, one, many = `${one}s`) {
  return n ? ` · ${n} ${n === 1 ? one : many}` : '';
}

function jpath(journeyId, rest = '') {
  return `/journeys/${encodeURIComponent(journeyId)}${rest}`;
}

/**
 * View 5, the journey editor: create from the five-stage template; add, rename, move and remove stages and
 * touchpoints (drag and drop, or the move buttons from the keyboard); edit a touchpoint's pain points, opportunities,
 * targets and channel; publish. Every change names the version it was made on; when someone else saved first (412)
 * the editor shows what they changed and offers to reapply this change on their version.
 */
class EmJourneyEditor extends View {
  static properties = {
    journey: { state: true }, error: { state: true }, conflict: { state: true }, editing: { state: true },
    formError: { state: true }, busy: { state: true }, notice: { state: true }, createError: { state: true },
    renaming: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    if (this.isNew) {
      this.titled('New journey');
      this.createKey = newIdempotencyKey();
      this.rendered('true');
    } else {
      this.load();
    }
  }

  get isNew() {
    return !this.location?.params?.journeyId;
  }

  async load() {
    try {
      const { data, etag } = await get(jpath(this.location.params.journeyId));
      this.accept(data, etag);
      this.titled(`Edit ${data.name}`);
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  accept(journey, etag) {
    this.journey = journey;
    this.etag = etag ?? etagOf(journey.version);
  }

  /** Runs one change on the current version; a 412 turns into the conflict panel. */
  async execute(op) {
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      const result = await op.run(this.journey, this.etag);
      this.accept(result.data, result.etag);
      this.notice = `Saved: ${op.label}.`;
      return true;
    } catch (error) {
      if (error.status === 412) {
        await this.conflicted(op);
      } else {
        this.error = error;
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  async conflicted(op) {
    const { data, etag } = await get(jpath(this.journey.id));
    this.conflict = { op, latest: data, etag, changes: describeChanges(this.journey, data), base: this.journey.version };
    await this.updateComplete;
    this.querySelector('#conflict-heading')?.focus();
  }

  async reapply() {
    const { op, latest, etag } = this.conflict;
    this.conflict = null;
    this.accept(latest, etag);
    if (op.stillApplies && !op.stillApplies(latest)) {
      this.error = { title: 'Your change no longer applies', detail: `${op.label}: what it changed is gone in the newer version.` };
      return;
    }
    await this.execute(op);
  }

  discard() {
    const { latest, etag } = this.conflict;
    this.conflict = null;
    this.accept(latest, etag);
    this.notice = 'Your change was discarded; you now see the latest version.';
  }

  // ---- operations (each can run again on a newer version) ----
  stageOp(label, stageId, run) {
    return { label, stillApplies: (j) => j.stages.some((s) => s.id === stageId), run };
  }

  tpOp(label, tpId, run) {
    return { label, stillApplies: (j) => j.stages.some((s) => s.touchpoints.some((t) => t.id === tpId)), run };
  }

  addStage(name) {
    const key = newIdempotencyKey();
    return this.execute({ label: `add stage “${name}”`,
      run: (j, etag) => create(jpath(j.id, '/stages'), { name }, { idempotencyKey: key, ifMatch: etag }) });
  }

  renameStage(stage, name) {
    return this.execute(this.stageOp(`rename stage “${stage.name}” to “${name}”`, stage.id,
      (j, etag) => write('PATCH', jpath(j.id, `/stages/${stage.id}`), etag, { name })));
  }

  moveStage(stage, index) {
    return this.execute(this.stageOp(`move stage “${stage.name}” to position ${index + 1}`, stage.id,
      (j, etag) => write('POST', jpath(j.id, `/stages/${stage.id}/move`), etag, { index })));
  }

  removeStage(stage) {
    return this.execute(this.stageOp(`remove stage “${stage.name}”`, stage.id,
      (j, etag) => write('DELETE', jpath(j.id, `/stages/${stage.id}`), etag)));
  }

  addTouchpoint(stage, body) {
    const key = newIdempotencyKey();
    return this.execute(this.stageOp(`add touchpoint “${body.name}” to “${stage.name}”`, stage.id,
      (j, etag) => create(jpath(j.id, `/stages/${stage.id}/touchpoints`), body, { idempotencyKey: key, ifMatch: etag })));
  }

  moveTouchpoint(tp, stage, index) {
    return this.execute(this.tpOp(`move “${tp.name}” to “${stage.name}”, position ${index + 1}`, tp.id,
      (j, etag) => write('POST', jpath(j.id, `/touchpoints/${tp.id}/move`), etag, { stageId: stage.id, index })));
  }

  removeTouchpoint(tp) {
    return this.execute(this.tpOp(`remove touchpoint “${tp.name}”`, tp.id,
      (j, etag) => write('DELETE', jpath(j.id, `/touchpoints/${tp.id}`), etag)));
  }

  saveTouchpoint(tp, body) {
    return this.execute(this.tpOp(`save touchpoint “${body.name}”`, tp.id,
      (j, etag) => write('PUT', jpath(j.id, `/touchpoints/${tp.id}`), etag, body)));
  }

  saveDetails(details) {
    return this.execute({ label: 'save the journey’s name, description and owner', run: (j, etag) => write('PUT', jpath(j.id), etag, {
      ...details,
      personaIds: j.personaIds,
      stages: j.stages.map((s) => ({ id: s.id, name: s.name, touchpoints: s.touchpoints.map((t) => ({ ...t })) })),
    }) });
  }

  async publish() {
    this.busy = true;
    this.error = null;
    try {
      const { data } = await write('POST', jpath(this.journey.id, '/publish'), this.etag);
      const { data: journey, etag } = await get(jpath(this.journey.id));
      this.accept(journey, etag);
      this.notice = `Published as version ${data.number}.`;
    } catch (error) {
      if (error.status === 412) {
        await this.conflicted({ label: 'publish', run: (j, etag) => write('POST', jpath(j.id, '/publish'), etag).then(() => get(jpath(j.id))) });
      } else {
        this.error = error;
      }
    } finally {
      this.busy = false;
    }
  }

  async createJourney(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = { name: form.get('name'), description: form.get('description') || null, owner: form.get('owner') || null };
    if (form.get('start') === 'blank') {
      body.stages = [{ name: form.get('firstStage') || 'Stage 1' }];
    }
    this.busy = true;
    try {
      const { data } = await create('/journeys', body, { idempotencyKey: this.createKey });
      Router.go(`/journeys/${data.id}/edit`);
    } catch (error) {
      this.createError = error;
    } finally {
      this.busy = false;
    }
  }

  // ---- drag and drop ----
  dragStart(event, tp) {
    event.dataTransfer.setData('text/plain', tp.id);
    event.dataTransfer.effectAllowed = 'move';
    this.dragged = tp.id;
  }

  drop(event, stage, beforeTp) {
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.classList.remove('drop-target');
    const id = event.dataTransfer.getData('text/plain') || this.dragged;
    const tp = this.journey.stages.flatMap((s) => s.touchpoints).find((t) => t.id === id);
    if (!tp || tp.id === beforeTp?.id) return;
    const others = stage.touchpoints.filter((t) => t.id !== tp.id);
    const index = beforeTp ? others.findIndex((t) => t.id === beforeTp.id) : others.length;
    this.moveTouchpoint(tp, stage, index);
  }

  dragOver(event) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    event.currentTarget.classList.add('drop-target');
  }

  render() {
    if (!user()?.isAdmin) {
      return html`<section class="page"><h1>Journey editor</h1>
        <p>Only admins of the workspace can create or change journeys. You can read every journey and its figures.</p>
        <p><a href="/journeys">Back to journeys</a></p></section>`;
    }
    if (this.isNew) return this.renderCreate();
    if (!this.journey) {
      return html`<section class="page">${this.error ? html`<h1>Journey editor</h1><em-problem .error=${this.error}></em-problem>`
        : html`<p aria-busy="true">Loading…</p>`}</section>`;
    }
    const j = this.journey;
    return html`<section class="page editor-page">
      <p class="breadcrumb"><a href="/journeys">Journeys</a> / <a href="/journeys/${j.id}">${j.name}</a> /</p>
      <div class="page-head"><h1>Edit “${j.name}”</h1>
        <div class="actions"><a class="button secondary" href="/journeys/${j.id}/versions">Versions and differences</a>
          <button type="button" @click=${() => this.publish()} ?disabled=${this.busy}>Publish</button></div></div>
      <p class="muted">Draft version ${j.version} · ${j.status.toLowerCase()} · ${j.publishedVersion ? `last published as v${j.publishedVersion}` : 'never published'} · updated ${dateTime(j.updatedAt)}</p>
      <p class="small">Drag a touchpoint to another place, or use its arrow buttons from the keyboard.</p>
      <p class="notice" role="status">${this.notice ?? ''}</p>
      <em-problem .error=${this.error}></em-problem>
      ${this.conflict ? this.renderConflict() : nothing}
      ${this.renderDetails(j)}
      <div class="map editor-map" style="--stages:${j.stages.length + 1}">
        ${j.stages.map((stage, i) => this.renderStage(stage, i))}
        <section class="stage add-stage"><form @submit=${(e) => { e.preventDefault(); const name = new FormData(e.target).get('name');
            if (name) this.addStage(name).then((ok) => ok && e.target.reset()); }}>
          <h2>Add a stage</h2><label>Stage name <input name="name" required maxlength="200"></label>
          <button type="submit" ?disabled=${this.busy}>Add stage</button></form></section>
      </div>
      ${this.editing ? this.renderTouchpointForm() : nothing}
    </section>`;
  }

  renderCreate() {
    const e = this.createError;
    return html`<section class="page"><p class="breadcrumb"><a href="/journeys">Journeys</a> /</p><h1>New journey</h1>
      <form class="form" @submit=${(ev) => this.createJourney(ev)}>
        <em-problem .error=${e}></em-problem>
        <label>Name <input name="name" required maxlength="200" aria-describedby="name-error" aria-invalid=${e?.fieldMessage?.('name') ? 'true' : 'false'}></label>
        <span id="name-error" class="field-error">${e?.fieldMessage?.('name') ?? ''}</span>
        <label>Description <textarea name="description" maxlength="2000" rows="3"></textarea></label>
        <label>Owner <input name="owner" maxlength="200" placeholder="e.g. CX team"></label>
        <fieldset><legend>Start from</legend>
          <label class="check"><input type="radio" name="start" value="template" checked> The five-stage template: Awareness, Consideration, Purchase, Post-Purchase, Loyalty/Advocacy</label>
          <label class="check"><input type="radio" name="start" value="blank"> One stage named <input name="firstStage" aria-label="First stage name" value="Stage 1" maxlength="200"></label>
        </fieldset>
        <button type="submit" ?disabled=${this.busy}>Create journey</button>
      </form></section>`;
  }

  renderConflict() {
    const c = this.conflict;
    return html`<section class="conflict" role="alertdialog" aria-labelledby="conflict-heading" aria-describedby="conflict-text">
      <h2 id="conflict-heading" tabindex="-1">Someone else changed this journey</h2>
      <p id="conflict-text">Your change (“${c.op.label}”) was made on version ${c.base}; the journey is now at version ${c.latest.version}. Nothing was overwritten. Their changes:</p>
      ${c.changes.length ? html`<ul class="changes">${c.changes.map((text) => html`<li>${text}</li>`)}</ul>` : html`<p>Only the version number changed (the content is the same).</p>`}
      <div class="actions"><button type="button" @click=${() => this.reapply()}>Reapply my change on version ${c.latest.version}</button>
        <button type="button" class="secondary" @click=${() => this.discard()}>Discard my change</button></div>
    </section>`;
  }

  renderDetails(j) {
    return html`<details class="panel"><summary>Name, description and owner</summary>
      <form class="form" @submit=${(e) => { e.preventDefault(); const f = new FormData(e.target);
        this.saveDetails({ name: f.get('name'), description: f.get('description') || null, owner: f.get('owner') || null }); }}>
        <label>Name <input name="name" required maxlength="200" .value=${j.name}></label>
        <label>Description <textarea name="description" rows="2" maxlength="2000" .value=${j.description ?? ''}></textarea></label>
        <label>Owner <input name="owner" maxlength="200" .value=${j.owner ?? ''}></label>
        <button type="submit" ?disabled=${this.busy}>Save details</button></form></details>`;
  }

  renderStage(stage, i) {
    const stages = this.journey.stages;
    return html`<section class="stage" aria-labelledby="es-${stage.id}"
        @dragover=${(e) => this.dragOver(e)} @dragleave=${(e) => e.currentTarget.classList.remove('drop-target')}
        @drop=${(e) => this.drop(e, stage, null)}>
      <header class="stage-head">
        ${this.renaming === stage.id ? html`<form class="rename" @submit=${(e) => { e.preventDefault(); const name = new FormData(e.target).get('name').trim();
            this.renaming = null; if (name && name !== stage.name) this.renameStage(stage, name); }}
            @keydown=${(e) => { if (e.key === 'Escape') { this.renaming = null; } }}>
          <label>New name for ${stage.name} <input name="name" required maxlength="200" .value=${stage.name}></label>
          <div class="actions"><button type="submit" class="small-button">Rename</button>
            <button type="button" class="secondary small-button" @click=${() => { this.renaming = null; }}>Cancel</button></div></form>`
          : html`<h2 id="es-${stage.id}">${stage.name}</h2>`}
        <div class="tools">
          <button type="button" class="icon" aria-label="Move stage ${stage.name} left" title="Move left" ?disabled=${i === 0 || this.busy}
            @click=${() => this.moveStage(stage, i - 1)}>←</button>
          <button type="button" class="icon" aria-label="Move stage ${stage.name} right" title="Move right" ?disabled=${i === stages.length - 1 || this.busy}
            @click=${() => this.moveStage(stage, i + 1)}>→</button>
          <button type="button" class="icon" aria-label="Rename stage ${stage.name}" title="Rename" @click=${() => { this.renaming = stage.id; this.updateComplete.then(() => this.querySelector('form.rename input')?.focus()); }}>✎</button>
          <button type="button" class="icon" aria-label="Remove stage ${stage.name}" title=${stage.touchpoints.length ? 'Move or remove its touchpoints first' : 'Remove'}
            ?disabled=${stage.touchpoints.length > 0 || this.busy} @click=${() => this.removeStage(stage)}>✕</button>
        </div>
      </header>
      <ol class="touchpoints">${stage.touchpoints.map((tp, k) => html`<li class="tp editable" draggable="true" data-touchpoint-id=${tp.id}
          @dragstart=${(e) => this.dragStart(e, tp)} @dragover=${(e) => this.dragOver(e)}
          @dragleave=${(e) => e.currentTarget.classList.remove('drop-target')} @drop=${(e) => this.drop(e, stage, tp)}>
        <h3>${tp.name}</h3>
        <p class="small">${channelLabel(tp.channel)}${plural(tp.painPoints?.length, 'pain point')}${plural(tp.opportunities?.length, 'opportunity', 'opportunities')}</p>
        <div class="tools">
          <button type="button" class="icon" aria-label="Move ${tp.name} up" ?disabled=${k === 0 || this.busy} @click=${() => this.moveTouchpoint(tp, stage, k - 1)}>↑</button>
          <button type="button" class="icon" aria-label="Move ${tp.name} down" ?disabled=${k === stage.touchpoints.length - 1 || this.busy} @click=${() => this.moveTouchpoint(tp, stage, k + 1)}>↓</button>
          <button type="button" class="icon" aria-label="Move ${tp.name} to the previous stage" ?disabled=${i === 0 || this.busy}
            @click=${() => this.moveTouchpoint(tp, stages[i - 1], stages[i - 1].touchpoints.length)}>←</button>
          <button type="button" class="icon" aria-label="Move ${tp.name} to the next stage" ?disabled=${i === stages.length - 1 || this.busy}
            @click=${() => this.moveTouchpoint(tp, stages[i + 1], stages[i + 1].touchpoints.length)}>→</button>
          <button type="button" class="secondary small-button" @click=${() => { this.formError = null; this.editing = { tp, stage }; }}>Edit<span class="visually-hidden"> ${tp.name}</span></button>
          <button type="button" class="icon" aria-label="Remove ${tp.name}" ?disabled=${this.busy} @click=${() => {
            if (confirm(`Remove “${tp.name}”? Its answers are kept and stay attributable.`)) this.removeTouchpoint(tp); }}>✕</button>
        </div>
      </li>`)}</ol>
      <button type="button" class="secondary" @click=${() => { this.formError = null; this.editing = { tp: null, stage }; }}>Add touchpoint<span class="visually-hidden"> to ${stage.name}</span></button>
    </section>`;
  }

  renderTouchpointForm() {
    const { tp, stage } = this.editing;
    const e = this.formError;
    const msg = (field) => e?.fieldMessage?.(field) ?? '';
    const opportunities = this.editingOpportunities ?? (this.editingOpportunities = (tp?.opportunities ?? []).map((o) => ({ ...o })));
    return html`<div class="dialog-backdrop"><section class="dialog" role="dialog" aria-modal="true" aria-labelledby="tp-form-title"
        @keydown=${(ev) => { if (ev.key === 'Escape') this.closeForm(); }}>
      <h2 id="tp-form-title">${tp ? `Edit “${tp.name}”` : `New touchpoint in “${stage.name}”`}</h2>
      <form class="form" @submit=${(ev) => this.submitTouchpoint(ev)}>
        <em-problem .error=${e}></em-problem>
        <label>Name <input name="name" required maxlength="200" .value=${tp?.name ?? ''} aria-invalid=${msg('name') ? 'true' : 'false'} aria-describedby="tp-name-error"></label>
        <span id="tp-name-error" class="field-error">${msg('name')}</span>
        <label>Channel <select name="channel">${CHANNELS.map((c) => html`<option value=${c} ?selected=${(tp?.channel ?? 'web') === c}>${channelLabel(c)}</option>`)}</select></label>
        <label>Owner team <input name="ownerTeam" maxlength="200" .value=${tp?.ownerTeam ?? ''}></label>
        <label>Description <textarea name="description" rows="2" maxlength="2000" .value=${tp?.description ?? ''}></textarea></label>
        <label>Expected emotion <select name="expectedEmotion"><option value="">not set</option>
          ${EMOTIONS.map(([v, words]) => html`<option value=${v} ?selected=${tp?.expectedEmotion === v}>${v} ${words}</option>`)}</select></label>
        <fieldset><legend>Targets</legend>
          ${TARGET_FIELDS.map((t) => html`<label>${t.label}
            <input name="target-${t.key}" type="number" step="any" .value=${String(targetOf(t, tp?.targets) ?? '')}
              aria-invalid=${msg(`targets.${t.key}`) ? 'true' : 'false'} aria-describedby="target-${t.key}-error"></label>
            <span id="target-${t.key}-error" class="field-error">${msg(`targets.${t.key}`)}</span>`)}
        </fieldset>
        <label>Pain points, one per line <textarea name="painPoints" rows="3" .value=${(tp?.painPoints ?? []).join('\n')}
          aria-invalid=${msg('painPoints') ? 'true' : 'false'}></textarea></label>
        <fieldset><legend>Opportunities</legend>
          ${opportunities.map((o, i) => html`<div class="opportunity">
            <label>Text <input .value=${o.text ?? ''} @input=${(ev) => { o.text = ev.target.value; }} maxlength="300"></label>
            <label>Owner <input .value=${o.owner ?? ''} @input=${(ev) => { o.owner = ev.target.value; }} maxlength="200"></label>
            <label>Status <select @change=${(ev) => { o.status = ev.target.value; }}>${STATUSES.map((s) => html`<option value=${s} ?selected=${(o.status ?? 'open') === s}>${s.replace('_', ' ')}</option>`)}</select></label>
            <button type="button" class="secondary small-button" @click=${() => { opportunities.splice(i, 1); this.requestUpdate(); }}>Remove<span class="visually-hidden"> opportunity ${i + 1}</span></button>
          </div>`)}
          <button type="button" class="secondary small-button" @click=${() => { opportunities.push({ text: '', owner: '', status: 'open' }); this.requestUpdate(); }}>Add opportunity</button>
        </fieldset>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${tp ? 'Save touchpoint' : 'Add touchpoint'}</button>
          <button type="button" class="secondary" @click=${() => this.closeForm()}>Cancel</button></div>
      </form></section></div>`;
  }

  closeForm() {
    this.editing = null;
    this.editingOpportunities = null;
  }

  async submitTouchpoint(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    const targets = targetsToApi(Object.fromEntries(TARGET_FIELDS.map((t) => [t.key, f.get(`target-${t.key}`)])));
    const emotion = f.get('expectedEmotion');
    const body = {
      name: f.get('name'), channel: f.get('channel'), ownerTeam: f.get('ownerTeam') || null,
      description: f.get('description') || null, expectedEmotion: emotion === '' ? null : Number(emotion),
      painPoints: String(f.get('painPoints')).split('\n').map((s) => s.trim()).filter(Boolean),
      opportunities: this.editingOpportunities.filter((o) => o.text?.trim()).map((o) => ({ ...(o.id ? { id: o.id } : {}), text: o.text.trim(),
        owner: o.owner || null, status: o.status ?? 'open' })),
      targets,
    };
    const { tp, stage } = this.editing;
    this.error = null;
    const ok = tp ? await this.saveTouchpoint(tp, body) : await this.addTouchpoint(stage, body);
    if (ok) {
      this.closeForm();
    } else if (this.error) {
      this.formError = this.error;
      this.error = null;
    } else if (this.conflict) {
      this.closeForm();
    }
  }
}
customElements.define('em-journey-editor', EmJourneyEditor);

/** Published versions of a journey and the difference between any two. */
class EmJourneyVersions extends View {
  static properties = { versions: { state: true }, diff: { state: true }, error: { state: true }, journey: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    const id = this.location.params.journeyId;
    try {
      const [{ data: journey }, { data }] = await Promise.all([get(jpath(id)), get(jpath(id, '/versions'), { limit: 100 })]);
      this.journey = journey;
      this.versions = data.items;
      this.titled(`Versions of ${journey.name}`);
      const q = this.query;
      const numbers = this.versions.map((v) => v.number).sort((a, b) => a - b);
      this.from = Number(q.get('from')) || numbers[numbers.length - 2] || numbers[0];
      this.to = Number(q.get('to')) || numbers[numbers.length - 1];
      if (this.from && this.to) await this.compare();
      this.rendered('true');
    } catch (error) {
      this.error = error;
      this.rendered('error');
    }
  }

  async compare() {
    this.setQuery({ from: this.from, to: this.to });
    try {
      const { data } = await get(jpath(this.location.params.journeyId, '/versions/diff'), { from: this.from, to: this.to });
      this.diff = data;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  renderChanges(title, changes) {
    const known = ['added', 'removed', 'renamed', 'moved'];
    const rows = [
      ...(changes.added ?? []).map((c) => `Added “${c.name}”`),
      ...(changes.removed ?? []).map((c) => `Removed “${c.name}”`),
      ...(changes.renamed ?? []).map((c) => `Renamed “${c.fromName}” to “${c.toName}”`),
      ...(changes.moved ?? []).map((c) => `Moved “${c.name}” from position ${(c.fromIndex ?? 0) + 1} to ${(c.toIndex ?? 0) + 1}${c.fromStageId !== c.toStageId ? ' (another stage)' : ''}`),
      // Kinds of change this console does not know yet are still listed.
      ...Object.entries(changes).filter(([k, v]) => !known.includes(k) && Array.isArray(v))
        .flatMap(([k, v]) => v.map((c) => `${k}: ${c.name ?? c.id ?? JSON.stringify(c)}${c.fields ? ` (${[].concat(c.fields).join(', ')})` : ''}`)),
    ];
    return html`<section class="panel"><h2>${title}</h2>${rows.length ? html`<ul>${rows.map((r) => html`<li>${r}</li>`)}</ul>` : html`<p class="muted">No changes.</p>`}</section>`;
  }

  render() {
    const id = this.location.params.journeyId;
    return html`<section class="page">
      <p class="breadcrumb"><a href="/journeys">Journeys</a> / <a href="/journeys/${id}">${this.journey?.name ?? 'Journey'}</a> /</p>
      <h1>Versions${this.journey ? html` of “${this.journey.name}”` : nothing}</h1>
      <em-problem .error=${this.error}></em-problem>
      ${!this.versions ? html`<p aria-busy="true">Loading…</p>` : !this.versions.length ? html`<p>This journey was never published. Publish it from the editor to keep a version.</p>` : html`
        <table class="data"><thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">By</th><th scope="col">Stages</th><th scope="col">Touchpoints</th></tr></thead>
          <tbody>${this.versions.map((v) => html`<tr><td>v${v.number}</td><td>${date(v.publishedAt)}</td><td>${v.publishedBy}</td><td>${v.stageCount}</td><td>${v.touchpointCount}</td></tr>`)}</tbody></table>
        <form class="controls" @submit=${(e) => { e.preventDefault(); const f = new FormData(e.target); this.from = Number(f.get('from')); this.to = Number(f.get('to')); this.compare(); }}>
          <label>From <select name="from">${this.versions.map((v) => html`<option value=${v.number} ?selected=${v.number === this.from}>v${v.number}</option>`)}</select></label>
          <label>To <select name="to">${this.versions.map((v) => html`<option value=${v.number} ?selected=${v.number === this.to}>v${v.number}</option>`)}</select></label>
          <button type="submit">Show differences</button></form>
        ${this.diff ? html`<div class="panels">${this.renderChanges(`Stages, v${this.diff.from} → v${this.diff.to}`, this.diff.stages)}
          ${this.renderChanges(`Touchpoints, v${this.diff.from} → v${this.diff.to}`, this.diff.touchpoints)}</div>` : nothing}`}
    </section>`;
  }
}
customElements.define('em-journey-versions', EmJourneyVersions);
