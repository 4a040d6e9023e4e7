// Calls to the armsgraph API (same origin). Errors carry the problem+json detail.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export function url(path, params = {}) {
  const u = new URL(path, window.location.href);
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const item of v) u.searchParams.append(k, String(item));
    else if (v !== null && v !== undefined && v !== '') u.searchParams.set(k, String(v));
  }
  return u.pathname + u.search;
}

const KEY = 'armsgraph-api-key';
let asking = null;

function headers() {
  const key = window.sessionStorage.getItem(KEY);
  return key ? { Accept: 'application/json', 'X-API-Key': key } : { Accept: 'application/json' };
}

/** GET a JSON answer. When the API asks for a key (ARMSGRAPH_REQUIRE_READ_KEY), ask the analyst
 *  once for a read key, keep it for the browser tab, and try again. */
export async function getJSON(path, params = {}, { signal } = {}) {
  let res = await fetch(url(path, params), { headers: headers(), signal });
  if (res.status === 401) {
    asking ??= Promise.resolve(window.prompt('This armsgraph asks for an API key (a read key is enough):'))
      .then((key) => { if (key) window.sessionStorage.setItem(KEY, key.trim()); })
      .finally(() => { asking = null; });
    await asking;  // requests refused together wait for one answer
    if (window.sessionStorage.getItem(KEY)) res = await fetch(url(path, params), { headers: headers(), signal });
  }
  if (!res.ok) {
    let detail = `${res.status} ${res.statusText}`;
    try {
      const body = await res.json();
      detail = body.detail || body.title || detail;
      if (body.suggestions && body.suggestions.length) detail += ` (did you mean ${body.suggestions.join(', ')}?)`;
    } catch { /* not JSON */ }
    throw new ApiError(res.status, detail);
  }
  return res.json();
}

/** Every chain of one direction, fetching further pages (in parallel) when the first is cut. */
export async function allChains(params, { signal, maxPages = 4 } = {}) {
  const limit = 500;
  params = { edges_per_link: 10, ...params };  // the status toggles look at each link's edges
  const first = await getJSON('/chains', { ...params, limit, offset: 0 }, { signal });
  const pages = [first];
  const more = Math.min(Math.ceil(first.total / limit), maxPages) - 1;
  if (more > 0) {
    const rest = await Promise.all(Array.from({ length: more }, (_, i) =>
      getJSON('/chains', { ...params, limit, offset: (i + 1) * limit }, { signal })));
    pages.push(...rest);
  }
  return {
    root: first.root,
    total: first.total,
    chains: pages.flatMap((p) => p.chains),
    reports: Object.assign({}, ...pages.map((p) => p.reports)),
  };
}
