/** Accounts: the signed-in user's own settings and the admin's list of users. */
package org.timetracker.users;
