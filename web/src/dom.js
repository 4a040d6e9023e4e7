// Small DOM helpers: element building with text only (never innerHTML with data), and a listbox.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function badge(status) {
  if (!status) return null;
  const cls = `badge st-${String(status).toLowerCase().replace(/\s+/g, '-')}`;
  return h('span', { class: cls }, status);
}

/**
 * Keyboard behaviour of a listbox (WAI-ARIA pattern): ArrowUp/ArrowDown/Home/End move the active
 * option (aria-activedescendant on `owner`), Enter chooses it. `owner` keeps the focus.
 */
export class Listbox {
  constructor(owner, list, onChoose) {
    this.owner = owner;
    this.list = list;
    this.onChoose = onChoose;
    this.items = [];
    this.active = -1;
    owner.addEventListener('keydown', (ev) => this.key(ev));
    list.addEventListener('click', (ev) => {
      const li = ev.target.closest('[role=option]');
      if (li) this.choose(Number(li.dataset.index));
    });
  }

  set(items, render) {
    this.items = items;
    this.active = -1;
    this.list.replaceChildren(...items.map((item, i) => {
      const li = render(item, i);
      li.id = `${this.list.id}-opt-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.index = String(i);
      return li;
    }));
    this.owner.removeAttribute('aria-activedescendant');
  }

  move(i) {
    if (!this.items.length) return;
    this.active = Math.max(0, Math.min(this.items.length - 1, i));
    for (const li of this.list.children) li.setAttribute('aria-selected', String(Number(li.dataset.index) === this.active));
    const li = this.list.children[this.active];
    this.owner.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  choose(i) {
    if (i >= 0 && i < this.items.length) this.onChoose(this.items[i], i);
  }

  key(ev) {
    if (!this.items.length) return;
    const moves = { ArrowDown: this.active + 1, ArrowUp: this.active - 1, Home: 0, End: this.items.length - 1 };
    if (ev.key in moves && !(this.owner.tagName === 'INPUT' && (ev.key === 'Home' || ev.key === 'End'))) {
      ev.preventDefault();
      this.move(moves[ev.key]);
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      this.choose(this.active >= 0 ? this.active : 0);
    }
  }
}
