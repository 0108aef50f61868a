import { LitElement } from 'lit';

/**
 * Views and components render into the light DOM: one stylesheet styles the whole app, and assistive technology,
 * axe and tests see one document.
 */
export class View extends LitElement {
  createRenderRoot() {
    return this;
  }

  /** Query parameters of the current URL. */
  get query() {
    return new URLSearchParams(window.location.search);
  }

  /** Replaces the URL's query (shareable state such as the chosen metric) without a navigation. */
  setQuery(values) {
    const params = this.query;
    Object.entries(values).forEach(([k, v]) => {
      if (v === undefined || v === null || v === '') params.delete(k); else params.set(k, v);
    });
    const text = params.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${text ? `?${text}` : ''}`);
  }

  /** Sets the document title and announces the page to screen readers. */
  titled(title) {
    document.title = `${title} · Effortmap`;
    const live = document.getElementById('route-announcer');
    if (live) {
      live.textContent = title;
    }
  }

  /** Marks the view as drawn with its data: a wait hook for tests and the benchmark. */
  rendered(name = 'true') {
    this.setAttribute('data-rendered', name);
  }
}
