// Effortmap Console: entry point. Logs in (or finishes a login), then routes.
import './styles.css';
import { html, nothing, render } from 'lit';
import { Router } from '@vaadin/router';
import { View } from './lib/base.js';
import { login, logout, onSessionChange, start, user } from './lib/auth.js';
import './components/problem.js';
import './components/figure.js';
import './components/sparkline.js';
import './views/journeys.js';
import './views/journey-map.js';
import './views/touchpoint.js';
import './views/insights.js';
import './views/editor.js';
import './views/surveys.js';
import './views/settings.js';

const ROUTES = [
  { path: '/', redirect: '/journeys' },
  { path: '/auth/callback', redirect: '/journeys' },
  { path: '/journeys', component: 'em-journeys' },
  { path: '/journeys/new', component: 'em-journey-editor' },
  { path: '/journeys/:journeyId', component: 'em-journey-map' },
  { path: '/journeys/:journeyId/edit', component: 'em-journey-editor' },
  { path: '/journeys/:journeyId/versions', component: 'em-journey-versions' },
  { path: '/journeys/:journeyId/touchpoints/:touchpointId', component: 'em-touchpoint' },
  { path: '/hotspots', component: 'em-hotspots' },
  { path: '/alerts', component: 'em-alerts' },
  { path: '/surveys', component: 'em-surveys' },
  { path: '/surveys/new', component: 'em-survey-new' },
  { path: '/surveys/:surveyId', component: 'em-survey' },
  { path: '/responses', component: 'em-responses' },
  { path: '/settings', redirect: '/settings/alert-rules' },
  { path: '/settings/alert-rules', component: 'em-alert-rules' },
  { path: '/settings/webhooks', component: 'em-webhooks' },
  { path: '/settings/webhooks/:webhookId', component: 'em-webhook' },
  { path: '(.*)', component: 'em-not-found' },
];

const NAV = [
  { href: '/journeys', label: 'Journeys' },
  { href: '/hotspots', label: 'Hotspots' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/surveys', label: 'Surveys' },
  { href: '/responses', label: 'Responses' },
  { href: '/settings', label: 'Settings', admin: true },
];

class EmNotFound extends View {
  connectedCallback() {
    super.connectedCallback();
    this.titled('Page not found');
  }

  render() {
    return html`<section class="page"><h1>Page not found</h1>
      <p>There is no page at <code>${location.pathname}</code>. <a href="/journeys">Go to your journeys</a>.</p></section>`;
  }
}
customElements.define('em-not-found', EmNotFound);

function currentNav() {
  const path = location.pathname;
  return NAV.find((n) => path === n.href || path.startsWith(`${n.href}/`))?.href;
}

function header(who) {
  const active = currentNav();
  return html`<header class="topbar">
    <a class="brand" href="/journeys" aria-label="Effortmap home">Effortmap</a>
    <nav aria-label="Main">
      <ul>${NAV.filter((n) => !n.admin || who.isAdmin).map((n) => html`<li><a href=${n.href}
        aria-current=${active === n.href ? 'page' : 'false'}>${n.label}</a></li>`)}</ul>
    </nav>
    <div class="who">
      <span><span class="visually-hidden">Signed in as </span>${who.name}
        · ${who.isAdmin ? 'Admin' : 'Analyst'}${who.workspace ? html` · workspace <strong>${who.workspace}</strong>` : nothing}</span>
      <button type="button" class="secondary" @click=${() => logout()}>Sign out</button>
    </div>
  </header>`;
}

let cleared = false;
function page(content) {
  const root = document.getElementById('app');
  if (!cleared) {
    // The static "Loading" placeholder of index.html is not Lit's to update: remove it once.
    root.textContent = '';
    cleared = true;
  }
  render(content, root);
}

function messagePage(title, text, action) {
  document.title = `${title} · Effortmap`;
  page(html`<main id="main" class="message-page" tabindex="-1">
    <h1>${title}</h1><p>${text}</p>
    ${action ? html`<p><button type="button" @click=${action.run}>${action.label}</button></p>` : nothing}
  </main>`);
  document.getElementById('main')?.focus();
}

function sessionEnded() {
  const returnTo = location.pathname + location.search;
  messagePage('Your session has ended',
    'You were signed out, either after a long time without activity or because the session was ended elsewhere. '
      + 'Nothing you saved is lost; changes you had not saved yet are.',
    { label: 'Sign in again', run: () => login(returnTo) });
}

function shell(who) {
  page(html`<a class="skip-link" href="#main">Skip to content</a>
    ${header(who)}
    <main id="main" tabindex="-1"><div id="outlet"></div></main>
    <div id="route-announcer" class="visually-hidden" aria-live="polite"></div>`);
  const router = new Router(document.getElementById('outlet'));
  router.setRoutes(ROUTES);
  window.addEventListener('vaadin-router-location-changed', () => {
    // Keep the header's current-page marker in step with the route.
    document.querySelectorAll('header.topbar nav a').forEach((a) => a.setAttribute('aria-current', currentNav() === a.getAttribute('href') ? 'page' : 'false'));
  });
}

async function boot() {
  let path;
  try {
    path = await start();
  } catch (error) {
    messagePage('The console could not start', `${error.message}. Check that the platform is running, then try again.`,
      { label: 'Try again', run: () => location.reload() });
    return;
  }
  if (path === '/signed-out') {
    messagePage('You are signed out', 'Sign in again to see your journeys.', { label: 'Sign in', run: () => login('/journeys') });
    return;
  }
  history.replaceState(null, '', path);
  const who = user();
  if (!who.canRead) {
    messagePage('This account cannot use the console',
      `${who.name} has no Effortmap console role (cx-admin or cx-analyst). Ask an administrator for access.`,
      { label: 'Sign out', run: () => logout() });
    return;
  }
  onSessionChange((event) => {
    if (event === 'ended') {
      sessionEnded();
    }
  });
  shell(who);
}

boot();
