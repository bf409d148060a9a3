// Genre Stream dashboard: plain DOM + SVG, no library, nothing downloaded at run time.
// Every string that comes from the data is put into the page with textContent or setAttribute, never as HTML.
'use strict';

const MAX_TRACKS = 20;        // rows of the recent-verdicts table
const MAX_CHANGES = 15;       // rows of the genre-change list
const TIMELINE_POINTS = 500;  // points kept for the charted stream (the server keeps as many by default)
const SVG_NS = 'http://www.w3.org/2000/svg';
const GENRE_COLOURS = {
  blues: '#1f77b4', classical: '#8c564b', country: '#bcbd22', disco: '#e377c2', hiphop: '#ff7f0e',
  jazz: '#17becf', metal: '#414451', pop: '#d62728', reggae: '#2ca02c', rock: '#9467bd', unknown: '#9ca3af'
};

const state = {
  streams: new Map(),   // streamId -> StreamStatus
  tracks: [],           // TrackVerdict, newest first
  changes: [],          // GenreChangeView, newest first
  selected: null,       // streamId shown in the chart
  timeline: []          // TimelinePoint of the selected stream, oldest first
};

function colour(genre) {
  if (Object.prototype.hasOwnProperty.call(GENRE_COLOURS, genre)) {
    return GENRE_COLOURS[genre];
  }
  let h = 0;
  for (const c of String(genre)) {
    h = (h * 31 + c.codePointAt(0)) % 360;
  }
  return 'hsl(' + h + ', 55%, 45%)';
}

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) {
    e.textContent = String(text);
  }
  if (className) {
    e.className = className;
  }
  return e;
}

function genreChip(genre) {
  const chip = el('span', genre, 'genre');
  chip.style.background = colour(genre);
  return chip;
}

function confidenceCell(confidence) {
  const td = el('td');
  const bar = el('span', null, 'bar');
  const fill = el('span');
  fill.style.width = Math.round(Math.max(0, Math.min(1, confidence)) * 100) + '%';
  bar.appendChild(fill);
  td.appendChild(bar);
  td.appendChild(el('span', Math.round(confidence * 100) + ' %', 'num'));
  return td;
}

function ago(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 60 ? s + ' s ago' : Math.floor(s / 60) + ' min ago';
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString([], {hour12: false});
}

function seconds(s) {
  const m = Math.floor(s / 60);
  const r = Math.floor(s % 60);
  return m + ':' + String(r).padStart(2, '0');
}

function renderStreams() {
  const body = document.querySelector('#streams tbody');
  const rows = [...state.streams.values()].sort((a, b) => b.updatedAtMs - a.updatedAtMs);
  body.replaceChildren(...rows.map(s => {
    const tr = el('tr');
    tr.dataset.streamId = s.streamId;
    if (s.streamId === state.selected) {
      tr.className = 'selected';
    }
    tr.appendChild(el('td', s.streamId));
    const genre = el('td');
    genre.appendChild(genreChip(s.genre));
    tr.appendChild(genre);
    tr.appendChild(confidenceCell(s.confidence));
    tr.appendChild(el('td', seconds(s.windowEndSeconds), 'num'));
    tr.appendChild(el('td', s.changes, 'num'));
    tr.appendChild(el('td', ago(s.updatedAtMs), 'sub'));
    tr.addEventListener('click', () => select(s.streamId));
    return tr;
  }));
  document.getElementById('stream-count').textContent = String(rows.length);
  document.getElementById('streams-empty').hidden = rows.length > 0;
}

function trackLabel(t) {
  const td = el('td');
  td.appendChild(el('div', t.title || t.trackId));
  const sub = t.title ? [t.artist, t.trackId].filter(Boolean).join(' · ') : (t.artist || '');
  if (sub) {
    td.appendChild(el('div', sub, 'sub'));
  }
  td.title = t.trackId;
  return td;
}

