// Editor mode: writes through the public API with the editor's bearer token, and the API's problem messages shown
// next to the fields they name (problem+json `errors: [{field, message}]`), or above the form when they name none.
import {post, Problem, token} from './api.js';
import {fill, h} from './dom.js';
import {setupFinder} from './finder.js';

const enc = encodeURIComponent;
const text = value => (value || '').trim();
const optional = value => (text(value) === '' ? undefined : text(value));

const FORMS = [
  {
    id: 'record', title: 'Record a claim', submit: 'Record claim',
    fields: [
      {name: 'articleId', label: 'Article', type: 'select', required: true},
      {name: 'statement', label: 'Statement (in your words)', type: 'textarea', required: true},
      {name: 'quote', label: 'Quote (verbatim from the article; the ledger checks it against the article’s text when it has one)', type: 'textarea'},
      {name: 'attributedTo', label: 'Source (any name or alias; a new name registers a new entity)', required: true},
      {name: 'subjects', label: 'Subjects (names or aliases, separated by commas)'},
      {name: 'topic', label: 'Topic (the question it answers, e.g. amirov-fate)'},
      {name: 'assertedAt', label: 'Asserted on (default: the article’s date)', type: 'date'},
      {name: 'id', label: 'Claim id (optional; the ledger assigns one otherwise)'},
    ],
    request: v => ({
      path: '/api/claims',
      body: {
        id: optional(v.id), articleId: text(v.articleId), statement: text(v.statement), quote: optional(v.quote),
        attributedTo: text(v.attributedTo),
        subjects: text(v.subjects) ? v.subjects.split(',').map(s => s.trim()).filter(Boolean) : undefined,
        topic: optional(v.topic), assertedAt: optional(v.assertedAt),
      },
    }),
    done: claim => `Recorded claim ${claim.id}.`,
  },
  {
    id: 'relate', title: 'Dispute or corroborate', submit: 'Record relation',
    hint: 'Pick two claims with their “Pick” buttons, or type their ids.',
    fields: [
      {name: 'claim', label: 'Claim (the one disputed or supported)', list: 'claim-ids', required: true, path: true},
      {name: 'byClaim', label: 'By claim (the one that contradicts or supports it)', list: 'claim-ids', required: true},
      {name: 'type', label: 'By claim…', type: 'radio', options: [['DISPUTES', 'disputes it'], ['CORROBORATES', 'corroborates it']]},
      {name: 'reason', label: 'Reason or note', type: 'textarea', errorNames: ['reason', 'note']},
      {name: 'at', label: 'Made public on (optional)', type: 'date'},
    ],
    request: v => {
      const corroborates = v.type === 'CORROBORATES';
      return {
        path: `/api/claims/${enc(text(v.claim))}/${corroborates ? 'corroborations' : 'disputes'}`,
        body: {byClaim: text(v.byClaim), [corroborates ? 'note' : 'reason']: optional(v.reason), at: optional(v.at)},
      };
    },
    done: (claim, v) => `${v.type === 'CORROBORATES' ? 'Corroboration' : 'Dispute'} recorded on claim ${claim.id}.`,
  },
  {
    id: 'amend', title: 'Amend a claim', submit: 'Amend claim',
    fields: [
      {name: 'claim', label: 'Claim', list: 'claim-ids', required: true, path: true},
      {name: 'statement', label: 'New statement', type: 'textarea', required: true},
      {name: 'quote', label: 'New quote (replaces the old one)', type: 'textarea'},
      {name: 'reason', label: 'Reason for the amendment', type: 'textarea', required: true},
      {name: 'at', label: 'Amended on (optional; default now)', type: 'date'},
    ],
    request: v => ({
      path: `/api/claims/${enc(text(v.claim))}/amendments`,
      body: {statement: text(v.statement), quote: optional(v.quote), reason: text(v.reason), at: optional(v.at)},
    }),
    done: claim => `Amended claim ${claim.id} (version ${claim.version}).`,
  },
  {
    id: 'retract', title: 'Retract a claim', submit: 'Retract claim',
    fields: [
      {name: 'claim', label: 'Claim', list: 'claim-ids', required: true, path: true},
      {name: 'reason', label: 'Reason for the retraction', type: 'textarea', required: true},
      {name: 'retractedBy', label: 'Retracted by (default: the claim’s source)'},
      {name: 'at', label: 'Retracted on (optional; default now)', type: 'date'},
    ],
    request: v => ({
      path: `/api/claims/${enc(text(v.claim))}/retraction`,
      body: {reason: text(v.reason), retractedBy: optional(v.retractedBy), at: optional(v.at)},
    }),
    done: claim => `Retracted claim ${claim.id}.`,
  },
];

