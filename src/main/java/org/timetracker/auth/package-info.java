/** Signing in, sessions, personal API tokens, passwords and the checks that guard every request. */
package org.timetracker.auth;
