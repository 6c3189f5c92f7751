// Editor mode's "propose from text": the claim finder reads an article's text (or a pasted one) and lists what it
// proposes; accepting a proposal is the ordinary claim write, carrying the proposal's id so that the claim's history
// says where it came from. Nothing is recorded until the editor accepts. Every string is shown as text.
import {post, Problem} from './api.js';
import {fill, h} from './dom.js';

const trimmed = value => (value || '').trim();

function describe(proposal) {
  const speaker = proposal.speaker || {};
  const known = speaker.entityId ? 'known entity' : `new name${speaker.kind ? `, ${speaker.kind}` : ''}`;
  const when = proposal.eventTime ? `${proposal.eventTime.from || ''}–${proposal.eventTime.to || ''} (${proposal.eventTime.text || ''})` : null;
  return [
    h('p', {class: 'proposal-quote'}, h('q', {}, proposal.quote)),
    h('p', {class: 'proposal-speaker'}, h('strong', {}, speaker.name || ''), ` (${known})`,
      proposal.cue ? ` — cue: ${proposal.cue}` : ' — the outlet’s own statement'),
    h('p', {class: 'proposal-statement'}, `Statement: ${proposal.statement}`),
    proposal.subjects && proposal.subjects.length
      ? h('p', {class: 'proposal-subjects'}, `Subjects: ${proposal.subjects.map(s => s.name).join(', ')}`) : null,
    when ? h('p', {class: 'proposal-time'}, `Event time: ${when}`) : null,
    h('p', {class: 'proposal-confidence'}, `Confidence ${Number(proposal.confidence).toFixed(2)}`),
  ];
}

export function setupFinder(container, {written}) {
  const form = h('form', {id: 'form-propose', class: 'editor-form', novalidate: true, 'aria-labelledby': 'propose-title'},
    h('h3', {id: 'propose-title'}, 'Propose from text'),
    h('p', {class: 'hint'}, 'The claim finder reads the article’s text (or a text pasted here for an article recorded ' +
      'without one) and proposes its attributed statements. Nothing is recorded until you accept one.'),
    h('div', {class: 'form-message', tabindex: '-1', role: 'alert'}),
    h('div', {class: 'field'}, h('label', {for: 'propose-articleId'}, 'Article'),
      h('select', {id: 'propose-articleId', name: 'articleId'})),
    h('div', {class: 'field'}, h('label', {for: 'propose-text'}, 'Text (optional; empty: the article’s own text)'),
      h('textarea', {id: 'propose-text', name: 'text', rows: 4})),
    h('button', {type: 'submit'}, 'Propose'));
  const results = h('section', {id: 'proposals', class: 'proposals', 'aria-label': 'Proposals', 'aria-live': 'polite'});
  container.append(form, results);
  const message = form.querySelector('.form-message');

  function show(problem) {
    message.className = 'form-message problem';
    fill(message, h('strong', {}, `${problem.title}: `), problem.message);
  }

  async function accept(articleId, proposal, item) {
    const button = item.querySelector('button.accept');
    button.disabled = true;
    const status = item.querySelector('.proposal-status');
    try {
      const claim = await post('/api/claims', {
        articleId,
        statement: proposal.statement,
        quote: proposal.quote,
        attributedTo: proposal.speaker.name,
        subjects: (proposal.subjects || []).map(s => s.name),
        eventTime: proposal.eventTime || undefined,
        proposal: proposal.id,
      });
      item.classList.add('accepted');
      fill(status, `Recorded as claim ${claim.id}.`);
      written();
    } catch (error) {
      button.disabled = false;
      const problem = error instanceof Problem ? error : new Problem(0, {title: 'Not sent', detail: String(error)});
      fill(status, h('strong', {}, `${problem.title}: `), problem.message,
        problem.errors.length ? h('ul', {}, problem.errors.map(e => h('li', {}, `${e.field}: ${e.message}`))) : null);
    }
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    fill(message);
    message.className = 'form-message';
    const articleId = form.elements.articleId.value;
    const text = trimmed(form.elements.text.value);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const answer = await post(`/api/articles/${encodeURIComponent(articleId)}/proposals`, text ? {text} : {});
      const byId = new Map(answer.proposals.map(p => [p.id, p]));
      message.className = 'form-message done';
      fill(message, `${answer.proposals.length} proposals, ${answer.relations.length} relations stated by the text.`);
      fill(results,
        h('ol', {class: 'proposal-list'}, answer.proposals.map(proposal => {
          const item = h('li', {class: 'proposal', 'data-proposal-id': proposal.id}, describe(proposal),
            h('button', {type: 'button', class: 'accept'}, 'Accept as claim'),
            h('p', {class: 'proposal-status', role: 'status'}));
          item.querySelector('button.accept').addEventListener('click', () => accept(articleId, proposal, item));
          return item;
        })),
        answer.relations.length ? h('ul', {class: 'proposal-relations'}, answer.relations.map(r => h('li', {},
          `“${(byId.get(r.byClaim) || {}).quote || r.byClaim}” ${r.type === 'DISPUTES' ? 'disputes' : 'corroborates'} ` +
          `“${(byId.get(r.claim) || {}).quote || r.claim}” (${r.cue})`))) : null);
    } catch (error) {
      show(error instanceof Problem ? error : new Problem(0, {title: 'Not sent', detail: String(error)}));
    } finally {
      button.disabled = false;
    }
  });

  return {
    articlesChanged(map) {
      const select = form.elements.articleId;
      const chosen = select.value;
      fill(select, [...map.values()].map(a => h('option', {value: a.id}, `${a.outlet}: ${a.title}`)));
      if (chosen) select.value = chosen;
    },
  };
}
