// The driver's terminal: sign in with the terminal credential (or arrive from a pile's QR code, ?pile=<id>), answer
// the charging and association prompts, follow the session live, stop it, and pay its fee from the wallet.
import { TerminalConnection } from '/terminal/connection.js';
import { drawLineChart } from '/assets/chart.js';
import { formatAmount, formatMoney, parseAmount } from '/assets/money.js';

const CREDENTIAL_KEY = 'pilegate.terminal.credential';
const VIEWS = ['sign-in', 'waiting', 'prompt', 'live', 'fee', 'paid'];
const $ = (id) => document.getElementById(id);

const qrPile = new URLSearchParams(location.search).get('pile');
const state = {
  connection: null,
  terminal: null,
  chargingPrompt: null,
  associationPrompt: null,
  session: null,
  /** seq → status update of the current session, so replays and duplicates count once */
  updates: new Map(),
  resumingFrom: null,
  fee: null,
};

function show(view) {
  for (const name of VIEWS) {
    $(`view-${name}`).hidden = name !== view;
  }
}

function problem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

function connectionNotice(text, offline) {
  $('connection').textContent = text;
  $('connection').classList.toggle('offline', Boolean(offline));
  $('connection').hidden = !text;
}

function kW(watts) {
  return `${(watts / 1000).toFixed(1)} kW`;
}

function kWh(wattHours) {
  return `${(wattHours / 1000).toFixed(2)} kWh`;
}

/** "PT1H2M14S" → "1:02:14". */
function elapsed(duration) {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.\d+)?S)?$/.exec(duration ?? '');
  if (!match) {
    return '–';
  }
  const [h, m, s] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0));
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

function tariffCurrency() {
  const match = /\b([A-Z]{3})\b/.exec(state.chargingPrompt?.tariffSummary ?? '');
  return match ? match[1] : 'EUR';
}

function signIn(credential) {
  sessionStorage.setItem(CREDENTIAL_KEY, credential);
  $('sign-out').hidden = false;
  state.connection = new TerminalConnection(credential, {
    onFrame: receive,
    onState: connectionChanged,
    onRefused: (error) => {
      sessionStorage.removeItem(CREDENTIAL_KEY);
      $('sign-out').hidden = true;
      show('sign-in');
      problem(`Sign-in refused: ${error.message}`);
    },
  }, () => (state.session && !ended(latest()) ? [{ session: state.session, lastSeq: lastSeq() }] : []));
  state.connection.open();
}

function connectionChanged(status, detail) {
  if (status === 'connecting') {
    connectionNotice('Connecting…');
  } else if (status === 'offline') {
    connectionNotice('Connection lost — reconnecting…', true);
    state.resumingFrom = state.session ? lastSeq() : null;
  } else if (status === 'online') {
    connectionNotice(detail ? 'Back online.' : '');
  }
}

function receive(frame) {
  switch (frame.type) {
    case 'authenticated':
      state.terminal = frame.terminal;
      $('terminal-name').textContent = frame.terminal;
      problem('');
      if (!state.session && !state.chargingPrompt) {
        show('waiting');
        if (qrPile) {
          state.connection.send({ type: 'prompt_request', pile: qrPile });
        }
      }
      break;
    case 'charging_prompt':
      state.chargingPrompt = frame;
      showPrompt();
      break;
    case 'association_prompt':
      state.associationPrompt = frame;
      $('prompt-expiry').textContent = new Date(frame.expiresAt).toLocaleTimeString();
      break;
    case 'status_update':
      statusUpdate(frame);
      break;
    case 'charging_promise':
      chargingPromise(frame);
      break;
    case 'fee_notice':
      feeNotice(frame);
      break;
    case 'error':
      problem(`${frame.message} (${frame.code})`);
      $('start').disabled = false;
      $('pay').disabled = false;
      break;
    default:
      break;
  }
}