function renderTracks() {
  const body = document.querySelector('#tracks tbody');
  body.replaceChildren(...state.tracks.map(t => {
    const tr = el('tr');
    tr.dataset.trackId = t.trackId;
    tr.appendChild(el('td', clock(t.atMs), 'sub'));
    tr.appendChild(trackLabel(t));
    const genre = el('td');
    genre.appendChild(genreChip(t.genre));
    tr.appendChild(genre);
    tr.appendChild(confidenceCell(t.confidence));
    tr.appendChild(el('td', t.segmentCount, 'num'));
    tr.appendChild(el('td', seconds(t.durationSeconds), 'num'));
    tr.appendChild(el('td', t.tieBreak === 'NONE' ? '—' : t.tieBreak, 'sub'));
    return tr;
  }));
  document.getElementById('track-count').textContent = String(state.tracks.length);
  document.getElementById('tracks-empty').hidden = state.tracks.length > 0;
}

function renderChanges() {
  const list = document.getElementById('changes');
  list.replaceChildren(...state.changes.map(c => {
    const li = el('li');
    li.appendChild(el('span', clock(c.atMs), 'sub'));
    li.appendChild(el('span', c.streamId));
    li.appendChild(genreChip(c.fromGenre));
    li.appendChild(el('span', '→'));
    li.appendChild(genreChip(c.toGenre));
    li.appendChild(el('span', 'at ' + seconds(c.atSeconds), 'sub'));
    return li;
  }));
  document.getElementById('changes-empty').hidden = state.changes.length > 0;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    e.setAttribute(k, String(v));
  }
  return e;
}

