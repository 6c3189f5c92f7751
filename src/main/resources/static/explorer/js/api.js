// The public REST API, as any client uses it. Reads never carry the token (a token the ledger does not know is a 401
// even on a read); writes carry it as Authorization: Bearer.

const TOKEN_KEY = 'claim-ledger.editor-token';

export class Problem extends Error {
  constructor(status, body) {
    super(body && body.detail ? body.detail : `the ledger answered ${status}`);
    this.status = status;
    this.title = body && body.title ? body.title : String(status);
    this.errors = body && Array.isArray(body.errors) ? body.errors : [];
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set: value => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  return new Problem(response.status, body);
}

export async function get(path, params) {
  const response = await fetch(path + query(params), {headers: {Accept: 'application/json'}});
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

/** Every page of a list (items under `key`), up to `maxPages` pages; `truncated` says whether more were left. */
export async function all(path, params, key, maxPages = 4) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const body = await get(path, {...params, limit: 500, cursor});
    items.push(...body[key]);
    cursor = body.next;
    if (cursor === null || cursor === undefined) return {items, truncated: false, body};
  }
  return {items, truncated: true};
}

export async function post(path, body) {
  const headers = {'Content-Type': 'application/json', Accept: 'application/json'};
  const bearer = token.get();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(path, {method: 'POST', headers, body: JSON.stringify(body)});
  if (!response.ok) throw await problemOf(response);
  if (response.status === 202) {
    // Stored, but the ledger's views had not shown it yet: no record to show, only where it will read.
    const accepted = await response.json();
    const location = accepted.location || response.headers.get('Location');
    return {...accepted, pending: true, id: location ? decodeURIComponent(location.split('/').pop()) : undefined};
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
