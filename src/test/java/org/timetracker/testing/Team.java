package org.timetracker.testing;

import java.util.UUID;

/**
 * Makes signed-in users for a test through the API, each with a fresh email, so that tests never
 * share data and can run in any order.
 */
public final class Team {
  public static final String PASSWORD = "a long enough password";

  private final ApiClient server;
  private ApiClient admin;

  public Team(ApiClient server) {
    this.server = server;
  }

  /** The first admin, signed in once per team. */
  public ApiClient admin() {
    if (admin == null) {
      admin = server.anonymous().signIn(TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
    }
    return admin;
  }

  /** A new member, signed in. */
  public ApiClient member() {
    return signedIn(newUser("member", "Europe/Berlin"));
  }

  /** A new member with the given time zone, signed in. */
  public ApiClient member(String timeZone) {
    return signedIn(newUser("member", timeZone));
  }

  /** A new admin, signed in. */
  public ApiClient newAdmin() {
    return signedIn(newUser("admin", "UTC"));
  }

  /** Creates a user and answers its email. */
  public String newUser(String role, String timeZone) {
    String email = role + "-" + UUID.randomUUID() + "@example.test";
    ApiResponse created =
        admin()
            .post(
                "/api/users",
                Json.of(
                    "email",
                    email,
                    "name",
                    "Test " + role,
                    "password",
                    PASSWORD,
                    "role",
                    role,
                    "timeZone",
                    timeZone));
    if (created.status() != 201) {
      throw new AssertionError("Creating " + email + " failed: " + created);
    }
    return email;
  }

  public ApiClient signedIn(String email) {
    return server.anonymous().signIn(email, PASSWORD);
  }
}
