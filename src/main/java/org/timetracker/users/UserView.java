package org.timetracker.users;

import java.time.Instant;

/** A user as the API shows it. */
public record UserView(
    long id,
    String email,
    String name,
    String timeZone,
    String currency,
    String role,
    boolean active,
    Instant createdAt) {

  public static UserView of(User user) {
    return new UserView(
        user.id(),
        user.email(),
        user.name(),
        user.zone().getId(),
        user.currency(),
        user.role().jsonName(),
        user.active(),
        user.createdAt());
  }
}
