/** Totals over a date range, grouped by day, week, project or tag, and the CSV export. */
package org.timetracker.reports;
