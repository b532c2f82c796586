// The operator dashboard: every pile at a glance (polled every second), site power over time and as planned,
// sessions, wallet top-up, the tariff in force and, when the simulated depot runs, its controls. Needs an operator sign-in; the
// session lives in an HttpOnly cookie the page never sees.
import { drawLineChart } from '/assets/chart.js';
import { formatMoney, parseAmount } from '/assets/money.js';

const POLL_MS = 1000;
const SESSIONS_EVERY_POLLS = 5;
const HISTORY_MS = 10 * 60 * 1000;
const $ = (id) => document.getElementById(id);

const state = { history: [], pileIds: [], polls: 0, timer: null };

class SignedOut extends Error {}

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 401 && path !== '/api/operator/login') {
    throw new SignedOut();
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw Object.assign(new Error(json?.message ?? `${response.status} ${response.statusText}`),
      { status: response.status });
  }
  return json;
}

function problem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

function kW(watts) {
  return `${(watts / 1000).toFixed(1)} kW`;
}

function showSignIn() {
  clearTimeout(state.timer);
  $('view-app').hidden = true;
  $('sign-out').hidden = true;
  $('view-sign-in').hidden = false;
}

function showApp(user) {
  $('operator').textContent = user;
  $('view-sign-in').hidden = true;
  $('view-app').hidden = false;
  $('sign-out').hidden = false;
  poll();
  simulator();
}

/** Runs an action, reporting failures; a lapsed sign-in leads back to the sign-in form. */
async function guarded(action) {
  try {
    await action();
  } catch (error) {
    if (error instanceof SignedOut) {
      showSignIn();
      problem('Your sign-in has expired; sign in again.');
    } else {
      problem(error.message);
    }
  }
}

function renderPiles(piles) {
  const cards = piles.piles.map((pile) => {
    const card = document.createElement('div');
    card.className = 'pile';
    card.dataset.pile = pile.pile;
    card.dataset.state = pile.state;
    const name = document.createElement('div');
    name.className = 'name';
    const badge = document.createElement('span');
    badge.className = `badge ${pile.state}`;
    badge.textContent = pile.state;
    name.append(pile.pile, badge);
    const power = document.createElement('div');
    power.className = 'power';
    power.textContent = `${kW(pile.powerW)} · plug ${pile.plug}${pile.contactorClosed ? ' · live' : ''}`;
    const session = document.createElement('div');
    session.className = 'session';
    session.textContent = pile.session ? `session ${pile.session.slice(0, 8)}` : 'no session';
    card.append(name, power, session);
    if (pile.heldBackBy) {
      const held = document.createElement('div');
      held.className = 'session';
      held.textContent = `${pile.currentLimitA} A · ${pile.heldBackBy}`;
      card.append(held);
    }
    if (pile.fault) {
      const fault = document.createElement('div');
      fault.className = 'fault';
      fault.textContent = pile.fault;
      card.append(fault);
    }
    return card;
  });
  $('piles').replaceChildren(...cards);
  const charging = piles.piles.filter((pile) => pile.state === 'CHARGING').length;
  const faulted = piles.piles.filter((pile) => pile.state === 'FAULTED').length;
  $('piles-summary').textContent = `${piles.piles.length} piles · ${charging} charging · ${faulted} faulted`;
  $('site-power').textContent = kW(piles.sitePowerW);

  const now = Date.parse(piles.at);
  state.history.push({ x: now, y: piles.sitePowerW });
  state.history = state.history.filter((point) => point.x >= now - HISTORY_MS);
  drawLineChart($('site-chart'), state.history, { formatY: kW, minMax: 1000 });

  renderPlan(piles.plan);

  const ids = piles.piles.map((pile) => pile.pile);
  if (ids.join() !== state.pileIds.join()) {
    state.pileIds = ids;
    const options = () => ids.map((id) => new Option(id, id));
    $('tariff-pile').replaceChildren(...options());
    tariff();
  }
}

