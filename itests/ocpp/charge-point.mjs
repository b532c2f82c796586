// One OCPP 1.6J charge point with one connector, played by ocpp-rpc in strict mode (every message it sends or
// receives is checked against the OCPP 1.6 schemas), against a running pilegate: refused with a wrong password, then
// boot, heartbeat, status, a refused malformed message on a connection that stays open, and a whole transaction that
// the gateway starts and stops remotely, with the connection dropped and made again in the middle of it (the meter
// counting on meanwhile). Then a transaction it ran while offline, reported once it is back, its stop sent again on
// the next connection as if the answer had been lost. Before all that, security profile 2: the same Basic
// authentication over TLS (wss), trusting the gateway's certificate, refused with a wrong password and booted with the
// right one. Prints one JSON line per step; exits 0 when all is over.
import { readFileSync } from 'node:fs';
import ocppRpc from 'ocpp-rpc';

const { RPCClient } = ocppRpc;
const endpoint = process.env.PILEGATE_OCPP_URL;
const identity = process.env.PILEGATE_CHARGE_POINT;
const password = process.env.PILEGATE_CHARGE_POINT_PASSWORD;
const idTag = process.env.PILEGATE_ID_TAG;
const tlsEndpoint = process.env.PILEGATE_OCPP_TLS_URL;
const gatewayCertificate = readFileSync(process.env.PILEGATE_OCPP_CA);
const deadline = setTimeout(() => fail('the sessions did not end within 3 minutes'), 180_000);

let registerWh = 120_000;
let current = null;
let samples = 0;
let endSession = null;
let connectorStatus = 'Available';
let transactionId = null;
let meterStart = null;
let sampling = null;
let stopRefused = false;
const timeline = [];

function log(step, details = {}) {
    console.log(JSON.stringify({ step, ...details }));
}

function fail(why) {
    log('failed', { why: String(why) });
    process.exit(1);
}

function now() {
    return new Date().toISOString();
}

function sample(context) {
    return {
        timestamp: now(),
        sampledValue: [
            { value: String(registerWh), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
            { value: transactionId === null ? '0' : '11040', context, measurand: 'Power.Active.Import', unit: 'W' },
            { value: transactionId === null ? '0' : '16.0', context, measurand: 'Current.Import', phase: 'L1', unit: 'A' },
        ],
    };
}

function client(withPassword, over = endpoint) {
    return new RPCClient({
        endpoint: over, identity, password: withPassword, protocols: ['ocpp1.6'], strictMode: true, reconnect: false,
        callTimeoutMs: 20_000, wsOpts: { ca: gatewayCertificate },
    });
}

async function securityProfile2() {
    const intruder = client('not-the-password-at-all', tlsEndpoint);
    try {
        await intruder.connect();
        fail('a wrong password was let in over TLS');
    } catch (e) {
        log('tls-refused', { why: e.message });
    }
    const cp = client(password, tlsEndpoint);
    await cp.connect();
    const boot = await cp.call('BootNotification', { chargePointVendor: 'pilegate-itest', chargePointModel: 'ocpp-rpc' });
    log('tls-booted', { status: boot.status, protocol: cp.protocol });
    await cp.close();
}

async function refusedWithWrongPassword() {
    const intruder = client('not-the-password-at-all');
    try {
        await intruder.connect();
    } catch (e) {
        log('refused', { why: e.message });
        return;
    }
    fail('a wrong password was let in');
}

async function status(cp, connectorId, state) {
    connectorStatus = state;
    await cp.call('StatusNotification', { connectorId, errorCode: 'NoError', status: state, timestamp: now() });
}

function awaitInbound(cp, id) {
    return new Promise(resolve => cp.on('message', ({ message, outbound }) => {
        if (!outbound) {
            const frame = JSON.parse(message.toString());
            if (frame[1] === id) {
                resolve(frame);
            }
        }
    }));
}

function handleCentralSystem(cp) {
    cp.handle('TriggerMessage', ({ params }) => {
        setTimeout(async () => {
            if (params.requestedMessage === 'StatusNotification') {
                await status(cp, params.connectorId ?? 1, connectorStatus);
            } else if (params.requestedMessage === 'MeterValues') {
                await cp.call('MeterValues', { connectorId: params.connectorId ?? 1, meterValue: [sample('Trigger')] });
            }
        }, 50);
        return { status: 'Accepted' };
    });
    cp.handle('GetConfiguration', ({ params }) => {
        log('get-configuration', params);
        return { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] };
    });
    cp.handle('SetChargingProfile', ({ params }) => {
        log('charging-profile', { limitA: params.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit });
        return { status: 'Accepted' };
    });
    cp.handle('RemoteStartTransaction', ({ params }) => {
        log('remote-start', { idTag: params.idTag, profile: params.chargingProfile?.chargingProfilePurpose,
            limitA: params.chargingProfile?.chargingSchedule.chargingSchedulePeriod[0].limit });
        setTimeout(() => start(cp, params).catch(fail), 200);
        return { status: 'Accepted' };
    });
    cp.handle('RemoteStopTransaction', ({ params }) => {
        if (params.transactionId !== transactionId) {
            return { status: 'Rejected' };
        }
        // the first is refused, as a charger busy with the vehicle does: the gateway asks again
        if (!stopRefused) {
            stopRefused = true;
            log('remote-stop-refused', { transactionId });
            return { status: 'Rejected' };
        }
        setTimeout(() => stop(cp).then(endSession).catch(fail), 200);
        return { status: 'Accepted' };
    });
}