/** What the depot's plan promises: the target by the departure, or the energy by then; the fee; what holds it back. */
function chargingPromise(promise) {
  const by = promise.departure ? ` by ${new Date(promise.departure).toLocaleTimeString()}` : '';
  const energy = promise.targetMet ? `Your target will be met${by}` : `Expected${by}: ${kWh(promise.expectedEnergyWh)}`;
  const fee = promise.expectedFee ? ` for about ${formatMoney(promise.expectedFee)}` : '';
  $('live-promise').textContent = `${energy}${fee}. Now: ${promise.holdBack}.`;
  $('live-promise').hidden = false;
}

function showPrompt() {
  const prompt = state.chargingPrompt;
  $('prompt-pile').textContent = prompt.pile;
  $('prompt-vehicle').textContent = prompt.vehicle ?? 'not identified';
  $('prompt-current').textContent = prompt.maxCurrentA;
  $('prompt-tariff').textContent = prompt.tariffSummary ? `Tariff: ${prompt.tariffSummary}` : 'No tariff shown.';
  $('budget-currency').textContent = tariffCurrency();
  $('start').disabled = false;
  if (!state.session || ended(latest())) {
    show('prompt');
  }
}

function targets() {
  const result = {};
  const mode = $('target-mode').value;
  const value = Number($('target-value').value);
  if (mode === 'kwh') {
    result.energyWh = Math.round(value * 1000);
  } else if (mode === 'percent') {
    result.energyWh = Math.round((Number($('capacity').value) * 1000 * value) / 100);
  }
  if (result.energyWh !== undefined && !(result.energyWh > 0)) {
    throw new Error('the target must be more than 0');
  }
  const budget = $('budget').value.trim();
  if (budget) {
    const currency = tariffCurrency();
    result.budget = { minorUnits: parseAmount(budget, currency), currency };
  }
  const departure = $('departure').value;
  if (departure) {
    result.departure = new Date(departure).toISOString();
  }
  return result;
}

function startCharging(event) {
  event.preventDefault();
  try {
    const pile = state.chargingPrompt.pile;
    const request = { type: 'charging_request', pile, targets: targets() };
    state.session = null;
    state.updates.clear();
    state.fee = null;
    state.connection.send({
      type: 'association_request',
      pile,
      associationToken: state.associationPrompt.associationToken,
      terminal: state.terminal,
    });
    state.connection.send(request);
    $('start').disabled = true;
    problem('');
  } catch (error) {
    problem(error.message);
  }
}

function latest() {
  let newest = null;
  for (const update of state.updates.values()) {
    if (!newest || update.seq > newest.seq) {
      newest = update;
    }
  }
  return newest;
}

function lastSeq() {
  return latest()?.seq ?? 0;
}

function ended(update) {
  return Boolean(update) && ['FINISHED', 'PAID', 'FAILED'].includes(update.state);
}

function statusUpdate(update) {
  if (state.session !== update.session) {
    if (state.session && !ended(latest())) {
      return;
    }
    state.session = update.session;
    state.updates.clear();
  }
  if (state.updates.has(update.seq)) {
    return;
  }
  state.updates.set(update.seq, update);
  if (state.resumingFrom !== null) {
    const missed = [...state.updates.keys()].filter((seq) => seq > state.resumingFrom).length;
    if (missed > 0) {
      connectionNotice(`Back online — caught up on ${missed} update${missed === 1 ? '' : 's'} you missed.`);
    }
  }
  renderLive();
}

function renderLive() {
  const now = latest();
  $('live-state').textContent = now.state;
  $('live-state').className = `badge ${now.state}`;
  $('live-power').textContent = kW(now.powerW);
  $('live-energy').textContent = kWh(now.energyWh);
  $('live-elapsed').textContent = elapsed(now.elapsed);
  // replayed updates carry no estimate: the newest one that has one stands until the next
  const estimated = [...state.updates.values()].filter((update) => update.estimatedCost)
    .reduce((newest, update) => (!newest || update.seq > newest.seq ? update : newest), null);
  $('live-cost').textContent = formatMoney(estimated?.estimatedCost);
  $('live-pile').textContent = now.pile;
  $('live-seq').textContent = now.seq;
  $('stop').disabled = ended(now);
  const points = [...state.updates.values()]
    .sort((a, b) => a.seq - b.seq)
    .map((update) => ({ x: Date.parse(update.at), y: update.powerW }));
  drawLineChart($('live-chart'), points, { formatY: kW, minMax: 1000, empty: 'waiting for power' });
  if (now.state === 'PAID') {
    paid();
  } else if (now.state === 'FAILED') {
    problem('The session ended before charging started.');
    state.chargingPrompt = null;
    show('waiting');
  } else if (!state.fee || state.fee.session !== now.session) {
    show('live');
  }
}