/** The site's planned power as steps: each slot's power held from its start to its end. */
function renderPlan(slots) {
  const points = slots.flatMap((slot) => [
    { x: Date.parse(slot.start), y: slot.powerW },
    { x: Date.parse(slot.end), y: slot.powerW },
  ]);
  drawLineChart($('plan-chart'), points, { formatY: kW, minMax: 1000, empty: 'nothing planned' });
  const until = slots.length ? new Date(slots[slots.length - 1].end) : null;
  $('plan-summary').textContent = until
    ? `${kW(slots[0].powerW)} now · until ${until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    : '';
}

async function poll() {
  clearTimeout(state.timer);
  await guarded(async () => {
    renderPiles(await api('/api/operator/piles'));
    if (state.polls % SESSIONS_EVERY_POLLS === 0) {
      await sessions();
    }
    state.polls += 1;
    state.timer = setTimeout(poll, POLL_MS);
  });
}

async function sessions() {
  const query = new URLSearchParams();
  for (const [name, id] of [['state', 'filter-state'], ['pile', 'filter-pile'], ['account', 'filter-account']]) {
    if ($(id).value.trim()) {
      query.set(name, $(id).value.trim());
    }
  }
  const result = await api(`/api/operator/sessions?${query}`);
  $('sessions-unavailable').hidden = result.available;
  $('sessions').replaceChildren(...result.sessions.map((session) => {
    const row = document.createElement('tr');
    row.append(
      cell(new Date(session.startedAt).toLocaleString()),
      cell(session.pile),
      cell(session.vehicle ?? '–'),
      cell(session.account ?? '–'),
      cell(session.state),
      cell(`${(session.deliveredWh / 1000).toFixed(2)} kWh`, 'num'),
      cell(formatMoney(session.fee), 'num'),
    );
    return row;
  }));
}

async function tariff() {
  const pile = $('tariff-pile').value;
  if (!pile) {
    return;
  }
  await guarded(async () => {
    const result = await api(`/api/operator/tariff?pile=${encodeURIComponent(pile)}`);
    $('tariff-summary').textContent = result.id
      ? `${result.id} (${result.currency}): ${result.summary ?? ''}`
      : 'No tariff in force at this pile: sessions here are free.';
    $('tariff-components').replaceChildren(...result.elements.flatMap((element) => element.components.map((c) => {
      const row = document.createElement('tr');
      row.append(cell(`${c.type.replace('_', ' ').toLowerCase()}${element.restricted ? ' (restricted)' : ''}`),
        cell(c.price, 'num'), cell(c.vat ?? '–', 'num'), cell(String(c.stepSize), 'num'));
      return row;
    })));
  });
}

// the controls' routes exist only while a simulated depot runs
async function simulator() {
  await guarded(async () => {
    const result = await api('/api/operator/simulator').catch((error) => {
      if (error.status === 404) {
        return null;
      }
      throw error;
    });
    $('simulator-card').hidden = result === null;
    if (result === null) {
      return;
    }
    const selected = $('sim-pile').value;
    $('sim-pile').replaceChildren(...result.piles.map((pile) =>
      new Option(`${pile.pile}${pile.vehicle ? ` (${pile.vehicle})` : ''}`, pile.pile)));
    if (selected) {
      $('sim-pile').value = selected;
    }
  });
}

async function simulatorAction(path, body, done) {
  await guarded(async () => {
    const pile = await api(path, body);
    $('simulator-result').textContent = done(pile);
    problem('');
    await simulator();
  });
}

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(async () => {
    const signedIn = await api('/api/operator/login', { user: $('user').value.trim(), password: $('password').value });
    $('password').value = '';
    problem('');
    showApp(signedIn.user);
  });
});
$('sign-out').addEventListener('click', () => guarded(async () => {
  await api('/api/operator/logout', {});
  showSignIn();
}));
$('session-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(sessions);
});
$('tariff-pile').addEventListener('change', tariff);
$('plug-form').addEventListener('submit', (event) => {
  event.preventDefault();
  simulatorAction('/api/operator/simulator/plug', {
    pile: $('sim-pile').value, vehicle: $('sim-vehicle').value.trim(), socPercent: Number($('sim-soc').value),
  }, (pile) => `${pile.vehicle} plugged into ${pile.pile}.`);
});
$('unplug').addEventListener('click', () => simulatorAction('/api/operator/simulator/unplug',
  { pile: $('sim-pile').value }, (pile) => `${pile.pile} unplugged.`));
$('fault-form').addEventListener('submit', (event) => {
  event.preventDefault();
  simulatorAction('/api/operator/simulator/fault', {
    pile: $('sim-pile').value, device: $('fault-device').value, fault: $('fault-kind').value,
  }, (pile) => `${$('fault-device').value} of ${pile.pile}: ${$('fault-kind').value}.`);
});
$('topup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(async () => {
    const currency = $('topup-currency').value.trim().toUpperCase();
    const result = await api('/api/operator/wallet/topup', {
      account: $('topup-account').value.trim(),
      amount: { minorUnits: parseAmount($('topup-amount').value, currency), currency },
      reference: $('topup-reference').value.trim(),
    });
    $('topup-result').textContent = `Balance of ${result.account}: ${formatMoney(result.balance)}`;
    problem('');
  });
});

guarded(async () => {
  const me = await api('/api/operator/me');
  if (me.user) {
    showApp(me.user);
  } else {
    showSignIn();
  }
});