// The chart is drawn by hand: genre over time is categorical (a coloured band per run of one genre) with the
// confidence as a step line above it, which general-purpose chart libraries do not draw directly.
function renderTimeline() {
  const box = document.getElementById('timeline-chart');
  const legend = document.getElementById('timeline-legend');
  document.getElementById('timeline-stream').textContent = state.selected || 'select a stream';
  const points = state.timeline;
  if (!state.selected || points.length === 0) {
    box.replaceChildren(el('p', state.selected ? 'No verdict for this stream yet.' : 'No live stream selected.', 'empty'));
    legend.replaceChildren();
    return;
  }
  const W = 560, H = 250, left = 40, right = 12, top = 12, band = 22, bottom = 24;
  const plotH = H - top - bottom - band - 8;
  const x0 = points[0].windowEndSeconds, xn = points[points.length - 1].windowEndSeconds;
  // each verdict holds until the next one; the last one is drawn one mean step wide
  const step = points.length > 1 ? (xn - x0) / (points.length - 1) : 3;
  const x1 = xn + Math.max(step, 0.001);
  const x = s => left + (s - x0) / (x1 - x0) * (W - left - right);
  const y = c => top + (1 - Math.max(0, Math.min(1, c))) * plotH;
  const end = i => i + 1 < points.length ? points[i + 1].windowEndSeconds : x1;
  const chart = svg('svg', {viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'genre timeline'});
  for (const c of [0, 0.5, 1]) {
    chart.appendChild(svg('line', {x1: left, x2: W - right, y1: y(c), y2: y(c), stroke: '#e3e6eb'}));
    const label = svg('text', {x: left - 6, y: y(c) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#6b7280'});
    label.textContent = Math.round(c * 100) + '%';
    chart.appendChild(label);
  }
  const bandY = top + plotH + 8;
  const genres = new Set();
  let runStart = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    genres.add(p.genre);
    if (i > 0) {
      chart.appendChild(svg('line', {x1: x(p.windowEndSeconds), x2: x(p.windowEndSeconds), y1: y(points[i - 1].confidence),
        y2: y(p.confidence), stroke: '#cbd0d8', 'stroke-width': 1}));
    }
    const segment = svg('line', {class: 'point', x1: x(p.windowEndSeconds), x2: x(end(i)), y1: y(p.confidence),
      y2: y(p.confidence), stroke: colour(p.genre), 'stroke-width': 3});
    const tip = svg('title', {});
    tip.textContent = p.genre + ' ' + Math.round(p.confidence * 100) + '% at ' + seconds(p.windowEndSeconds);
    segment.appendChild(tip);
    chart.appendChild(segment);
    const last = i + 1 === points.length || points[i + 1].genre !== p.genre;
    if (last) {
      const from = points[runStart].windowEndSeconds;
      const run = svg('rect', {class: 'run', x: x(from), y: bandY, width: Math.max(x(end(i)) - x(from), 1),
        height: band, fill: colour(p.genre)});
      const runTip = svg('title', {});
      runTip.textContent = p.genre + ' from ' + seconds(from) + ' to ' + seconds(end(i));
      run.appendChild(runTip);
      chart.appendChild(run);
      if (runStart > 0) {
        chart.appendChild(svg('line', {x1: x(from), x2: x(from), y1: top, y2: bandY + band, stroke: '#111827',
          'stroke-dasharray': '3 3', 'stroke-width': 1}));
      }
      runStart = i + 1;
    }
  }
  for (const s of [x0, xn]) {
    const t = svg('text', {x: x(s), y: H - 6, 'text-anchor': s === x0 ? 'start' : 'middle', 'font-size': 11, fill: '#6b7280'});
    t.textContent = seconds(s);
    chart.appendChild(t);
  }
  box.replaceChildren(chart);
  legend.replaceChildren(...[...genres].sort().map(genreChip));
}

async function getJson(path) {
  const response = await fetch(path, {headers: {Accept: 'application/json'}});
  if (!response.ok) {
    throw new Error(path + ' answered ' + response.status);
  }
  return response.json();
}

async function select(streamId) {
  state.selected = streamId;
  state.timeline = [];
  renderStreams();
  renderTimeline();
  try {
    const timeline = await getJson('/streams/' + encodeURIComponent(streamId) + '/timeline');
    if (state.selected === streamId) {
      state.timeline = timeline.points;
      renderTimeline();
    }
  } catch (e) {
    console.warn(e);
  }
}

function onStream(status, point) {
  state.streams.set(status.streamId, status);
  if (state.selected === null) {
    select(status.streamId);
    return;
  }
  if (status.streamId === state.selected && point) {
    state.timeline.push(point);
    if (state.timeline.length > TIMELINE_POINTS) {
      state.timeline.shift();
    }
    renderTimeline();
  }
  renderStreams();
}

function onTrack(verdict) {
  state.tracks = [verdict, ...state.tracks.filter(t => t.trackId !== verdict.trackId)].slice(0, MAX_TRACKS);
  renderTracks();
}

function onChange(change) {
  state.changes = [change, ...state.changes].slice(0, MAX_CHANGES);
  const s = state.streams.get(change.streamId);
  if (s && change.atMs >= s.updatedAtMs) {
    state.streams.set(change.streamId, Object.assign({}, s, {genre: change.toGenre, changes: s.changes + 1}));
  }
  renderStreams();
  renderChanges();
}

function connect() {
  const status = document.getElementById('connection');
  const events = new EventSource('/events');
  events.onopen = () => {
    status.textContent = 'live';
    status.className = 'connection live';
  };
  events.onerror = () => {
    status.textContent = 'reconnecting';
    status.className = 'connection offline';
  };
  events.addEventListener('stream', e => {
    const data = JSON.parse(e.data);
    onStream(data.stream, data.point);
  });
  events.addEventListener('track', e => onTrack(JSON.parse(e.data).track));
  events.addEventListener('change', e => onChange(JSON.parse(e.data).change));
}

async function load() {
  connect();
  try {
    const [streams, tracks] = await Promise.all([getJson('/streams'), getJson('/tracks?limit=' + MAX_TRACKS)]);
    for (const s of streams) {
      if (!state.streams.has(s.streamId)) {
        state.streams.set(s.streamId, s);
      }
    }
    const seen = new Set(state.tracks.map(t => t.trackId));
    state.tracks = state.tracks.concat(tracks.filter(t => !seen.has(t.trackId))).slice(0, MAX_TRACKS);
    const recentChanges = streams.filter(s => s.lastChange).map(s => s.lastChange);
    state.changes = state.changes.concat(recentChanges).sort((a, b) => b.atMs - a.atMs).slice(0, MAX_CHANGES);
  } catch (e) {
    console.warn(e);
  }
  renderStreams();
  renderTracks();
  renderChanges();
  if (state.selected === null && state.streams.size > 0) {
    select([...state.streams.values()].sort((a, b) => b.updatedAtMs - a.updatedAtMs)[0].streamId);
  } else {
    renderTimeline();
  }
  setInterval(renderStreams, 5000); // keep the "updated ... ago" column current
}

load();
