// Time in the user's time zone. The API speaks UTC instants and local calendar dates
// ('YYYY-MM-DD'); the page shows and reads wall-clock times in the zone of the signed-in user,
// not in the zone of the browser.

const zoneFormats = new Map();

function zoneFormat(zone) {
  let format = zoneFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    zoneFormats.set(zone, format);
  }
  return format;
}

const pad = (n) => String(n).padStart(2, '0');

/** The wall-clock fields of an instant in a zone. */
export function wallClock(instant, zone) {
  const fields = {};
  for (const part of zoneFormat(zone).formatToParts(new Date(instant))) {
    fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year, month: fields.month, day: fields.day,
    hour: fields.hour % 24, minute: fields.minute, second: fields.second,
  };
}

/** The local date ('YYYY-MM-DD') of an instant in a zone. */
export function localDate(instant, zone) {
  const w = wallClock(instant, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The local time ('HH:MM', 24-hour) of an instant in a zone. */
export function localTime(instant, zone) {
  const w = wallClock(instant, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Today's date in a zone. */
export function today(zone) {
  return localDate(Date.now(), zone);
}

function offsetAt(epochMs, zone) {
  const w = wallClock(epochMs, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in a zone shows a date and time ('HH:MM'). The second pass
 * corrects the offset when the first guess lands on the other side of a daylight saving change.
 */
export function instantOf(date, time, zone) {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone);
  return new Date(guess);
}

/** An instant as the API wants it: ISO-8601 UTC without milliseconds. */
export function isoInstant(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function dateToUtc(date) {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** A local date moved by a number of days. */
export function addDays(date, days) {
  const d = dateToUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week a date falls in; weeks start on Monday. */
export function mondayOf(date) {
  const weekday = (dateToUtc(date).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The first day of the month a date falls in. */
export function firstOfMonth(date) {
  return `${date.slice(0, 7)}-01`;
}

/** The last day of the month a date falls in. */
export function lastOfMonth(date) {
  const d = dateToUtc(firstOfMonth(date));
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}

/** The dates from one date to another, both included. */
export function datesBetween(from, to) {
  const dates = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

const dayFormats = {
  long: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }),
  short: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }),
  weekday: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short' }),
  dayMonth: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }),
  full: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }),
};

/** A local date for people: 'Thursday 3 December' (long), 'Thu 3 Dec' (short) and others. */
export function formatDay(date, style = 'long') {
  return dayFormats[style].format(dateToUtc(date)).replace(',', '');
}

/** A date range for people: '30 Nov – 6 Dec 2026'. */
export function formatRange(from, to) {
  if (from === to) return formatDay(from, 'full');
  return `${formatDay(from, 'dayMonth')} – ${formatDay(to, 'full')}`;
}

/** An instant as a date and time in a zone: '3 Dec 2026, 09:30'. */
export function formatDateTime(instant, zone) {
  return `${formatDay(localDate(instant, zone), 'full')}, ${localTime(instant, zone)}`;
}

/** A duration in seconds as h:mm, the way the whole product shows durations. */
export function formatDuration(seconds) {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  return `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
}

/** A duration in seconds as h:mm:ss, for the running timer. */
export function formatElapsed(seconds) {
  const s = Math.floor(Math.max(0, seconds));
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Hours with one decimal, for chart labels: 7.5. */
export function formatHours(seconds) {
  return (Math.round(seconds / 360) / 10).toString();
}

/**
 * Reads a duration as people type it: '1:30', '1.5', '1,5', '90m', '1h 30m', '2h'. Returns
 * seconds, 0 for an empty field, or null when the text is not a duration.
 */
export function parseDuration(text) {
  const value = text.trim().toLowerCase();
  if (value === '') return 0;
  let match = value.match(/^(\d{1,3}):([0-5]\d)$/);
  if (match) return Number(match[1]) * 3600 + Number(match[2]) * 60;
  match = value.match(/^(\d{1,3}(?:[.,]\d+)?)$/);
  if (match) return Math.round(Number(match[1].replace(',', '.')) * 60) * 60;
  match = value.match(/^(?:(\d{1,3}(?:[.,]\d+)?)\s*h)?\s*(?:(\d{1,4})\s*m(?:in)?)?$/);
  if (match && (match[1] || match[2])) {
    const hours = Number((match[1] ?? '0').replace(',', '.'));
    return Math.round(hours * 60 + Number(match[2] ?? 0)) * 60;
  }
  return null;
}

/**
 * Reads a time of day as people type it: '9', '930', '0930', '9:30', '9.30', '21:05'.
 * Returns 'HH:MM', or null when the text is not a time of day.
 */
export function parseTimeOfDay(text) {
  const value = text.trim().replace('.', ':');
  const match = value.match(/^(\d{1,2}):?(\d{2})?$/);
  if (!match) return null;
  // Digits without a colon take the last two as minutes: '930' is 9:30.
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
}

/** Every time zone the browser knows, for the settings; the user's own first if it is unknown. */
export function timeZones(current) {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  if (current && !zones.includes(current)) zones.unshift(current);
  if (!zones.includes('UTC')) zones.push('UTC');
  return zones;
}
