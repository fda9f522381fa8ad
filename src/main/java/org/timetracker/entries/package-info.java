/** Time entries, the running timer, tags and the week timesheet. */
package org.timetracker.entries;
