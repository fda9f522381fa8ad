// A bar chart of hours, drawn as SVG by the page itself. Sizes are in viewBox units, drawn for
// the width the chart gets, so one unit is about one pixel.

import { svg } from '../dom.js';
import { formatDuration, formatHours } from '../time.js';

const HEIGHT = 240;
const MARGIN = { top: 20, right: 8, bottom: 40, left: 36 };

/**
 * bars: [{label, sublabel, title, seconds}]; returns an <svg> with a text alternative. width is
 * the room the chart gets on the page, so that its text keeps its size on a phone.
 */
export function barChart(bars, description, width) {
  const fullWidth = Math.round(Math.max(300, Math.min(1000, width)));
  const plotWidth = fullWidth - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxHours = niceCeiling(Math.max(...bars.map((bar) => bar.seconds / 3600), 1));
  const slot = plotWidth / Math.max(bars.length, 1);
  const barWidth = Math.max(2, Math.min(48, slot * 0.64));
  const y = (hours) => MARGIN.top + plotHeight - (hours / maxHours) * plotHeight;
  // Every label when they fit, otherwise every few, so they never overlap.
  const labelEvery = Math.ceil(bars.length / Math.floor(plotWidth / 38));

  const grid = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const hours = maxHours * share;
    return [
      svg('line', { class: 'grid-line', x1: MARGIN.left, x2: fullWidth - MARGIN.right, y1: y(hours), y2: y(hours) }),
      svg('text', { class: 'axis-label', x: MARGIN.left - 8, y: y(hours) + 4, 'text-anchor': 'end' }, `${+hours.toFixed(1)}h`),
    ];
  });
  const columns = bars.map((bar, index) => {
    const hours = bar.seconds / 3600;
    const x = MARGIN.left + slot * index + (slot - barWidth) / 2;
    const center = x + barWidth / 2;
    const showLabel = index % labelEvery === 0;
    return svg('g', {},
      svg('rect', {
        class: 'bar', x, y: y(hours), width: barWidth, height: Math.max(0, MARGIN.top + plotHeight - y(hours)), rx: 3,
      }, svg('title', {}, `${bar.title}: ${formatDuration(bar.seconds)}`)),
      bar.seconds > 0 && bars.length <= 16
        ? svg('text', { class: 'value-label', x: center, y: y(hours) - 6, 'text-anchor': 'middle' }, formatHours(bar.seconds))
        : null,
      showLabel ? svg('text', { class: 'axis-label', x: center, y: HEIGHT - 22, 'text-anchor': 'middle' }, bar.label) : null,
      showLabel && bar.sublabel ? svg('text', { class: 'axis-label', x: center, y: HEIGHT - 8, 'text-anchor': 'middle' }, bar.sublabel) : null);
  });
  return svg('svg', { class: 'chart', viewBox: `0 0 ${fullWidth} ${HEIGHT}`, role: 'img', 'aria-label': description },
    grid, columns);
}

// The smallest of 1, 2, 4, 5, 8 or 10 times a power of ten that holds the value: round axes.
function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 4, 5, 8, 10].find((s) => s * power >= value);
  return step * power;
}
