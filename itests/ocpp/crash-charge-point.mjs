// One OCPP 1.6J charge point (ocpp-rpc, strict mode) that charges through two SIGKILLs of the gateway. It boots,
// waits for the gateway to start a transaction (RemoteStartTransaction) and samples its meter every second. It
// reconnects on its own whenever the gateway is gone, its meter counting on meanwhile. The first time the gateway is
// lost it simply comes back and goes on sampling; the second time the driver stops at the charger while the gateway
// is down: the StopTransaction waits in the charge point's queue and goes out once it is connected again. Prints one
// JSON line per step; exits 0 once the stop was taken and the vehicle left.
import ocppRpc from 'ocpp-rpc';

const { RPCClient } = ocppRpc;
const deadline = setTimeout(() => fail('not done within 8 minutes'), 480_000);

let registerWh = 500_000;
let transactionId = null;
let meterStart = null;
let losses = 0;
let samplesSinceReconnect = 0;
let connectorStatus = 'Available';

function log(step, details = {}) {
    console.log(JSON.stringify({ step, ...details }));
}

function fail(why) {
    log('failed', { why: String(why) });
    process.exit(1);
}

function sample(context) {
    const charging = transactionId !== null;
    return {
        timestamp: new Date().toISOString(),
        sampledValue: [
            { value: String(registerWh), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
            { value: charging ? '11040' : '0', context, measurand: 'Power.Active.Import', unit: 'W' },
        ],
    };
}

// Calls wait in the charge point's queue while it reconnects: long enough for a gateway to restart.
const cp = new RPCClient({
    endpoint: process.env.PILEGATE_OCPP_URL, identity: process.env.PILEGATE_CHARGE_POINT,
    password: process.env.PILEGATE_CHARGE_POINT_PASSWORD, protocols: ['ocpp1.6'], strictMode: true,
    reconnect: true, callTimeoutMs: 180_000,
    backoff: { initialDelay: 300, maxDelay: 1000, factor: 2, randomisationFactor: 0 },
});

async function status(state) {
    connectorStatus = state;
    await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: state,
        timestamp: new Date().toISOString() });
}

cp.handle('TriggerMessage', ({ params }) => {
    setTimeout(() => {
        const sent = params.requestedMessage === 'MeterValues'
            ? cp.call('MeterValues', { connectorId: 1, meterValue: [sample('Trigger')] })
            : status(connectorStatus);
        sent.catch(e => log('trigger-not-answered', { why: e.message }));
    }, 50);
    return { status: 'Accepted' };
});
cp.handle('GetConfiguration', () => ({ configurationKey: [] }));
cp.handle('SetChargingProfile', () => ({ status: 'Accepted' }));
cp.handle('ClearChargingProfile', () => ({ status: 'Accepted' }));
cp.handle('ChangeAvailability', () => ({ status: 'Accepted' }));
cp.handle('RemoteStopTransaction', () => ({ status: 'Rejected' }));
cp.handle('RemoteStartTransaction', ({ params }) => {
    if (transactionId !== null || meterStart !== null) {
        log('second-remote-start');
        return { status: 'Rejected' };
    }
    setTimeout(() => start(params.idTag).catch(fail), 200);
    return { status: 'Accepted' };
});

async function start(idTag) {
    meterStart = registerWh;
    const answer = await cp.call('StartTransaction', { connectorId: 1, idTag, meterStart,
        timestamp: new Date().toISOString() });
    if (answer.idTagInfo.status !== 'Accepted') {
        fail('the gateway refused its own transaction: ' + JSON.stringify(answer));
    }
    transactionId = answer.transactionId;
    log('started', { transactionId, meterStart });
    await status('Charging');
    setInterval(() => {
        if (transactionId === null) {
            return;
        }
        registerWh += 100;
        // samples taken while the gateway is away are not kept: the next one carries the register
        if (cp.state === RPCClient.OPEN) {
            cp.call('MeterValues', { connectorId: 1, transactionId, meterValue: [sample('Sample.Periodic')] })
                .then(() => {
                    samplesSinceReconnect += 1;
                    if (losses > 0 && samplesSinceReconnect === 1) {
                        log('sampled-after-reconnect', { losses, registerWh });
                    }
                })
                .catch(e => log('sample-not-sent', { why: e.message }));
        }
    }, 1000);
}

// The driver stops at the charger while it cannot reach the gateway: the stop is queued, then the vehicle leaves.
async function stopWhileAway() {
    await new Promise(resolve => setTimeout(resolve, 1500));
    const stopped = transactionId;
    transactionId = null;
    const meterStop = registerWh;
    log('stop-queued', { transactionId: stopped, meterStart, meterStop });
    const answer = await cp.call('StopTransaction', { transactionId: stopped, idTag: process.env.PILEGATE_ID_TAG,
        meterStop, timestamp: new Date().toISOString(), reason: 'Local' });
    log('stopped', { transactionId: stopped, meterStart, meterStop, status: answer.idTagInfo?.status });
    await status('Finishing');
    await new Promise(resolve => setTimeout(resolve, 1500));
    await status('Available');
    log('unplugged');
    clearTimeout(deadline);
    await cp.close({ awaitPending: true });
    process.exit(0);
}

cp.on('disconnect', () => {
    if (transactionId === null) {
        return;
    }
    losses += 1;
    samplesSinceReconnect = 0;
    log('gateway-lost', { losses, registerWh });
    if (losses === 2) {
        stopWhileAway().catch(fail);
    }
});
cp.on('open', () => {
    if (losses > 0) {
        log('reconnected', { losses, registerWh });
    }
});

function bootNotification() {
    return cp.call('BootNotification', { chargePointVendor: 'pilegate-itest', chargePointModel: 'crash' });
}

async function main() {
    await cp.connect();
    // Pending while the gateway's sessions start: boot again after the interval it gives
    for (let boot = await bootNotification(); boot.status !== 'Accepted'; boot = await bootNotification()) {
        if (boot.status !== 'Pending') {
            fail('boot not accepted: ' + JSON.stringify(boot));
        }
        await new Promise(resolve => setTimeout(resolve, boot.interval * 1000));
    }
    log('booted');
    await status('Preparing');
    const authorized = await cp.call('Authorize', { idTag: process.env.PILEGATE_ID_TAG });
    log('authorized', { status: authorized.idTagInfo.status });
}

main().catch(fail);
