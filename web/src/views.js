// The entity view (aliases, roles, facts with their sources) and the sources of one link.
import { badge, h } from './dom.js';

const PREDICATE = {
  SUPPLIES: ['supplies', 'is supplied by'],
  VISITED: ['visited', 'was visited by'],
  HOLDS_ROLE: ['holds a role at', 'has as'],
  MANUFACTURES: ['manufactures', 'is manufactured by'],
  USED_AGAINST: ['used weapons against', 'was attacked by'],
  LOCATED_IN: ['is located in', 'contains'],
  MENTIONS: ['mentions', 'is mentioned by'],
};

function when(e) {
  if (e.date) return e.date;
  if (e.order_year) return `ordered ${e.order_year}` + (e.delivery_years?.length ? `, delivered ${yearsText(e.delivery_years)}` : '');
  return e.year ? String(e.year) : null;
}

function yearsText(years) {
  if (!years || !years.length) return '';
  return years.length > 2 ? `${years[0]}–${years[years.length - 1]}` : years.join(', ');
}

// A source's address becomes a link only when it is an absolute http(s) URL; anything else
// (javascript:, data:, a relative path) is shown as text beside the title, never followed.
export function safeHref(url) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function statementItem(st, reports = {}) {
  const report = reports[st.source] || {};
  const title = st.title || report.title || st.source;
  const url = st.source_url || report.source_url;
  const href = safeHref(url);
  return h('div', { class: 'source' },
    h('div', { class: 'title' },
      href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, title) : title,
      url && !href ? h('span', { class: 'unsafe-url', title: 'not an http(s) address: not linked' }, ` (${url})`) : null),
    h('div', { class: 'meta' }, badge(st.status), st.published ? `published ${st.published}` : null,
      st.date ? ` · event ${st.date}` : null),
    st.evidence ? h('blockquote', {}, `“${st.evidence}”`) : null);
}

export function renderEntity(root, titleEl, data, { onOpen }) {
  titleEl.textContent = data.name || data.key;
  const rels = data.relationships || [];
  const roles = rels.filter((r) => r.type === 'HOLDS_ROLE');
  const facts = rels.filter((r) => r.type !== 'HOLDS_ROLE');
  const open = (other) => h('button', { class: 'linkish', type: 'button', onclick: () => onOpen(other.key) }, other.name || other.key);
  root.replaceChildren(
    h('p', { class: 'kv' }, h('b', {}, 'type '), data.type, h('b', {}, '  key '), data.key),
    h('p', { class: 'kv' }, h('b', {}, 'aliases '), data.aliases?.length ? data.aliases.join(', ') : '—'),
    h('h3', {}, 'Roles'),
    roles.length ? h('ul', {}, roles.map((r) => h('li', {},
      r.direction === 'out' ? [r.role || 'role', ' at ', open(r.other)] : [open(r.other), ', ', r.role || 'role'],
      ' ', badge(r.status)))) : h('p', { class: 'hint' }, 'No roles recorded.'),
    h('h3', {}, `Facts (${facts.length}${data.total_relationships > rels.length ? ` of ${data.total_relationships}` : ''})`),
    ...facts.map((r) => {
      const [fwd, back] = PREDICATE[r.type] || [r.type, r.type];
      const weapons = r.weapons?.length ? r.weapons : r.weapon ? [r.weapon] : [];
      return h('div', { class: 'fact' },
        h('div', { class: 'head' }, r.direction === 'out' ? `${fwd} ` : `${back} `, open(r.other)),
        h('div', { class: 'meta' },
          r.source_type === 'sipri' ? badge('register') : badge(r.status),
          r.disputed ? badge('disputed') : null,
          [when(r), weapons.length ? `weapons: ${weapons.join(', ')}` : null].filter(Boolean).join(' · ')),
        (r.statements || []).filter((st) => st.evidence || r.source_type !== 'sipri')
          .map((st) => statementItem(st)),
        r.source_type === 'sipri' ? h('div', { class: 'meta' }, `source: ${(r.statements || []).map(registerName).join(', ')}`) : null);
    }));
}

