// Money as the gateway sends it: {"minorUnits": 1234, "currency": "EUR"}. Amounts stay integers in minor units;
// formatting and parsing work on their decimal digits, never on floating point.

export function fractionDigits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

/** "12.34" for {minorUnits: 1234, currency: "EUR"}: the amount without its currency. */
export function formatAmount(money) {
  const digits = fractionDigits(money.currency);
  const negative = money.minorUnits < 0;
  const magnitude = String(Math.abs(money.minorUnits)).padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = digits > 0 ? '.' + magnitude.slice(magnitude.length - digits) : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** "EUR 12.34" for {minorUnits: 1234, currency: "EUR"}; "–" for none. */
export function formatMoney(money) {
  return money ? `${money.currency} ${formatAmount(money)}` : '–';
}

/** The minor units of a decimal amount typed by a person, e.g. "12.5" EUR → 1250; throws on anything else. */
export function parseAmount(text, currency) {
  const digits = fractionDigits(currency);
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(text.trim());
  if (!match || (match[2] ?? '').length > digits) {
    throw new Error(`"${text}" is not an amount in ${currency} with at most ${digits} decimals`);
  }
  return Number(match[1] + (match[2] ?? '').padEnd(digits, '0'));
}
