// A small line chart drawn into an <svg>: no library, nothing inline that the page's Content-Security-Policy forbids.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 120;
const PAD = { left: 42, right: 6, top: 8, bottom: 16 };

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Draws points [{x, y}] (x ascending, e.g. epoch ms) as a line with a filled area, the y axis from 0 to the largest y
 * (at least minMax), labelled with formatY; an empty series draws the axes and a note.
 */
export function drawLineChart(svg, points, { formatY = String, minMax = 1, empty = 'no data yet' } = {}) {
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.replaceChildren();
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const maxY = Math.max(minMax, ...points.map((p) => p.y));
  svg.append(
    element('line', { class: 'axis', x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: PAD.top + innerH }),
    element('line', { class: 'axis', x1: PAD.left, y1: PAD.top + innerH, x2: WIDTH - PAD.right, y2: PAD.top + innerH }),
    element('text', { class: 'tick', x: PAD.left - 3, y: PAD.top + 8, 'text-anchor': 'end' }, formatY(maxY)),
    element('text', { class: 'tick', x: PAD.left - 3, y: PAD.top + innerH, 'text-anchor': 'end' }, formatY(0)),
  );
  if (points.length === 0) {
    svg.append(element('text', { class: 'tick', x: PAD.left + innerW / 2, y: PAD.top + innerH / 2,
      'text-anchor': 'middle' }, empty));
    return;
  }
  const minX = points[0].x;
  const spanX = Math.max(1, points[points.length - 1].x - minX);
  const xy = points.map((p) => [
    PAD.left + ((p.x - minX) / spanX) * innerW,
    PAD.top + innerH - (p.y / maxY) * innerH,
  ]);
  const line = xy.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const bottom = PAD.top + innerH;
  svg.append(
    element('path', { class: 'area', d: `${line} L${xy[xy.length - 1][0].toFixed(1)},${bottom} L${xy[0][0].toFixed(1)},${bottom} Z` }),
    element('path', { class: 'line', d: line }),
  );
}
