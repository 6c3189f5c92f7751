// DOM helpers. Every string from the ledger goes into the page as a text node or an attribute value set through the
// DOM, never as markup: the ledger holds hostile strings (HostileTextTest), and the page must show them as they are.

/** h('p', {class: 'x'}, 'text', child...): an element; strings become text nodes, null/false children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces the element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** An outside link only for http(s) addresses; anything else is shown as text. */
export function outsideLink(url, text) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      return h('a', {href: parsed.href, rel: 'noopener noreferrer nofollow', target: '_blank'}, text ?? url);
    }
  } catch (e) {
    // not a URL: text below
  }
  return h('span', {}, text ?? url ?? '');
}

/** The day of an ISO instant (UTC), e.g. 2015-07-20. */
export function day(instant) {
  return instant ? String(instant).slice(0, 10) : '';
}

/** An instant for people: the day, and the time when it is not midnight UTC. */
export function when(instant) {
  if (!instant) return '';
  const s = String(instant);
  const time = s.slice(11, 19);
  return time && time !== '00:00:00' ? `${s.slice(0, 10)} ${s.slice(11, 16)} UTC` : s.slice(0, 10);
}
