// The narrative explorer: the ledger's views as of a date, with the state in the address.
import {all, get, Problem} from './api.js';
import {day, fill, h, outsideLink, when} from './dom.js';
import {setupEditor} from './editor.js';
import {connect} from './live.js';

const DAY_MS = 86400000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VIEWS = ['narrative', 'changes', 'retracted', 'claim', 'entity'];

/** The page's state; every part of it is in the address (see urlOf), so a link reproduces the view. */
const state = {asOf: '', axis: 'published', view: 'narrative', group: 'topic', claim: '', entity: '', from: '', to: ''};

const data = {
  entities: new Map(), // id -> entity (aliases, record)
  articles: new Map(), // id -> article
  days: {published: [], recorded: []}, // sorted distinct days (YYYY-MM-DD) on which claims changed
  claimIds: new Map(), // id -> statement, for the editor's pickers
};

const $ = id => document.getElementById(id);
let renderRound = 0;
let editor = null;

// ---------------------------------------------------------------------------------------------------------------
// State and address

function readUrl() {
  const params = new URLSearchParams(location.search);
  const dateParam = name => (DATE.test(params.get(name) || '') ? params.get(name) : '');
  state.asOf = dateParam('asOf');
  state.axis = params.get('axis') === 'recorded' ? 'recorded' : 'published';
  state.view = VIEWS.includes(params.get('view')) ? params.get('view') : 'narrative';
  state.group = params.get('group') === 'subject' ? 'subject' : 'topic';
  state.claim = params.get('claim') || '';
  state.entity = params.get('entity') || '';
  state.from = dateParam('from');
  state.to = dateParam('to');
  if (state.view === 'claim' && !state.claim) state.view = 'narrative';
  if (state.view === 'entity' && !state.entity) state.view = 'narrative';
}

function urlOf(changes = {}) {
  const s = {...state, ...changes};
  const params = new URLSearchParams();
  if (s.asOf) params.set('asOf', s.asOf);
  if (s.axis !== 'published' || s.asOf) params.set('axis', s.axis);
  if (s.view !== 'narrative') params.set('view', s.view);
  if (s.view === 'narrative' && s.group !== 'topic') params.set('group', s.group);
  if (s.view === 'claim') params.set('claim', s.claim);
  if (s.view === 'entity') params.set('entity', s.entity);
  if (s.view === 'changes' && s.from) params.set('from', s.from);
  if (s.view === 'changes' && s.to) params.set('to', s.to);
  const text = params.toString();
  return text ? `/?${text}` : '/';
}

