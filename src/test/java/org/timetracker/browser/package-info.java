/** The web UI driven in headless Chromium, behind nginx, against the real application. */
package org.timetracker.browser;
