package org.timetracker.auth;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
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

  /** The user's columns that {@link #fromColumns} reads, for native queries joining users as u. */
  static final String USER_COLUMNS = "u.id, u.email, u.role, u.time_zone, u.currency, u.active";

  /**
   * The signed-in user from a native query row holding {@link #USER_COLUMNS} from index {@code at};
   * empty when the account is inactive.
   */
  static Optional<SignedIn> fromColumns(Object[] row, int at, Long sessionId, String csrfToken) {
    if (!(Boolean) row[at + 5]) {
      return Optional.empty();
    }
    return Optional.of(
        new SignedIn(
            ((Number) row[at]).longValue(),
            (String) row[at + 1],
            Role.valueOf(((String) row[at + 2]).toUpperCase(Locale.ROOT)),
            ZoneId.of((String) row[at + 3]),
            ((String) row[at + 4]).strip(),
            sessionId,
            csrfToken));
  }

  static SignedIn of(User user, Long sessionId, String csrfToken) {
    return new SignedIn(
        user.id(), user.email(), user.role(), user.zone(), user.currency(), sessionId, csrfToken);
  }

  public boolean bySession() {
    return sessionId != null;
  }
}
