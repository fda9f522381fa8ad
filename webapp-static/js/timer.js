// The running timer, shared by the whole page: the Track screen drives it, the sidebar and the
// tab title show it on every screen. It lives on the server, so it survives a reload.

import { api } from './api.js';
import { formatElapsed } from './time.js';

let running = null;
// The server's clock minus this browser's, so elapsed time is right on a skewed laptop.
let clockOffsetMs = 0;
let ticker = null;
let screenTitle = '';
const listeners = new Set();

/** The running entry, or null. */
export function runningEntry() {
  return running;
}

/** Seconds since the running entry started. */
export function elapsedSeconds() {
  if (!running) return 0;
  return (Date.now() + clockOffsetMs - Date.parse(running.start)) / 1000;
}

/** Asks the server whether a timer runs. */
export async function loadTimer() {
  adopt(await api.get('timer'));
}

export async function startTimer(fields) {
  const entry = await api.post('timer/start', fields);
  adopt(entry);
  return entry;
}

export async function stopTimer() {
  try {
    const entry = await api.post('timer/stop');
    adopt(null, entry);
    return entry;
  } catch (error) {
    // Stopped elsewhere (another tab, a script): show what the server knows.
    if (error.code === 'conflict') await loadTimer();
    throw error;
  }
}

/** Takes a running entry changed through the entries API (description, project, tags). */
export function updateRunning(entry) {
  if (running && entry.id === running.id) adopt(entry.end ? null : entry, entry.end ? entry : null);
}

/**
 * Calls back on changes ({running, stopped}: what runs now and what just stopped) and, while a
 * timer runs, on every tick. Returns a function that stops the calls.
 */
export function onTimer(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The name of the open screen, for the tab title when no timer runs. */
export function setScreenTitle(title) {
  screenTitle = title;
  updateTitle();
}

export function forgetTimer() {
  adopt(null);
}

function adopt(entry, stopped = null) {
  running = entry ?? null;
  if (running) clockOffsetMs = running.durationSeconds * 1000 - (Date.now() - Date.parse(running.start));
  clearInterval(ticker);
  ticker = running ? setInterval(tick, 1000) : null;
  updateTitle();
  for (const listener of listeners) listener({ running, stopped, tick: false });
}

function tick() {
  updateTitle();
  for (const listener of listeners) listener({ running, stopped: null, tick: true });
}

function updateTitle() {
  const base = screenTitle ? `${screenTitle} · timetracker` : 'timetracker';
  document.title = running
    ? `${formatElapsed(elapsedSeconds())} ${running.description || 'Timer running'} · timetracker`
    : base;
}
