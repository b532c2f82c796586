// The web terminal's reconnect schedule, run with node's test runner on the module the gateway serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const source = await readFile(new URL('../../main/resources/web/terminal/connection.js', import.meta.url), 'utf8');
const { reconnectDelay } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

const ABNORMAL = 1006;

test('backs off 1 s, 2 s, 4 s … up to 15 s, the upper half of each at random', () => {
  const ceilings = [1000, 2000, 4000, 8000, 15000, 15000];
  ceilings.forEach((ceiling, attempt) => {
    assert.equal(reconnectDelay(attempt, ABNORMAL, () => 0), ceiling / 2);
    assert.equal(reconnectDelay(attempt, ABNORMAL, () => 0.999999), ceiling);
  });
});

test('phones cut off together spread their reconnects over the window', () => {
  const delays = Array.from({ length: 1000 }, () => reconnectDelay(0, ABNORMAL));
  assert.ok(delays.every((delay) => delay >= 500 && delay <= 1000), 'within 0.5 s to 1 s');
  const slots = new Set(delays.map((delay) => Math.min(9, Math.floor((delay - 500) / 50))));
  assert.equal(slots.size, 10, 'every 50 ms slot of the window is used');
});

test('a 1013 Try Again Later waits 15 to 30 s whatever the attempt', () => {
  for (const attempt of [0, 1, 5]) {
    assert.equal(reconnectDelay(attempt, 1013, () => 0), 15000);
    assert.equal(reconnectDelay(attempt, 1013, () => 0.999999), 30000);
  }
});
