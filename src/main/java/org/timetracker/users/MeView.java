package org.timetracker.users;

import java.time.Instant;

/** The signed-in user, with the CSRF token of the session when signed in by cookie. */
public record MeView(
    long id,
    String email,
    String name,
    String timeZone,
    String currency,
    String role,
    boolean active,
    Instant createdAt,
    String csrfToken) {

  public static MeView of(User user, String csrfToken) {
    UserView v = UserView.of(user);
    return new MeView(
        v.id(),
        v.email(),
        v.name(),
        v.timeZone(),
        v.currency(),
        v.role(),
        v.active(),
        v.createdAt(),
        csrfToken);
  }
}
