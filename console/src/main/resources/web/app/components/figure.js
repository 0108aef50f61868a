import { html, nothing } from 'lit';
import { View } from '../lib/base.js';
import { count, intervalText, lowSampleWords, primary, scaleText, valueText } from '../lib/format.js';

/** One figure with everything that makes it honest: value, 95% interval, n, scale and a low-sample note in words. */
class EmFigure extends View {
  static properties = { metric: { type: String }, figure: { attribute: false }, compact: { type: Boolean } };

  render() {
    const f = this.figure;
    if (!f || !f.n) {
      return html`<span class="figure-empty">No answers</span>`;
    }
    const p = primary(this.metric, f);
    return html`<span class="figure">
      <span class="figure-value">${valueText(p)}</span>
      <span class="figure-ci">${intervalText(p)}</span>
      <span class="figure-n">n = ${count(f.n)}</span>
      ${this.compact ? nothing : html`<span class="figure-scale">${scaleText(f)}</span>`}
      ${f.lowSample ? html`<span class="low-sample" title=${lowSampleWords(f.n)}>Low sample</span>` : nothing}
    </span>`;
  }
}
customElements.define('em-figure', EmFigure);
