import { html, svg, nothing } from 'lit';
import { View } from '../lib/base.js';
import { number } from '../lib/format.js';

/**
 * A small trend line of period values (null where a period has no answers); periods with a low sample are drawn as
 * hollow dots. The label says the trend in words, so it needs no eyes.
 */
class EmSparkline extends View {
  static properties = { points: { attribute: false }, digits: { type: Number }, unit: { type: String }, label: { type: String } };

  render() {
    const points = (this.points ?? []).filter((p) => p.value !== null && p.value !== undefined);
    if (points.length < 2) {
      return html`<span class="sparkline-empty">${points.length ? 'one period with answers' : 'no trend yet'}</span>`;
    }
    const width = 120;
    const height = 28;
    const all = this.points;
    const values = points.map((p) => p.value);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const spread = max - min || 1;
    const x = (i) => (i / (all.length - 1)) * (width - 4) + 2;
    const y = (v) => height - 3 - ((v - min) / spread) * (height - 6);
    const coords = all.map((p, i) => (p.value === null || p.value === undefined ? null : [x(i), y(p.value)]));
    const path = coords.filter(Boolean).map(([a, b], i) => `${i ? 'L' : 'M'}${a.toFixed(1)},${b.toFixed(1)}`).join(' ');
    const first = points[0];
    const last = points[points.length - 1];
    const words = `${this.label ?? 'Trend'}: from ${number(first.value, this.digits ?? 1)}${this.unit ?? ''} to ${number(last.value, this.digits ?? 1)}${this.unit ?? ''} over ${all.length} periods`;
    return html`<svg class="sparkline" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${words}>
      <title>${words}</title>
      <path d=${path} fill="none" stroke="currentColor" stroke-width="1.5"></path>
      ${coords.map((c, i) => (c ? svg`<circle cx=${c[0]} cy=${c[1]} r="2" class=${all[i].lowSample ? 'low' : ''}></circle>` : nothing))}
    </svg>`;
  }
}
customElements.define('em-sparkline', EmSparkline);
