// The console's only way to the platform: the public API under /api/v1 on this origin (the gateway).
// Every write names the version it is based on (If-Match) and every create carries an Idempotency-Key, so a retried
// click never makes a duplicate and a stale edit is refused (412) instead of overwriting someone else's change.
// Callers pass only the query parameters the OpenAPI documents; empty values are left out.
import { accessToken, end, refresh } from './auth.js';

/** An API answer that is not a success, as RFC 9457 problem details. */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || defaultTitle(status);
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAfter = headers?.get('Retry-After') ?? null;
  }

  /** The message for one field of a form, or undefined. */
  fieldMessage(field) {
    return this.errors.find((e) => e.field === field || e.field?.endsWith(`.${field}`))?.message;
  }
}

function defaultTitle(status) {
  return { 0: 'No connection', 400: 'Bad request', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict',
    412: 'Changed by someone else', 428: 'Version missing', 429: 'Too many requests', 503: 'Unavailable' }[status]
    ?? `Error ${status}`;
}

/** A fresh key per user action; the same action retried reuses it. */
export function newIdempotencyKey() {
  return crypto.randomUUID();
}

export function etagOf(version) {
  return version === undefined || version === null ? undefined : `"${version}"`;
}

function url(path, query) {
  const params = new URLSearchParams();
  Object.entries(query ?? {}).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      params.append(key, String(value));
    }
  });
  const text = params.toString();
  return `/api/v1${path}${text ? `?${text}` : ''}`;
}

async function send(method, path, options, retried) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = accessToken();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.ifMatch) {
    headers['If-Match'] = options.ifMatch;
  }
  if (options.idempotencyKey) {
    headers['Idempotency-Key'] = options.idempotencyKey;
  }
  if (options.accept) {
    headers.Accept = options.accept;
  }
  let response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, { title: 'No connection', detail: 'The platform could not be reached. Check your connection and try again.' });
  }
  if (response.status === 401 && !retried) {
    // The access token lapsed (a laptop that slept): refresh once and try again; a refused refresh ends the session.
    try {
      await refresh();
    } catch {
      end();
      throw new ApiError(401, { title: 'Session ended', detail: 'Please sign in again.' });
    }
    return send(method, path, options, true);
  }
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    const problem = type.includes('json') ? await response.json().catch(() => ({})) : {};
    throw new ApiError(response.status, problem, response.headers);
  }
  let data = null;
  if (options.raw) {
    data = await response.text();
  } else if (response.status !== 204 && type.includes('json')) {
    data = await response.json();
  }
  return { status: response.status, data, etag: response.headers.get('ETag'), headers: response.headers };
}

/** GET; resolves to { data, etag }. */
export function get(path, query, options = {}) {
  return send('GET', path, { ...options, query });
}

/**
 * Creates: POST with an Idempotency-Key (pass the same key to retry the same action); `ifMatch` too when the new
 * item goes into an existing resource (a stage into a journey).
 */
export function create(path, body, { idempotencyKey = newIdempotencyKey(), ifMatch, query } = {}) {
  return send('POST', path, { body, idempotencyKey, ifMatch, query });
}

/**
 * Changes of an existing resource: PUT/PATCH/DELETE/POST actions with If-Match of the version last read. A write
 * without a version is a bug here, never a request: the API answers it 428.
 */
export function write(method, path, ifMatch, body, query) {
  if (!ifMatch) {
    return Promise.reject(new ApiError(428, { title: 'Version missing',
      detail: 'The console did not know which version this change is based on. Reload the page and try again.' }));
  }
  return send(method, path, { body, ifMatch, query });
}

/**
 * The few POST actions the API keeps unversioned because repeating them changes nothing more (acknowledge and
 * resolve an alert, replay a webhook delivery): no If-Match, no Idempotency-Key.
 */
export function action(path) {
  return send('POST', path, {});
}

/** Reads every page of a keyset-paged list (after/limit), up to a limit of items. */
export async function all(path, query = {}, max = 1000) {
  const items = [];
  let after;
  do {
    const { data } = await get(path, { ...query, after, limit: 100 });
    items.push(...(data.items ?? []));
    after = data.next;
  } while (after && items.length < max);
  return items;
}
