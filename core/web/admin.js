// The admin page: the admin API, read every few seconds, as tables.
const $ = (id) => document.getElementById(id);
$('url').value = `${location.protocol}//${location.hostname}:7088/admin`;
$('secret').value = sessionStorage.getItem('portunus-secret') || '';

let timer = null;

async function admin(janus, extra = {}) {
  const body = { janus, transaction: Math.random().toString(36).slice(2), admin_secret: $('secret').value, ...extra };
  const res = await fetch($('url').value, { method: 'POST', body: JSON.stringify(body) });
  const json = await res.json();
  if (json.janus === 'error') throw new Error(`${json.error.code}: ${json.error.reason}`);
  return json;
}

function table(el, header, rows) {
  el.textContent = '';
  const tr = el.insertRow();
  header.forEach((h) => { const th = document.createElement('th'); th.textContent = h; tr.appendChild(th); });
  rows.forEach((cells) => {
    const r = el.insertRow();
    cells.forEach((c) => { const td = r.insertCell(); if (c instanceof Node) td.appendChild(c); else td.textContent = c; });
  });
}

function handleLink(session, handle) {
  const a = document.createElement('a');
  a.href = '#';
  a.textContent = handle;
  a.onclick = async (e) => {
    e.preventDefault();
    const info = await admin('handle_info', { session_id: session, handle_id: handle });
    $('handle').textContent = JSON.stringify(info.info, null, 2);
  };
  return a;
}

async function refresh() {
  try {
    const [status, plugins, sessions] = await Promise.all([admin('get_status'), admin('list_plugins'), admin('list_sessions')]);
    const s = status.status;
    table($('server'), ['uptime (s)', 'sessions', 'loop threads', 'session timeout (s)', 'log level'],
      [[s.uptime_s, s.sessions, s.loop_threads, s.session_timeout, s.log_level]]);
    table($('plugins'), ['name', 'package', 'version', 'API', 'enabled', 'running', 'error'],
      plugins.plugins.map((p) => [p.name, p.package || '', p.version_string || '', p.api_version ?? '',
        p.enabled ? 'yes' : 'no', p.running ? 'yes' : 'no', p.error || '']));
    const rows = [];
    for (const id of sessions.sessions) {
      const handles = await admin('list_handles', { session_id: id });
      const cell = document.createElement('span');
      handles.handles.forEach((h, i) => { if (i) cell.append(', '); cell.append(handleLink(id, h)); });
      rows.push([id, cell]);
    }
    table($('sessions'), ['session', 'handles'], rows);
    $('status').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    $('status').textContent = `error: ${e.message}`;
  }
}

$('login').onsubmit = (e) => {
  e.preventDefault();
  sessionStorage.setItem('portunus-secret', $('secret').value);
  clearInterval(timer);
  refresh();
  timer = setInterval(refresh, 3000);
};
