// Login with Keycloak: authorization code + PKCE (S256) on the public client. Tokens live in this module's
// variables only: never in localStorage, sessionStorage or cookies, so a page reload logs in again through the
// SSO session (one redirect, no password). Only the one-time PKCE verifier and state survive the login redirect,
// in sessionStorage, and are deleted as soon as the code is exchanged.

const LOGIN_KEY = 'effortmap.login';
const CALLBACK_PATH = '/auth/callback';
// Refresh this long before the access token expires, so a request never leaves with a token about to lapse.
const REFRESH_MARGIN_MS = 30_000;

let settings = null;
let tokens = null; // { access, refresh, id, expiresAt }
let claims = null;
let refreshTimer = null;
let refreshing = null;
const listeners = new Set();

/** Called with 'signed-in', 'refreshed' or 'ended' whenever the session changes. */
export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event) {
  listeners.forEach((l) => l(event));
}

function endpoint(name) {
  return `${settings.issuer}/protocol/openid-connect/${name}`;
}

function redirectUri() {
  return `${location.origin}${CALLBACK_PATH}`;
}

function base64Url(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(size = 32) {
  return base64Url(crypto.getRandomValues(new Uint8Array(size)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

function decode(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  return JSON.parse(json);
}

async function loadSettings() {
  const response = await fetch('/console-settings.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`The console's settings could not be read (HTTP ${response.status})`);
  }
  settings = await response.json();
}

/** Sends the browser to Keycloak; comes back to the page the user asked for. */
export async function login(returnTo = location.pathname + location.search) {
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(LOGIN_KEY, JSON.stringify({ state, verifier, returnTo }));
  const params = new URLSearchParams({
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${endpoint('auth')}?${params}`);
}

async function tokenRequest(form) {
  const response = await fetch(endpoint('token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: settings.clientId, ...form }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error_description || body.error || `HTTP ${response.status}`);
    error.oauth = body.error;
    throw error;
  }
  return body;
}

function accept(answer) {
  tokens = {
    access: answer.access_token,
    refresh: answer.refresh_token ?? tokens?.refresh,
    id: answer.id_token ?? tokens?.id,
    expiresAt: Date.now() + answer.expires_in * 1000,
  };
  claims = decode(tokens.access);
  clearTimeout(refreshTimer);
  const wait = Math.max(5_000, tokens.expiresAt - Date.now() - REFRESH_MARGIN_MS);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), wait);
}

/** Silent refresh with the refresh token; a refused refresh means the SSO session is over. */
export function refresh() {
  if (!tokens?.refresh) {
    return Promise.reject(new Error('not signed in'));
  }
  if (!refreshing) {
    refreshing = tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh })
      .then((answer) => { accept(answer); emit('refreshed'); })
      .catch((error) => {
        if (error.oauth === 'invalid_grant' || error.oauth === 'invalid_token') {
          end();
        }
        throw error;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** The session is over (expired, revoked, logged out elsewhere): forget every token. */
export function end() {
  clearTimeout(refreshTimer);
  tokens = null;
  claims = null;
  emit('ended');
}

/**
 * Finishes a login redirect or starts one. Resolves to the path to show, or never resolves while the browser goes
 * to Keycloak. Paths that need no session (the signed-out page) are shown without one.
 */
export async function start() {
  await loadSettings();
  if (location.pathname === CALLBACK_PATH) {
    const params = new URLSearchParams(location.search);
    const pending = JSON.parse(sessionStorage.getItem(LOGIN_KEY) || 'null');
    sessionStorage.removeItem(LOGIN_KEY);
    if (params.get('error')) {
      throw new Error(`Keycloak refused the login: ${params.get('error_description') || params.get('error')}`);
    }
    if (!pending || pending.state !== params.get('state')) {
      // A stale or forged callback: start over rather than trust it.
      await login('/');
      return new Promise(() => {});
    }
    accept(await tokenRequest({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }));
    emit('signed-in');
    return pending.returnTo && pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//')
      ? pending.returnTo : '/';
  }
  if (location.pathname === '/signed-out') {
    return location.pathname;
  }
  await login();
  return new Promise(() => {});
}

export function accessToken() {
  return tokens?.access ?? null;
}

export function signedIn() {
  return tokens !== null;
}

/** Who is signed in, from the access token: name, workspace and the roles that shape the UI. */
export function user() {
  if (!claims) {
    return null;
  }
  const roles = claims.realm_access?.roles ?? [];
  return {
    name: claims.preferred_username ?? claims.sub,
    workspace: claims.workspace ?? null,
    roles,
    isAdmin: roles.includes('cx-admin'),
    canRead: roles.includes('cx-admin') || roles.includes('cx-analyst'),
  };
}

/** Ends the Keycloak session too, then comes back to the signed-out page. */
export function logout() {
  const params = new URLSearchParams({
    client_id: settings.clientId,
    post_logout_redirect_uri: `${location.origin}/signed-out`,
  });
  if (tokens?.id) {
    params.set('id_token_hint', tokens.id);
  }
  clearTimeout(refreshTimer);
  tokens = null;
  claims = null;
  location.assign(`${endpoint('logout')}?${params}`);
}
