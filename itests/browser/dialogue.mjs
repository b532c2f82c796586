// The charging dialogue in a real browser: headless Chromium (the system's, no browser download) drives the operator
// dashboard and a driver's terminal page of a running gateway. Exits non-zero on any failed step and on any console
// error or uncaught exception in either page; screenshots go to $PILEGATE_SCREENSHOTS.
//
// Environment: PILEGATE_URL (http://127.0.0.1:8181), PILEGATE_OPERATOR_USER, PILEGATE_OPERATOR_PASSWORD,
// PILEGATE_TERMINAL_CREDENTIAL, PILEGATE_PILE (a simulated pile, e.g. sim-18), PILEGATE_VEHICLE (registered to the
// terminal's account), PILEGATE_OPENING_BALANCE (minor units in EUR), PILEGATE_SCREENSHOTS, CHROMIUM (optional).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
};

const base = env('PILEGATE_URL');
const pile = env('PILEGATE_PILE');
const vehicle = env('PILEGATE_VEHICLE');
const openingBalance = Number(env('PILEGATE_OPENING_BALANCE'));
const screenshots = env('PILEGATE_SCREENSHOTS');
const executablePath = process.env.CHROMIUM
  ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
if (!executablePath) {
  throw new Error('no Chromium found: install the Debian package chromium, or set CHROMIUM');
}
mkdirSync(screenshots, { recursive: true });

const STEP_TIMEOUT = 30_000;
const consoleErrors = [];