function registerName(st) {
  const title = st.title || st.source;
  const short = title.startsWith('Transfers of major conventional arms') ? 'SIPRI Arms Transfers Database' : title;
  return st.published ? `${short} (${st.published})` : short;
}

function registerDeal(e) {
  const parts = [
    e.weapon || (e.weapons || []).join(', '),
    e.weapon_description ? `(${e.weapon_description})` : null,
    e.number_ordered != null ? `ordered ${e.number_ordered}` : null,
    e.order_year ? `in ${e.order_year}` : null,
    e.number_delivered != null ? `delivered ${e.number_delivered}` : null,
    e.delivery_years?.length ? `in ${yearsText(e.delivery_years)}` : null,
    e.tiv_delivered != null ? `TIV ${e.tiv_delivered}` : null,
  ];
  return h('li', {}, parts.filter(Boolean).join(' '), ' ', badge(e.status));
}

export function renderLink(root, data) {
  const told = data.edges.filter((e) => e.source_type !== 'sipri');
  const deals = data.edges.filter((e) => e.source_type === 'sipri');
  const registers = new Map();
  for (const e of deals) for (const st of e.statements || []) registers.set(st.source, st);
  root.replaceChildren(
    h('h3', {}, `${data.source.name} → ${data.target.name}`),
    h('p', { class: 'hint' }, `${data.total} fact${data.total === 1 ? '' : 's'} in the window`,
      data.total > data.edges.length ? ` (first ${data.edges.length} shown)` : ''),
    ...told.map((e) => h('div', { class: 'fact' },
      h('div', { class: 'head' }, badge(e.status), e.disputed ? badge('disputed') : null,
        [(e.weapons || []).join(', '), when(e)].filter(Boolean).join(' · ') || 'no weapon named'),
      (e.statements || []).map((st) => statementItem(st)))),
    deals.length ? h('div', { class: 'fact' },
      h('div', { class: 'head' }, badge('register'), `${deals.length} register deal${deals.length === 1 ? '' : 's'}`),
      h('div', { class: 'meta' }, 'source: ', [...registers.values()].map(registerName).join('; ')),
      h('ul', {}, deals.map(registerDeal))) : null);
}

function figures(e) {
  const years = e.first_year == null ? '' : e.first_year === e.last_year || e.last_year == null
    ? ` · ${e.first_year}` : ` · ${e.first_year}–${e.last_year}`;
  return `${e.deals} deal${e.deals === 1 ? '' : 's'} · TIV ${e.tiv_delivered}${years}`;
}

/** Supply tiers from /chains?view=tiers: hop by hop, each entity with its deals, delivered TIV,
 *  years and the entities of the tier before it supplies (upstream) or is supplied by (downstream). */
export function renderTiers(root, answers, { onOpen }) {
  const open = (key, name) => h('button', { class: 'linkish', type: 'button', onclick: () => onOpen(key) }, name || key);
  const blocks = answers.map(({ direction, tiers }) => {
    const up = direction === 'upstream';
    return h('div', { class: 'tiers', 'data-direction': direction },
      h('h3', {}, up ? 'Suppliers, hop by hop' : 'Recipients, hop by hop'),
      tiers.length ? tiers.map((tier) => h('div', { class: 'tier', 'data-hop': String(tier.hop) },
        h('h4', {}, `Hop ${tier.hop}: ${tier.total} ${up ? 'supplier' : 'recipient'}${tier.total === 1 ? '' : 's'}`),
        h('ol', {}, tier.entities.map((e) => h('li', { 'data-key': e.key },
          open(e.key, e.name), ' ', h('span', { class: 'hint' }, figures(e)),
          h('span', { class: 'hint' }, up ? ' → supplies ' : ' ← from ',
            (up ? e.feeds : e.fed_by).map((f) => `${f.name || f.key} (${f.deals})`).join(', '))))),
        tier.total > tier.entities.length ? h('p', { class: 'hint' }, `and ${tier.total - tier.entities.length} more`) : null))
        : h('p', { class: 'hint' }, 'None in this window.'));
  });
  root.replaceChildren(...blocks);
}
