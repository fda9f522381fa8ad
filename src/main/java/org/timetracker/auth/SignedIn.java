package org.timetracker.auth;

import java.time.ZoneId;
import org.timetracker.users.Role;
import org.timetracker.users.User;

/**
 * Who is making the current request and how they proved it: a session (with its CSRF token) or an
 * API token.
 */
public record SignedIn(
    long userId,
    String email,
    Role role,
    ZoneId zone,
    String currency,
    Long sessionId,
    String csrfToken) {

  static SignedIn of(User user, Long sessionId, String csrfToken) {
    return new SignedIn(
        user.id(), user.email(), user.role(), user.zone(), user.currency(), sessionId, csrfToken);
  }

  public boolean bySession() {
    return sessionId != null;
  }
}