function fieldControl(form, field) {
  const id = `${form.id}-${field.name}`;
  const errorId = `${id}-error`;
  const common = {id, name: field.name, 'aria-describedby': errorId, 'aria-required': field.required ? 'true' : null,
    'data-error-names': (field.errorNames || [field.name]).join(' ')};
  const label = [field.label, field.required ? h('span', {class: 'req'}, ' (required)') : null];
  const error = h('p', {id: errorId, class: 'field-error', hidden: true});
  if (field.type === 'radio') {
    return h('fieldset', {class: 'field radio', 'data-error-names': field.name}, h('legend', {}, field.label),
      field.options.map(([value, name], i) => h('label', {},
        h('input', {type: 'radio', name: field.name, value, checked: i === 0, 'aria-describedby': errorId}), ` ${name}`)),
      error);
  }
  let control;
  if (field.type === 'select') control = h('select', common);
  else if (field.type === 'textarea') control = h('textarea', {...common, rows: 2});
  else control = h('input', {...common, type: field.type || 'text', list: field.list || null, autocomplete: 'off'});
  return h('div', {class: 'field'}, h('label', {for: id}, label), control, error);
}

function clearErrors(formEl) {
  for (const p of formEl.querySelectorAll('.field-error')) {
    p.hidden = true;
    p.replaceChildren();
  }
  for (const el of formEl.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  fill(formEl.querySelector('.form-message'));
  formEl.querySelector('.form-message').className = 'form-message';
}

/** Shows each of the API's field errors next to its field; errors for no field of this form go above it. */
function showProblem(formEl, problem) {
  const unplaced = [];
  for (const error of problem.errors) {
    const names = [error.field, String(error.field).split(/[.[]/)[0]];
    const control = [...formEl.querySelectorAll('[data-error-names]')]
      .find(el => el.dataset.errorNames.split(' ').some(n => names.includes(n)));
    if (!control) {
      unplaced.push(error);
      continue;
    }
    const p = formEl.querySelector(`#${control.getAttribute('aria-describedby') || control.querySelector('[aria-describedby]').getAttribute('aria-describedby')}`);
    p.hidden = false;
    p.append(document.createTextNode(`${p.textContent ? ' ' : ''}${error.message}`));
    if (control.matches('input, select, textarea')) control.setAttribute('aria-invalid', 'true');
  }
  const message = formEl.querySelector('.form-message');
  message.className = 'form-message problem';
  const hint = problem.status === 401 ? ' Check the editor token above.' : problem.status === 403 ? ' This token may not write.' : '';
  fill(message, h('strong', {}, `${problem.title}: `), problem.message, hint,
    unplaced.length ? h('ul', {}, unplaced.map(e => h('li', {}, `${e.field}: ${e.message}`))) : null);
  const first = formEl.querySelector('[aria-invalid="true"]');
  (first || message).focus();
}

export function setupEditor({written}) {
  const aside = document.getElementById('editor');
  const toggle = document.getElementById('editor-toggle');
  const forms = document.getElementById('editor-forms');
  const tokenForm = document.getElementById('token-form');
  const tokenState = document.getElementById('token-state');
  const claimList = h('datalist', {id: 'claim-ids'});
  const formEls = new Map();

  const showTokenState = () => fill(tokenState, token.get()
    ? 'A token is set for this tab: writes are sent with it.'
    : 'No token set: the forms below will be refused (401).');

  function setOpen(open) {
    aside.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('editing', open);
    sessionStorage.setItem('claim-ledger.editor-open', open ? '1' : '');
  }
  toggle.addEventListener('click', () => {
    const open = aside.hidden;
    setOpen(open);
    if (open) (token.get() ? forms.querySelector('select, input, textarea') : tokenForm.elements.token).focus();
  });
  setOpen(sessionStorage.getItem('claim-ledger.editor-open') === '1');

  tokenForm.addEventListener('submit', async event => {
    event.preventDefault();
    const value = tokenForm.elements.token.value.trim();
    if (!value) {
      fill(tokenState, 'Type a token first.');
      return;
    }
    // A cheap read with the token: the ledger refuses (401) a token it does not know, whatever the request.
    const response = await fetch('/api/ledger/head', {headers: {Authorization: `Bearer ${value}`}});
    if (response.status === 401) {
      fill(tokenState, 'The ledger does not know this token; it was not kept.');
      return;
    }
    token.set(value);
    tokenForm.elements.token.value = '';
    showTokenState();
  });
  document.getElementById('forget-token').addEventListener('click', () => {
    token.clear();
    showTokenState();
  });
  showTokenState();

  forms.append(claimList);
  for (const form of FORMS) {
    const formEl = h('form', {id: `form-${form.id}`, class: 'editor-form', novalidate: true, 'aria-labelledby': `${form.id}-title`},
      h('h3', {id: `${form.id}-title`}, form.title),
      form.hint ? h('p', {class: 'hint'}, form.hint) : null,
      h('div', {class: 'form-message', tabindex: '-1', role: 'alert'}),
      form.fields.map(field => fieldControl(form, field)),
      h('button', {type: 'submit'}, form.submit));
    formEl.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(formEl);
      const values = Object.fromEntries(new FormData(formEl).entries());
      const missingPath = form.fields.find(f => f.path && !text(values[f.name]));
      if (missingPath) {
        showProblem(formEl, new Problem(0, {title: 'Missing', detail: 'choose a claim first',
          errors: [{field: missingPath.name, message: 'choose a claim (its id)'}]}));
        return;
      }
      const {path, body} = form.request(values);
      const button = formEl.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const result = await post(path, body);
        const message = formEl.querySelector('.form-message');
        message.className = 'form-message done';
        fill(message, result && result.pending
          ? `Stored in the ledger${result.id ? ` (${result.id})` : ''}; the views will show it shortly.`
          : form.done(result, values));
        for (const field of form.fields) {
          if (field.type !== 'select' && field.type !== 'radio') formEl.elements[field.name].value = '';
        }
        written();
      } catch (error) {
        showProblem(formEl, error instanceof Problem ? error
          : new Problem(0, {title: 'Not sent', detail: String(error && error.message ? error.message : error)}));
      } finally {
        button.disabled = false;
      }
    });
    formEls.set(form.id, formEl);
    forms.append(formEl);
  }

  const finder = setupFinder(forms, {written});

  return {
    articlesChanged(map) {
      finder.articlesChanged(map);
      const select = formEls.get('record').elements.articleId;
      const chosen = select.value;
      fill(select, [...map.values()].map(a => h('option', {value: a.id}, `${a.outlet}: ${a.title}`)));
      if (chosen) select.value = chosen;
    },
    claimsChanged(map) {
      fill(claimList, [...map.entries()].slice(0, 500).map(([id, statement]) => h('option', {value: id, label: statement})));
    },
    /** A claim picked from a card: the relation's first empty side (else its "by" side), and the amend/retract forms. */
    pick(claim) {
      const relate = formEls.get('relate').elements;
      const target = !text(relate.claim.value) ? relate.claim : relate.byClaim;
      target.value = claim.id;
      for (const id of ['amend', 'retract']) formEls.get(id).elements.claim.value = claim.id;
      const message = formEls.get('relate').querySelector('.form-message');
      message.className = 'form-message done';
      fill(message, `Picked ${claim.id} as “${target === relate.claim ? 'Claim' : 'By claim'}”.`);
    },
  };
}

