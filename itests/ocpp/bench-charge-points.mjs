// The charge points of the OCPP benchmark (org.pilegate.itests.bench.OcppBenchmark): one OCPP 1.6J charge point of
// one connector per line of PILEGATE_CHARGE_POINTS ("<id> <password>"), all played by ocpp-rpc in strict mode in this
// one process. Each connects, boots, reports its connector, beats at the interval the gateway gives and sends
// MeterValues every PILEGATE_SAMPLE_MS (10 s), and answers the gateway's calls; the gateway starts and stops the
// transactions remotely. Commands on stdin, one a line: "plug <id> <idTag>" (Preparing, then Authorize). Prints one
// JSON line per event with its time in ms since the epoch: "booted" once every charge point is, "started" for each
// StartTransaction accepted, "stats" every 10 s (calls made and failed), "failed" for a call that failed.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import ocppRpc from 'ocpp-rpc';

const { RPCClient } = ocppRpc;
const url = process.env.PILEGATE_OCPP_URL;
const samplePeriodMs = Number(process.env.PILEGATE_SAMPLE_MS ?? '10000');
const CONNECTING_AT_ONCE = 20;
const counts = { calls: 0, failed: 0, heartbeats: 0, meterValues: 0 };
const points = new Map();

function log(step, details = {}) {
    console.log(JSON.stringify({ step, at: Date.now(), ...details }));
}

function now() {
    return new Date().toISOString();
}

class ChargePoint {
    constructor(id, password) {
        this.id = id;
        this.registerWh = 1_000_000;
        this.transactionId = null;
        this.status = 'Available';
        this.client = new RPCClient({ endpoint: url, identity: id, password, protocols: ['ocpp1.6'],
            strictMode: true, reconnect: true, callTimeoutMs: 60_000 });
        const accepted = () => ({ status: 'Accepted' });
        this.client.handle('GetConfiguration', () => ({ configurationKey: [] }));
        this.client.handle('SetChargingProfile', accepted);
        this.client.handle('ClearChargingProfile', accepted);
        this.client.handle('ChangeAvailability', accepted);
        this.client.handle('TriggerMessage', ({ params }) => {
            setTimeout(() => (params.requestedMessage === 'MeterValues' ? this.meter('Trigger')
                : this.setStatus(this.status)).catch(() => {}), 50);
            return { status: 'Accepted' };
        });
        this.client.handle('RemoteStartTransaction', ({ params }) => {
            setTimeout(() => this.start(params.idTag).catch(() => {}), 100);
            return { status: 'Accepted' };
        });
        this.client.handle('RemoteStopTransaction', () => {
            setTimeout(() => this.stop().catch(() => {}), 100);
            return { status: 'Accepted' };
        });
    }

    async call(action, payload) {
        counts.calls += 1;
        try {
            return await this.client.call(action, payload);
        } catch (e) {
            counts.failed += 1;
            log('failed', { id: this.id, action, why: e.message });
            throw e;
        }
    }

    async setStatus(status) {
        this.status = status;
        await this.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status, timestamp: now() });
    }

    async meter(context) {
        const charging = this.transactionId !== null;
        counts.meterValues += 1;
        await this.call('MeterValues', { connectorId: 1, ...(charging ? { transactionId: this.transactionId } : {}),
            meterValue: [{ timestamp: now(), sampledValue: [
                { value: String(this.registerWh), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
                { value: charging ? '11040' : '0', context, measurand: 'Power.Active.Import', unit: 'W' },
            ] }] });
    }

    async boot() {
        await this.client.connect();
        const boot = await this.call('BootNotification', { chargePointVendor: 'pilegate-bench',
            chargePointModel: 'ocpp-rpc' });
        if (boot.status !== 'Accepted') {
            throw new Error(this.id + ': boot ' + boot.status);
        }
        await this.setStatus('Available');
        setInterval(() => {
            counts.heartbeats += 1;
            this.call('Heartbeat', {}).catch(() => {});
        }, boot.interval * 1000);
        // spread over the period, as chargers that booted at different times are
        setTimeout(() => setInterval(() => {
            if (this.transactionId !== null) {
                this.registerWh += Math.round(11040 * samplePeriodMs / 3_600_000);
            }
            this.meter('Sample.Periodic').catch(() => {});
        }, samplePeriodMs), Math.random() * samplePeriodMs);
    }

    async plug(idTag) {
        await this.setStatus('Preparing');
        await this.call('Authorize', { idTag });
    }

    async start(idTag) {
        const answer = await this.call('StartTransaction', { connectorId: 1, idTag, meterStart: this.registerWh,
            timestamp: now() });
        if (answer.idTagInfo.status === 'Accepted') {
            this.transactionId = answer.transactionId;
            log('started', { id: this.id, transactionId: answer.transactionId });
        }
        await this.setStatus('Charging');
    }

    async stop() {
        const transactionId = this.transactionId;
        this.transactionId = null;
        await this.call('StopTransaction', { transactionId, meterStop: this.registerWh, timestamp: now(),
            reason: 'Remote' });
        await this.setStatus('Finishing');
    }
}

async function main() {
    const lines = readFileSync(process.env.PILEGATE_CHARGE_POINTS, 'utf8').trim().split('\n');
    for (const line of lines) {
        const [id, password] = line.trim().split(' ');
        points.set(id, new ChargePoint(id, password));
    }
    const all = [...points.values()];
    for (let i = 0; i < all.length; i += CONNECTING_AT_ONCE) {
        await Promise.all(all.slice(i, i + CONNECTING_AT_ONCE).map(cp => cp.boot()));
    }
    log('booted', { count: all.length });
    setInterval(() => log('stats', counts), 10_000);
    createInterface({ input: process.stdin }).on('line', line => {
        const [command, id, idTag] = line.trim().split(' ');
        const cp = points.get(id);
        if (command === 'plug' && cp) {
            cp.plug(idTag).catch(() => {});
        } else {
            log('unknown-command', { line });
        }
    }).on('close', () => process.exit(0));
}

main().catch(e => {
    log('failed', { why: String(e) });
    process.exit(1);
});