function feeNotice(fee) {
  if (state.session && fee.session !== state.session) {
    return;
  }
  state.fee = fee;
  // the session is over: what a reconnect caught up on no longer matters
  connectionNotice('');
  const rows = fee.lines.map((line) => {
    const row = document.createElement('tr');
    // no VAT stated for the line: it is unknown, and its total is the net amount alone
    const vat = line.vat ? line.vat.minorUnits : 0;
    const total = { minorUnits: line.amountExVat.minorUnits + vat, currency: line.amountExVat.currency };
    for (const [text, numeric] of [
      [line.component.replace('_', ' ').toLowerCase(), false],
      [`${line.quantity} ${line.unit}`, true],
      [formatAmount(line.amountExVat), true],
      [line.vat ? formatAmount(line.vat) : 'unknown', true],
      [formatAmount(total), true],
    ]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      cell.className = numeric ? 'num' : '';
      row.append(cell);
    }
    return row;
  });
  $('fee-lines').replaceChildren(...rows);
  $('fee-currency').textContent = fee.total.currency;
  $('fee-total').textContent = formatMoney(fee.total);
  $('fee-total-label').textContent = fee.lines.every((line) => line.vat) ? 'Total incl. VAT' : 'Total (VAT unknown)';
  $('pay').disabled = false;
  show('fee');
}

function pay() {
  try {
    state.connection.send({ type: 'payment_confirmation', session: state.fee.session, feeId: state.fee.feeId });
    $('pay').disabled = true;
  } catch (error) {
    problem(error.message);
  }
}

async function paid() {
  show('paid');
  $('paid-amount').textContent = formatMoney(state.fee?.total);
  const currency = state.fee?.total.currency ?? 'EUR';
  try {
    const response = await fetch(`/api/terminal/wallet?currency=${encodeURIComponent(currency)}`, {
      headers: { Authorization: `Bearer ${sessionStorage.getItem(CREDENTIAL_KEY)}` },
    });
    const body = await response.json();
    $('balance').textContent = response.ok ? formatMoney(body.balance) : body.message;
  } catch (error) {
    $('balance').textContent = `unavailable (${error.message})`;
  }
}

function done() {
  state.session = null;
  state.updates.clear();
  state.fee = null;
  state.chargingPrompt = null;
  state.associationPrompt = null;
  connectionNotice('');
  show('waiting');
}

function signOut() {
  state.connection?.close();
  sessionStorage.removeItem(CREDENTIAL_KEY);
  location.reload();
}

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('credential').value.trim());
});
$('charge-form').addEventListener('submit', startCharging);
$('target-mode').addEventListener('change', () => {
  $('capacity-row').hidden = $('target-mode').value !== 'percent';
  $('target-value').disabled = $('target-mode').value === 'none';
});
$('stop').addEventListener('click', () => {
  try {
    state.connection.send({ type: 'stop_request', session: state.session });
    $('stop').disabled = true;
  } catch (error) {
    problem(error.message);
  }
});
$('pay').addEventListener('click', pay);
$('done').addEventListener('click', done);
$('sign-out').addEventListener('click', signOut);

if (qrPile) {
  $('qr-pile').textContent = qrPile;
  $('qr-pile-note').hidden = false;
}
const remembered = sessionStorage.getItem(CREDENTIAL_KEY);
if (remembered) {
  signIn(remembered);
} else {
  show('sign-in');
}