async function start(cp, params) {
    meterStart = registerWh;
    const answer = await cp.call('StartTransaction', { connectorId: params.connectorId ?? 1, idTag: params.idTag,
        meterStart, timestamp: now() });
    if (answer.idTagInfo.status !== 'Accepted') {
        fail('the gateway refused its own transaction: ' + JSON.stringify(answer));
    }
    transactionId = answer.transactionId;
    log('started', { transactionId, meterStart });
    await status(cp, 1, 'Charging');
    sampling = setInterval(() => {
        registerWh += 150;
        samples += 1;
        const value = sample('Sample.Periodic');
        timeline.push(value);
        // while the connection is down the meter counts on; the next sample carries the register
        current.call('MeterValues', { connectorId: 1, transactionId, meterValue: [value] })
            .catch(e => log('sample-not-sent', { why: e.message }));
        if (samples === 4) {
            reconnect().catch(fail);
        }
    }, 1000);
}

async function reconnect() {
    log('dropping');
    await current.close({ code: 1001, reason: 'network lost', awaitPending: false });
    await new Promise(resolve => setTimeout(resolve, 2500));
    current = client(password);
    handleCentralSystem(current);
    await current.connect();
    await status(current, 1, 'Charging');
    log('reconnected', { registerWh });
}

async function stop(cp) {
    clearInterval(sampling);
    const meterStop = registerWh;
    await cp.call('StopTransaction', { transactionId, meterStop, timestamp: now(), reason: 'Remote',
        transactionData: timeline.slice(-3) });
    log('stopped', { transactionId, meterStart, meterStop });
    transactionId = null;
    await status(cp, 1, 'Finishing');
}

function minutesAgo(minutes) {
    return new Date(Date.now() - minutes * 60_000).toISOString();
}

// Charged 2 kWh ten to five minutes ago while the connection was down, with the card of the same driver.
async function offlineTransaction() {
    await current.close({ code: 1001, reason: 'network lost', awaitPending: false });
    const meterStart = registerWh;
    registerWh += 2000;
    const meterStop = registerWh;
    const transactionData = [
        { timestamp: minutesAgo(10), sampledValue: [{ value: String(meterStart), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] },
        { timestamp: minutesAgo(7), sampledValue: [{ value: String(meterStart + 1200), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
            { value: '24000', measurand: 'Power.Active.Import', unit: 'W' }] },
    ];
    current = client(password);
    handleCentralSystem(current);
    await current.connect();
    const started = await current.call('StartTransaction', { connectorId: 1, idTag, meterStart, timestamp: minutesAgo(10) });
    const offlineId = started.transactionId;
    const stop = { transactionId: offlineId, idTag, meterStop, timestamp: minutesAgo(5), reason: 'Local', transactionData };
    await current.call('StopTransaction', stop);
    // the answer was lost with the connection: the stop goes again on the next one
    await current.close({ code: 1001, reason: 'network lost', awaitPending: false });
    current = client(password);
    handleCentralSystem(current);
    await current.connect();
    const again = await current.call('StopTransaction', stop);
    log('offline-reported', { transactionId: offlineId, status: started.idTagInfo.status, meterStart, meterStop,
        again: again.idTagInfo?.status });
}

async function main() {
    await securityProfile2();
    await refusedWithWrongPassword();
    const cp = client(password);
    current = cp;
    await cp.connect();
    log('connected', { protocol: cp.protocol });
    const ended = new Promise(resolve => {
        endSession = resolve;
    });
    handleCentralSystem(cp);

    const boot = await cp.call('BootNotification', { chargePointVendor: 'pilegate-itest', chargePointModel: 'ocpp-rpc' });
    if (boot.status !== 'Accepted' || !(boot.interval > 0)) {
        fail('boot not accepted: ' + JSON.stringify(boot));
    }
    log('booted', boot);
    log('heartbeat', await cp.call('Heartbeat', {}));
    await status(cp, 1, 'Available');

    const refusal = awaitInbound(cp, 'bad-1');
    cp.sendRaw(JSON.stringify([2, 'bad-1', 'StatusNotification', { connectorId: 1 }]));
    const refused = await refusal;
    if (refused[0] !== 4 || refused[2] !== 'OccurenceConstraintViolation') {
        fail('a StatusNotification without status was answered ' + JSON.stringify(refused));
    }
    log('malformed-refused', { code: refused[2], description: refused[3] });
    log('still-open', await cp.call('Heartbeat', {}));

    await status(cp, 1, 'Preparing');
    const authorized = await cp.call('Authorize', { idTag });
    if (authorized.idTagInfo.status !== 'Accepted') {
        fail('the registered vehicle was not authorized: ' + JSON.stringify(authorized));
    }
    log('authorized', { idTag });

    await ended;
    await new Promise(resolve => setTimeout(resolve, 1000));
    await status(current, 1, 'Available');
    log('unplugged');
    await offlineTransaction();
    clearTimeout(deadline);
    await current.close();
    process.exit(0);
}

main().catch(fail);
