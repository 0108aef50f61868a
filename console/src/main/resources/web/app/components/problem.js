import { html, nothing } from 'lit';
import { View } from '../lib/base.js';

const FIELD_NAMES = {
  'If-Match': 'version (If-Match)',
};

/** An API problem shown where it happened: its title, detail and each field it names. */
class EmProblem extends View {
  static properties = { error: { attribute: false } };

  render() {
    const e = this.error;
    if (!e) {
      return nothing;
    }
    const retry = e.retryAfter ? html` Try again in ${e.retryAfter} s.` : nothing;
    return html`<div class="problem" role="alert">
      <strong>${e.title ?? 'Something went wrong'}</strong>
      ${e.status ? html`<span class="problem-status">(HTTP ${e.status})</span>` : nothing}
      ${e.detail || e.message ? html`<p>${e.detail || e.message}${retry}</p>` : nothing}
      ${e.errors?.length ? html`<ul>${e.errors.map((f) => html`<li><strong>${FIELD_NAMES[f.field] ?? f.field}</strong>: ${f.message}</li>`)}</ul>` : nothing}
    </div>`;
  }
}
customElements.define('em-problem', EmProblem);