function navigate(changes, {push = true, focus = false} = {}) {
  Object.assign(state, changes);
  const url = urlOf();
  if (url !== location.pathname + location.search) {
    history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
  render({focus});
}

/** An in-page link: a real address (opens in a new tab, can be copied), followed without a reload. */
function link(changes, ...text) {
  return h('a', {href: urlOf(changes), 'data-nav': JSON.stringify(changes)}, ...text);
}

document.addEventListener('click', event => {
  const a = event.target.closest && event.target.closest('a[data-nav]');
  if (!a || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(JSON.parse(a.dataset.nav), {focus: true});
});

window.addEventListener('popstate', () => {
  readUrl();
  render();
});

// ---------------------------------------------------------------------------------------------------------------
// Days and the slider

const epochDay = date => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = n => new Date(n * DAY_MS).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

async function loadDays() {
  const published = new Set();
  const recorded = new Set();
  let after = -1;
  // The whole ledger for small ones; a large ledger's first 5,000 entries (the live stream adds the later days).
  for (let page = 0; page < 10; page++) {
    const body = await get('/api/events', {after, limit: 500});
    for (const entry of body.events) noteDay(entry, published, recorded);
    if (body.next === null || body.next === undefined) break;
    after = body.next;
  }
  data.days.published = [...published].sort();
  data.days.recorded = [...recorded].sort();
}

function noteDay(entry, published = new Set(data.days.published), recorded = new Set(data.days.recorded)) {
  if (entry.type.startsWith('Entit')) return {published, recorded};
  published.add(day(entry.occurredAt));
  recorded.add(day(entry.recordedAt));
  return {published, recorded};
}

function sliderBounds() {
  const days = data.days[state.axis];
  const first = days.length ? epochDay(days[0]) : epochDay(today());
  // Up to the last day with a change: nothing can change later on either axis (no change is dated in the future),
  // so the view as of that day is the view as of now.
  const last = days.length ? epochDay(days[days.length - 1]) : epochDay(today());
  // From one day before the first change: the view before anything was claimed.
  return {min: first - 1, max: last};
}

function syncTimeControls() {
  const {min, max} = sliderBounds();
  const slider = $('day-slider');
  slider.min = String(min);
  slider.max = String(max);
  const value = state.asOf ? Math.min(Math.max(epochDay(state.asOf), min), max) : max;
  slider.value = String(value);
  const shown = state.asOf || `now (${dateOf(max)} was the last change)`;
  slider.setAttribute('aria-valuetext', shown);
  fill($('slider-day'), shown);
  fill($('slider-range'), `The ledger covers ${dateOf(min + 1)} to ${dateOf(max)} on ${axisName()}; `
    + `${data.days[state.axis].length} day(s) with changes are marked.`);
  const list = $('change-days');
  fill(list, data.days[state.axis].map(d => h('option', {value: String(epochDay(d)), label: d})));
  $('axis').value = state.axis;
  $('as-of').value = state.asOf;
  $('as-of').max = today();
  $('prev-change').disabled = value <= min;
  $('next-change').disabled = !data.days[state.axis].some(d => d > (state.asOf || today()));
  for (const a of document.querySelectorAll('#view-links a[data-view]')) {
    const view = a.dataset.view;
    a.href = urlOf({view});
    if (view === state.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

function setupTimeControls() {
  const slider = $('day-slider');
  let pending = null;
  // One history entry per move: the first step of a drag is pushed, the later ones replace it.
  let dragging = false;
  slider.addEventListener('input', () => {
    const date = dateOf(Number(slider.value));
    slider.setAttribute('aria-valuetext', date);
    fill($('slider-day'), date);
    clearTimeout(pending);
    pending = setTimeout(() => {
      navigate({asOf: date}, {push: !dragging});
      dragging = true;
    }, 150);
  });
  slider.addEventListener('change', () => {
    clearTimeout(pending);
    const date = dateOf(Number(slider.value));
    if (date !== state.asOf) navigate({asOf: date}, {push: !dragging});
    dragging = false;
  });
  $('as-of').addEventListener('change', event => {
    const value = event.target.value;
    if (value === '' || DATE.test(value)) navigate({asOf: value});
  });
  $('axis').addEventListener('change', event => navigate({axis: event.target.value}));
  $('time-form').addEventListener('submit', event => event.preventDefault());
  $('now').addEventListener('click', () => navigate({asOf: ''}));
  $('prev-change').addEventListener('click', () => {
    const current = state.asOf || today();
    const earlier = data.days[state.axis].filter(d => d < current);
    // Before the first change: the empty narrative.
    navigate({asOf: earlier.length ? earlier[earlier.length - 1] : dateOf(sliderBounds().min)});
  });
  $('next-change').addEventListener('click', () => {
    const current = state.asOf || today();
    const later = data.days[state.axis].find(d => d > current);
    if (later) navigate({asOf: later});
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reference data: entities (for aliases) and articles (for outlets)

async function loadEntities() {
  const {items} = await all('/api/entities', {}, 'items');
  data.entities = new Map(items.map(e => [e.id, e]));
}

async function loadArticles() {
  const {items} = await all('/api/articles', {}, 'items');
  data.articles = new Map(items.map(a => [a.id, a]));
}

// ---------------------------------------------------------------------------------------------------------------
// Pieces

const axisName = (axis = state.axis) => (axis === 'recorded' ? 'ledger time' : 'narrative time');
const asOfText = () => (state.asOf ? `as of ${state.asOf}` : 'as of now');
const readParams = () => ({asOf: state.asOf, axis: state.axis});

function statusBadge(status) {
  return h('span', {class: `status status-${String(status).toLowerCase()}`}, status);
}

function entityLink(entity) {
  if (!entity) return '';
  return link({view: 'entity', entity: entity.id}, entity.name);
}

/** A claim with its source, outlet, date and quote. */
function claimCard(claim, {role} = {}) {
  const article = data.articles.get(claim.articleId);
  data.claimIds.set(claim.id, claim.statement);
  const card = h('article', {class: 'claim', dataset: {claimId: claim.id}, 'aria-label': `Claim by ${claim.attributedTo.name}`},
    h('p', {class: 'claim-top'}, role ? h('span', {class: 'role'}, role) : null, statusBadge(claim.status),
      claim.topic ? h('span', {class: 'topic'}, claim.topic) : null),
    h('p', {class: 'statement'}, claim.statement),
    claim.quote ? h('blockquote', {class: 'quote'}, h('p', {}, `“${claim.quote}”`)) : null,
    h('dl', {class: 'meta'},
      h('div', {}, h('dt', {}, 'Source'), h('dd', {class: 'source'}, entityLink(claim.attributedTo))),
      h('div', {}, h('dt', {}, 'Outlet'), h('dd', {class: 'outlet'},
        article ? outsideLink(article.url, article.outlet) : claim.articleId)),
      h('div', {}, h('dt', {}, 'Date'), h('dd', {class: 'date'}, h('time', {datetime: claim.assertedAt}, when(claim.assertedAt)))),
      claim.subjects.length ? h('div', {}, h('dt', {}, 'About'),
        h('dd', {}, claim.subjects.map((s, i) => [i ? ', ' : '', entityLink(s)]))) : null),
    h('p', {class: 'actions'},
      link({view: 'claim', claim: claim.id}, 'History', h('span', {class: 'visually-hidden'}, ` of claim ${claim.id}`)),
      h('button', {type: 'button', class: 'pick', 'aria-label': `Pick claim ${claim.id}`,
        onclick: () => editor && editor.pick(claim)}, 'Pick')));
  return card;
}

function disputePair(dispute) {
  return h('li', {class: 'pair'},
    h('div', {class: 'pair-sides'},
      claimCard(dispute.claim, {role: 'Claim'}),
      h('p', {class: 'versus', 'aria-hidden': 'true'}, 'vs'),
      claimCard(dispute.byClaim, {role: 'Counter-claim'})),
    h('p', {class: 'reason'}, h('strong', {}, 'Why they conflict: '), dispute.reason || '(no reason given)',
      ' ', h('span', {class: 'when'}, '— disputed ', h('time', {datetime: dispute.at}, when(dispute.at)))));
}

function aliasesOf(id) {
  const entity = data.entities.get(id);
  return entity ? entity.aliases : [];
}

function section(title, ...children) {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', {class: 'block', 'aria-labelledby': id}, h('h2', {id}, title), ...children);
}

function problemText(error) {
  if (error instanceof Problem) return `${error.title}: ${error.message}`;
  return `The ledger could not be read: ${error && error.message ? error.message : error}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Views

async function narrativeView() {
  const [current, disputed] = await Promise.all([
    all('/api/views/current', readParams(), 'claims'),
    all('/api/views/disputed', readParams(), 'disputes'),
  ]);
  const claims = current.items;
  const disputes = disputed.items;
  const counts = claims.reduce((c, claim) => ({...c, [claim.status]: (c[claim.status] || 0) + 1}), {});
  const summary = claims.length
    ? `Narrative ${asOfText()} on ${axisName()}: ${claims.length} claim(s) standing or disputed `
      + `(${counts.DISPUTED || 0} disputed), ${disputes.length} dispute(s) in force.`
    : `Nothing had been claimed ${asOfText()} on ${axisName()}.`;
  const parts = [];
  if (!claims.length) {
    parts.push(h('div', {id: 'empty-narrative', class: 'empty'},
      h('p', {}, `The ledger holds no claim ${asOfText()} on ${axisName()}.`),
      h('p', {}, 'Move the slider later, or use “Next change”.')));
    return {summary, parts};
  }
  parts.push(section('Disputes in force',
    disputes.length
      ? h('ol', {class: 'pairs', id: 'disputes'}, disputes.map(disputePair))
      : h('p', {id: 'disputes', class: 'empty'}, `No dispute in force ${asOfText()}.`)));

  const groupChoice = h('fieldset', {class: 'group-choice'}, h('legend', {}, 'Group claims'),
    ['topic', 'subject'].map(group => h('label', {},
      h('input', {type: 'radio', name: 'group', value: group, checked: state.group === group,
        onchange: () => navigate({group})}), ` by ${group}`)));
  const groups = new Map();
  for (const claim of claims) {
    const keys = state.group === 'topic'
      ? [[claim.topic || '(no topic)', null]]
      : (claim.subjects.length ? claim.subjects.map(s => [s.name, s.id]) : [['(no subject)', null]]);
    for (const [name, id] of keys) {
      if (!groups.has(name)) groups.set(name, {id, claims: []});
      groups.get(name).claims.push(claim);
    }
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].claims.length - a[1].claims.length || a[0].localeCompare(b[0]));
  parts.push(section('Claims', groupChoice,
    h('div', {class: 'groups', id: 'groups'}, sorted.map(([name, group]) => {
      const aliases = group.id ? aliasesOf(group.id) : [];
      return h('section', {class: 'group', 'aria-label': `${state.group} ${name}`},
        h('h3', {}, group.id ? entityLink({id: group.id, name}) : name,
          h('span', {class: 'count'}, ` · ${group.claims.length} claim(s)`)),
        aliases.length ? h('p', {class: 'aliases'}, 'also known as ', aliases.join(' · ')) : null,
        h('div', {class: 'cards'}, group.claims.map(c => claimCard(c))));
    }))));
  if (current.truncated) parts.push(h('p', {class: 'hint'}, 'Only the first 2,000 claims are shown.'));
  return {summary, parts};
}

const EVENT_NAMES = {
  ClaimRecorded: 'Recorded', ClaimAmended: 'Amended', ClaimDisputed: 'Disputed', DisputeWithdrawn: 'Dispute withdrawn',
  ClaimCorroborated: 'Corroborated', ClaimRetracted: 'Retracted', ClaimReviewed: 'Reviewed',
};

function eventDetail(entry) {
  const p = entry.payload || {};
  switch (entry.type) {
    case 'ClaimRecorded':
    case 'ClaimAmended':
      return [h('p', {}, p.statement), p.quote ? h('blockquote', {class: 'quote'}, h('p', {}, `“${p.quote}”`)) : null,
        p.reason ? h('p', {}, 'Reason: ', p.reason) : null];
    case 'ClaimDisputed':
    case 'DisputeWithdrawn':
    case 'ClaimCorroborated':
      return [h('p', {}, entry.type === 'ClaimCorroborated' ? 'Supported by ' : 'Contradicted by ',
        link({view: 'claim', claim: p.byClaimId}, p.byClaimId)), (p.reason || p.note) ? h('p', {}, p.reason || p.note) : null];
    case 'ClaimRetracted':
      return [h('p', {}, 'Reason: ', p.reason), p.retractedBy ? h('p', {}, 'Retracted by ',
        entityLink({id: p.retractedBy, name: (data.entities.get(p.retractedBy) || {name: p.retractedBy}).name})) : null];
    case 'ClaimReviewed':
      return [h('p', {}, `${p.rating}: `, p.explanation)];
    default:
      return [];
  }
}

async function claimView() {
  const id = state.claim;
  const path = `/api/claims/${encodeURIComponent(id)}`;
  const [latest, history] = await Promise.all([get(path), get(`${path}/history`)]);
  let claim = latest;
  let note = null;
  const start = state.axis === 'recorded' ? latest.recordedAt : latest.assertedAt;
  if (state.asOf && day(start) > state.asOf) {
    note = h('p', {class: 'notice'}, `This claim was not yet in the ledger ${asOfText()} on ${axisName()}; it is shown as it stands now.`);
  } else if (state.asOf) {
    claim = await get(path, readParams());
  }
  const related = list => list.map(r => h('li', {}, `${r.role.replace('_', ' ').toLowerCase()} `,
    link({view: 'claim', claim: r.claimId}, r.claimId), r.reason || r.note ? `: ${r.reason || r.note}` : '',
    r.withdrawn ? ' (withdrawn)' : '', ' ', h('time', {datetime: r.at}, `(${when(r.at)})`)));
  const parts = [
    h('h2', {id: 'claim-title'}, 'Claim ', h('code', {}, claim.id)),
    note,
    claimCard(claim),
    claim.retraction ? h('p', {class: 'notice'}, 'Retracted ', when(claim.retraction.at), ' by ',
      entityLink(claim.retraction.retractedBy), ': ', claim.retraction.reason) : null,
    claim.disputes.length ? section('Disputes', h('ul', {}, related(claim.disputes))) : null,
    claim.corroborations.length ? section('Corroborations', h('ul', {}, related(claim.corroborations))) : null,
    section('History',
      h('p', {class: 'hint'}, 'Every ledger entry of this claim, oldest first, with its narrative time (when it happened '
        + 'in the world) and its ledger time (when the ledger stored it).'),
      h('ol', {class: 'timeline', id: 'history'}, history.events.map(entry => h('li', {class: 'tl-entry'},
        h('h3', {}, EVENT_NAMES[entry.type] || entry.type, h('span', {class: 'seq'}, ` #${entry.sequence}`)),
        h('dl', {class: 'meta'},
          h('div', {}, h('dt', {}, 'Narrative time'), h('dd', {}, h('time', {datetime: entry.occurredAt}, when(entry.occurredAt)))),
          h('div', {}, h('dt', {}, 'Ledger time'), h('dd', {}, h('time', {datetime: entry.recordedAt}, when(entry.recordedAt)))),
          h('div', {}, h('dt', {}, 'Actor'), h('dd', {class: 'actor'}, entry.actor))),
        eventDetail(entry))))),
  ];
  return {summary: `Claim ${claim.id}: ${claim.status} ${state.asOf ? asOfText() : 'now'}.`, parts};
}

async function entityView() {
  const entity = await get(`/api/entities/${encodeURIComponent(state.entity)}`);
  const [made, about] = await Promise.all([
    get('/api/claims', {source: entity.id, limit: 100}),
    get('/api/claims', {subject: entity.id, limit: 100}),
  ]);
  const r = entity.record;
  const parts = [
    h('h2', {id: 'entity-title'}, entity.name, ' ', h('span', {class: 'kind'}, entity.kind)),
    section('Also known as', entity.aliases.length
      ? h('ul', {class: 'alias-list', id: 'aliases'}, entity.aliases.map(a => h('li', {}, a)))
      : h('p', {id: 'aliases'}, 'No other names.')),
    section('Record', h('dl', {class: 'record'},
      ['claimsMade', 'disputed', 'retracted', 'corroborated'].map(k => h('div', {},
        h('dt', {}, {claimsMade: 'Claims made', disputed: 'Disputed now', retracted: 'Retracted', corroborated: 'Corroborated'}[k]),
        h('dd', {}, String(r[k])))))),
    section('Claims it made', made.items.length ? h('div', {class: 'cards'}, made.items.map(c => claimCard(c)))
      : h('p', {}, 'None.')),
    section('Claims about it', about.items.length ? h('div', {class: 'cards'}, about.items.map(c => claimCard(c)))
      : h('p', {}, 'None.')),
  ];
  return {summary: `${entity.name} (${entity.kind}): ${r.claimsMade} claim(s) made; claims shown as they stand now.`, parts};
}

async function changesView() {
  const to = state.to || state.asOf || today();
  const from = state.from || dateOf(epochDay(to) - 1);
  const form = h('form', {class: 'inline-form', id: 'diff-form'},
    h('div', {class: 'field'}, h('label', {for: 'diff-from'}, 'From (exclusive)'),
      h('input', {id: 'diff-from', name: 'from', type: 'date', value: from})),
    h('div', {class: 'field'}, h('label', {for: 'diff-to'}, 'To (inclusive)'),
      h('input', {id: 'diff-to', name: 'to', type: 'date', value: to})),
    h('button', {type: 'submit'}, 'Show changes'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    navigate({from: form.elements.from.value, to: form.elements.to.value});
  });
  if (to < from) {
    return {summary: 'The end of the period is before its start.', parts: [form]};
  }
  const diff = await get('/api/narrative/diff', {from, to, axis: state.axis});
  const ids = new Set([...diff.recorded, ...diff.amended, ...diff.retracted,
    ...[...diff.disputed, ...diff.corroborated, ...diff.withdrawn].flatMap(d => [d.claimId, d.byClaim])]);
  const statements = new Map();
  await Promise.all([...ids].slice(0, 60).map(async id => {
    if (data.claimIds.has(id)) {
      statements.set(id, data.claimIds.get(id));
    } else {
      const claim = await get(`/api/claims/${encodeURIComponent(id)}`);
      statements.set(id, claim.statement);
    }
  }));
  const claimItem = id => h('li', {}, link({view: 'claim', claim: id}, id),
    statements.has(id) ? h('span', {class: 'statement-inline'}, ` — ${statements.get(id)}`) : null);
  const pairItem = (d, verb) => h('li', {}, link({view: 'claim', claim: d.claimId}, d.claimId), ` ${verb} `,
    link({view: 'claim', claim: d.byClaim}, d.byClaim));
  const lists = [
    ['Recorded', diff.recorded.map(claimItem)],
    ['Disputed', diff.disputed.map(d => pairItem(d, 'disputed by'))],
    ['Corroborated', diff.corroborated.map(d => pairItem(d, 'corroborated by'))],
    ['Amended', diff.amended.map(claimItem)],
    ['Retracted', diff.retracted.map(claimItem)],
    ['Disputes withdrawn', diff.withdrawn.map(d => pairItem(d, 'no longer disputed by'))],
  ];
  const total = lists.reduce((n, [, items]) => n + items.length, 0);
  const parts = [form, h('div', {id: 'diff'}, lists.map(([title, items]) =>
    section(`${title} (${items.length})`, items.length ? h('ul', {class: 'diff-list'}, items) : h('p', {class: 'hint'}, 'None.'))))];
  return {summary: `${total} change(s) after ${from} up to ${to} on ${axisName()}.`, parts};
}

async function retractedView() {
  const {items} = await all('/api/views/retracted', readParams(), 'claims');
  const parts = [items.length
    ? h('ol', {class: 'cards retracted', id: 'retracted'}, items.map(claim => h('li', {},
      claimCard(claim),
      h('p', {class: 'reason'}, h('strong', {}, 'Retracted: '), claim.retraction.reason, ' — by ',
        entityLink(claim.retraction.retractedBy), ', ', h('time', {datetime: claim.retraction.at}, when(claim.retraction.at))))))
    : h('p', {id: 'retracted', class: 'empty'}, `Nothing had been retracted ${asOfText()} on ${axisName()}.`)];
  return {summary: `${items.length} claim(s) retracted ${asOfText()} on ${axisName()}.`, parts};
}

const RENDERERS = {narrative: narrativeView, claim: claimView, entity: entityView, changes: changesView, retracted: retractedView};

async function render({focus = false} = {}) {
  const round = ++renderRound;
  syncTimeControls();
  document.body.dataset.view = state.view;
  document.body.dataset.state = 'loading';
  let result;
  try {
    result = await RENDERERS[state.view]();
  } catch (error) {
    result = {summary: problemText(error), parts: [h('p', {class: 'problem', role: 'alert'}, problemText(error))]};
  }
  if (round !== renderRound) return; // a later render superseded this one
  fill($('summary'), result.summary);
  fill($('view'), result.parts);
  document.title = `Claim Ledger — ${state.view === 'narrative' ? 'narrative' : state.view} ${asOfText()}`;
  if (editor) editor.claimsChanged(data.claimIds);
  document.body.dataset.state = 'ready';
  document.body.dataset.url = urlOf();
  if (focus) $('main').focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Ledger head and verification

let lastVerify = 0;

async function refreshHead() {
  try {
    const head = await get('/api/ledger/head');
    fill($('ledger-head'), 'Ledger head: ', h('strong', {}, `${head.size} entries`), ' · root ',
      h('code', {title: head.rootHash}, `${head.rootHash.slice(0, 12)}…`), ' · signed ',
      h('time', {datetime: head.timestamp}, when(head.timestamp)));
    if (Date.now() - lastVerify < 5000) return;
    lastVerify = Date.now();
    const verify = await get('/api/ledger/verify');
    const badge = $('ledger-badge');
    badge.className = `badge ${verify.ok ? 'badge-ok' : 'badge-bad'}`;
    fill(badge, verify.ok ? `✔ verified (${verify.size} entries)`
      : `✖ not verified: entry ${verify.firstMismatch} differs from its recorded hash`);
  } catch (error) {
    fill($('ledger-head'), problemText(error));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Live updates

let refreshTimer = null;
let needsReference = false;

function onEntry(entry) {
  const days = noteDay(entry);
  data.days.published = [...days.published].sort();
  data.days.recorded = [...days.recorded].sort();
  if (entry.type.startsWith('Entit') || entry.type.startsWith('Article')) needsReference = true;
  scheduleRefresh();
}

/** Re-reads the view shown (and, after entity or article entries, the names and outlets), a moment after the last entry. */
function scheduleRefresh(reference = false) {
  needsReference = needsReference || reference;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    if (needsReference) {
      needsReference = false;
      await Promise.all([loadEntities(), loadArticles()]).catch(() => {});
    }
    await render();
    refreshHead();
  }, 250);
}

function feedItem(entry) {
  const p = entry.payload || {};
  const text = p.statement || p.reason || p.note || p.name || p.title || '';
  return h('li', {},
    h('span', {class: 'seq'}, `#${entry.sequence} `), h('strong', {}, entry.type), ' ',
    entry.type.startsWith('Claim') || entry.type.startsWith('Dispute')
      ? link({view: 'claim', claim: entry.aggregateId}, entry.aggregateId) : h('code', {}, entry.aggregateId),
    ` by ${entry.actor}`, text ? h('span', {class: 'statement-inline'}, ` — ${text}`) : null);
}

// ---------------------------------------------------------------------------------------------------------------

async function start() {
  readUrl();
  history.replaceState(null, '', urlOf());
  setupTimeControls();
  editor = setupEditor({
    written: () => scheduleRefresh(true),
  });
  try {
    await Promise.all([loadDays(), loadEntities(), loadArticles()]);
  } catch (error) {
    fill($('summary'), problemText(error));
  }
  editor.articlesChanged(data.articles);
  await render();
  refreshHead();
  connect({
    onEntry: entry => {
      const list = $('feed');
      list.prepend(feedItem(entry));
      while (list.children.length > 50) list.lastChild.remove();
      onEntry(entry);
    },
    onState: text => fill($('feed-state'), text),
  });
}

start();
