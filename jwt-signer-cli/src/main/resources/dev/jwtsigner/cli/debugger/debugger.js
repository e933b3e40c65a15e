// Renders what the local server answers; it judges nothing itself (the rules live in the library).
'use strict';

const $ = (id) => document.getElementById(id);

async function check(event) {
  event.preventDefault();
  const body = {
    token: $('token').value.trim(), trust: $('trust').value, platform: $('platform').value,
    maxExpiry: $('maxExpiry').value, allowedIssuers: $('allowedIssuers').value,
    userIdClaims: $('userIdClaims').value, kid: $('kid').value, at: $('at').value.trim(),
  };
  const response = await fetch('/api/check', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  show(await response.json());
}

function show(r) {
  $('result').hidden = false;
  const verdict = $('verdict');
  const list = $('violations');
  list.replaceChildren();
  if (r.badRequest || r.error) {
    verdict.className = 'refused';
    verdict.textContent = (r.reason ? 'Cannot check: ' + r.reason + ': ' : 'Cannot check: ') + r.message;
    (r.violations || []).forEach((v) => list.append(item(v)));
    return;
  }
  let rules;
  if (r.verdict) {
    rules = r.verdict.violations;
    verdict.className = r.verdict.accepted ? 'accepted' : 'refused';
    verdict.textContent = r.verdict.accepted
      ? 'ACCEPTED' + (r.verdict.userIdClaim ? ' (user ID from ' + r.verdict.userIdClaim + ')' : '')
      : 'REFUSED: ' + rules.length + (rules.length === 1 ? ' rule' : ' rules') + ' broken';
  } else {
    rules = r.warnings;
    verdict.className = 'warnings';
    verdict.textContent = 'Signature not checked (no key given); '
      + (rules.length === 0 ? 'no other rule broken' : rules.length + (rules.length === 1 ? ' rule' : ' rules') + ' broken');
  }
  rules.forEach((v) => list.append(item(v)));
  $('header').textContent = r.header ? JSON.stringify(r.header, null, 2) : '(does not decode)';
  $('claims').textContent = r.claims ? JSON.stringify(r.claims, null, 2) : '(do not decode)';
  const l = r.lifetime;
  $('lifetime').textContent = l.human
    ? 'Lifetime ' + l.human + (l.maximumSeconds === null ? ' (Apto sets no maximum).'
      : '; the platform maximum is ' + l.maximumHuman + (l.withinMaximum ? ' (within it).' : ' (beyond it).'))
    : 'No lifetime: iat or exp is missing or not a number.';
  timeline(r.timeline, r.times);
}

function item(v) {
  const li = document.createElement('li');
  li.className = 'violation';
  li.dataset.rule = v.rule;
  const rule = document.createElement('span');
  rule.className = 'rule';
  rule.textContent = v.field + ' [' + v.rule + ']';
  const fix = document.createElement('span');
  fix.className = 'fix';
  fix.textContent = 'Fix: ' + v.fix;
  li.append(rule, ': ' + v.message, fix);
  return li;
}

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function timeline(t, times) {
  const svg = $('timeline');
  svg.replaceChildren();
  const marks = [['iat', t.iat, '#555'], ['now', t.now, '#1565c0'], ['exp', t.exp, '#c62828'], ['max', t.max, '#8d6e00']]
    .filter((m) => m[1] !== null && m[1] !== undefined);
  const values = marks.map((m) => m[1]);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) { lo -= 60; hi += 60; }
  const pad = (hi - lo) * 0.08;
  lo -= pad; hi += pad;
  const x = (v) => 20 + (760 * (v - lo)) / (hi - lo);
  svg.append(el('line', { x1: 20, y1: 60, x2: 780, y2: 60, stroke: '#999', 'stroke-width': 2 }));
  if (t.iat !== null && t.exp !== null) {
    svg.append(el('rect', { id: 'timeline-life', x: Math.min(x(t.iat), x(t.exp)), y: 52,
      width: Math.abs(x(t.exp) - x(t.iat)), height: 16, fill: t.exp > t.now ? '#a5d6a7' : '#ef9a9a' }));
  }
  marks.forEach(([name, value, color], i) => {
    const g = el('g', { class: 'mark', 'data-mark': name });
    g.append(el('line', { x1: x(value), y1: 40, x2: x(value), y2: 80, stroke: color, 'stroke-width': 2 }));
    const label = name === 'max' ? 'policy max' : name;
    const date = new Date(value * 1000).toISOString().replace('.000Z', 'Z');
    g.append(el('text', { x: x(value), y: i % 2 === 0 ? 30 : 100, 'text-anchor': 'middle', fill: color }, label + ' ' + date));
    svg.append(g);
  });
}

document.addEventListener('DOMContentLoaded', () => $('form').addEventListener('submit', check));
