/** Projects that entries are booked on, with client, colour and hourly rate. */
package org.timetracker.projects;
