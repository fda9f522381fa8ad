/** What every feature stands on: configuration, the database, errors, JSON and HTTP plumbing. */
package org.timetracker.platform;