function watch(page, name) {
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(`${name}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`${name}: uncaught ${error.message}`));
}

function step(text) {
  console.log(`[browser] ${text}`);
}

/** Minor units from "EUR 12.34" as the pages show money. */
function minorUnits(text) {
  const match = /^([A-Z]{3}) (-?)(\d+)\.(\d{2})$/.exec(text.trim());
  if (!match) {
    throw new Error(`"${text}" is not an amount as the pages show it`);
  }
  return (match[2] ? -1 : 1) * Number(match[3] + match[4]);
}

/**
 * Polls check() from here until it returns a truthy value. Not page.waitForFunction: its polling evaluates code in
 * the page, which the pages' Content-Security-Policy rightly forbids.
 */
async function until(what, check) {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const result = await check();
    if (result) {
      return result;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${STEP_TIMEOUT} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForPileState(dashboard, wanted) {
  await dashboard.locator(`.pile[data-pile="${pile}"][data-state="${wanted}"]`).waitFor();
  return wanted;
}

async function energyShown(terminal) {
  return Number((await terminal.locator('#live-energy').textContent()).replace(' kWh', ''));
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const operatorContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const dashboard = await operatorContext.newPage();
  watch(dashboard, 'dashboard');
  const driverContext = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  const terminal = await driverContext.newPage();
  watch(terminal, 'terminal');
  dashboard.setDefaultTimeout(STEP_TIMEOUT);
  terminal.setDefaultTimeout(STEP_TIMEOUT);

  step('operator signs in to the dashboard');
  const response = await dashboard.goto(`${base}/dashboard`);
  const csp = response.headers()['content-security-policy'] ?? '';
  if (!csp.includes("default-src 'self'") || !csp.includes("script-src 'self'")) {
    throw new Error(`the dashboard is served without a strict Content-Security-Policy: "${csp}"`);
  }
  await dashboard.fill('#user', env('PILEGATE_OPERATOR_USER'));
  await dashboard.fill('#password', env('PILEGATE_OPERATOR_PASSWORD'));
  await dashboard.click('#sign-in-form button[type=submit]');
  const before = await waitForPileState(dashboard, 'AVAILABLE');
  step(`dashboard shows ${pile} ${before}`);
  await dashboard.locator('#simulator-card').waitFor({ state: 'visible' });

  // The terminal's WebSocket passes through here, so that the test can cut the network and refuse reconnections
  // for a while; frames go through untouched.
  const network = { down: false, sockets: [] };
  await terminal.routeWebSocket(/\/api\/terminal\/ws$/, (socket) => {
    if (network.down) {
      socket.close();
      return;
    }
    network.sockets.push([socket, socket.connectToServer()]);
  });

  step('driver signs in on the terminal');
  await terminal.goto(`${base}/terminal`);
  await terminal.fill('#credential', env('PILEGATE_TERMINAL_CREDENTIAL'));
  await terminal.click('#sign-in-form button[type=submit]');
  await terminal.locator('#view-waiting').waitFor({ state: 'visible' });

  step(`operator plugs ${vehicle} into ${pile} from the dashboard`);
  await dashboard.selectOption('#sim-pile', pile);
  await dashboard.fill('#sim-vehicle', vehicle);
  await dashboard.fill('#sim-soc', '20');
  await dashboard.click('#plug');

  step('the charging prompt appears on the terminal');
  await terminal.locator('#view-prompt').waitFor({ state: 'visible' });
  const prompted = await terminal.locator('#prompt-pile').textContent();
  if (prompted !== pile) {
    throw new Error(`the terminal was prompted for ${prompted}, not ${pile}`);
  }
  await terminal.locator('#prompt-expiry').filter({ hasText: /\d/ }).waitFor();
  await terminal.screenshot({ path: `${screenshots}/terminal-prompt.png`, fullPage: true });

  step('driver asks for 20 kWh with a budget of 30.00 and starts');
  await terminal.selectOption('#target-mode', 'kwh');
  await terminal.fill('#target-value', '20');
  await terminal.fill('#budget', '30.00');
  await terminal.click('#start');
  await terminal.locator('#view-live').waitFor({ state: 'visible' });
  await terminal.locator('#live-state', { hasText: 'CHARGING' }).waitFor();

  step('live status rises');
  const firstEnergy = await until('energy delivered', async () => {
    const energy = await energyShown(terminal);
    return energy > 0 ? energy : null;
  });
  await until('the energy to rise', async () => (await energyShown(terminal)) > firstEnergy);
  const power = await terminal.locator('#live-power').textContent();
  if (!(Number(power.replace(' kW', '')) > 0)) {
    throw new Error(`charging, but the terminal shows a power of ${power}`);
  }
  await terminal.locator('#live-chart path.line').waitFor();
  step(`terminal shows ${power}, ${await energyShown(terminal)} kWh`);

  step('the network drops for a few status intervals; the terminal reconnects and catches up');
  const seqBefore = Number(await terminal.locator('#live-seq').textContent());
  network.down = true;
  for (const [page, server] of network.sockets.splice(0)) {
    await page.close();
    await server.close();
  }
  await terminal.locator('#connection', { hasText: 'reconnecting' }).waitFor();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  network.down = false;
  // at least the two updates sent while the network was down, replayed after resume_request
  const caughtUp = await until('the missed updates replayed', async () => {
    const text = await terminal.locator('#connection').textContent();
    const match = /caught up on (\d+) update/.exec(text);
    return match && Number(match[1]) >= 2 ? text : null;
  });
  await until('updates after the drop', async () =>
    Number(await terminal.locator('#live-seq').textContent()) > seqBefore + 2);
  step(`terminal: "${caughtUp}"`);

  const charging = await waitForPileState(dashboard, 'CHARGING');
  step(`dashboard shows ${pile} ${charging}`);
  await dashboard.locator('#site-chart path.line').waitFor();
  step('the dashboard charts the power the depot plans for the charging pile');
  // a steady plan is a flat line, which has no height to be visible; the area under it has
  await dashboard.locator('#plan-chart path.area').waitFor();
  const planned = await until('planned power now', async () => {
    const text = await dashboard.locator('#plan-summary').textContent();
    const match = /^([\d.]+) kW now · until \d/.exec(text);
    return match && Number(match[1]) > 0 ? text : null;
  });
  step(`dashboard plans ${planned}`);
  await terminal.screenshot({ path: `${screenshots}/terminal.png`, fullPage: true });
  await dashboard.screenshot({ path: `${screenshots}/dashboard.png`, fullPage: true });

  step('driver stops; the fee is shown with its breakdown');
  await terminal.click('#stop');
  await terminal.locator('#view-fee').waitFor({ state: 'visible' });
  const lines = await terminal.locator('#fee-lines tr').count();
  if (lines < 1) {
    throw new Error('the fee has no lines');
  }
  const total = minorUnits(await terminal.locator('#fee-total').textContent());
  step(`fee ${total} minor units in ${lines} lines`);
  await terminal.screenshot({ path: `${screenshots}/terminal-fee.png`, fullPage: true });

  step('driver confirms the payment and sees the new balance');
  await terminal.click('#pay');
  await terminal.locator('#view-paid').waitFor({ state: 'visible' });
  await terminal.locator('#balance').filter({ hasText: /^[A-Z]{3} / }).waitFor();
  const balance = minorUnits(await terminal.locator('#balance').textContent());
  if (balance !== openingBalance - total) {
    throw new Error(`balance ${balance} after paying ${total} of ${openingBalance}`);
  }
  await terminal.screenshot({ path: `${screenshots}/terminal-paid.png`, fullPage: true });

  step('operator unplugs the vehicle; the dashboard shows the pile free again');
  await dashboard.click('#unplug');
  const after = await waitForPileState(dashboard, 'AVAILABLE');
  step(`dashboard shows ${pile} ${after}`);

  if (consoleErrors.length > 0) {
    throw new Error(`console errors:\n  ${consoleErrors.join('\n  ')}`);
  }
  step('the whole dialogue passed in the browser');
} catch (error) {
  console.error(`[browser] FAILED: ${error.stack ?? error}`);
  if (consoleErrors.length > 0) {
    console.error(`[browser] console errors:\n  ${consoleErrors.join('\n  ')}`);
  }
  for (const [index, context] of browser.contexts().entries()) {
    for (const page of context.pages()) {
      await page.screenshot({ path: `${screenshots}/failure-${index}.png`, fullPage: true }).catch(() => {});
    }
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
