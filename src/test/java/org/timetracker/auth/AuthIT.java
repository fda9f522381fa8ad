package org.timetracker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.timetracker.testing.ApiClient;
import org.timetracker.testing.ApiResponse;
import org.timetracker.testing.Deployments;
import org.timetracker.testing.Json;
import org.timetracker.testing.Team;
import org.timetracker.testing.TestDatabase;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource URL url;
  ApiClient server;
  Team team;

  @BeforeEach
  void connect() {
    server = ApiClient.of(url);
    team = new Team(server);
  }

  @Test
  void signingInSetsAHardenedSessionCookieAndAnswersTheUser() {
    String email = team.newUser("member", "Europe/Berlin");

    ApiResponse login = server.anonymous().login(email, Team.PASSWORD);

    assertEquals(200, login.status(), login.body());
    assertEquals(email, login.json().getJsonObject("user").getString("email"));
    assertFalse(login.json().getString("csrfToken").isBlank());
    String cookie = login.header("Set-Cookie");
    assertTrue(cookie.startsWith("tt_session="), cookie);
    String token = cookie.substring("tt_session=".length(), cookie.indexOf(';'));
    assertTrue(token.length() >= 43, "256 bits of randomness need 43 base64 characters");
    assertTrue(cookie.contains("; HttpOnly"), cookie);
    assertTrue(cookie.contains("; SameSite=Lax"), cookie);
    assertTrue(cookie.contains("; Path=/"), cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP from a direct client: " + cookie);
  }

  @Test
  void theDatabaseKeepsOnlyAHashOfTheSessionToken() throws Exception {
    String email = team.newUser("member", "UTC");
    ApiResponse login = server.anonymous().login(email, Team.PASSWORD);
    String cookie = login.header("Set-Cookie");
    String token = cookie.substring("tt_session=".length(), cookie.indexOf(';'));

    try (Connection db = TestDatabase.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) filter (where token_hash = sha256(convert_to(?, 'UTF8'))),"
                    + " count(*) filter (where row(s.*)::text like ?) from sessions s")) {
      query.setString(1, token);
      query.setString(2, "%" + token + "%");
      var rows = query.executeQuery();
      rows.next();
      assertEquals(1, rows.getInt(1), "the SHA-256 of the token is stored");
      assertEquals(0, rows.getInt(2), "the token itself is stored nowhere");
    }
  }

  @Test
  void meAnswersTheSignedInUserAndOtherwise401() {
    ApiClient member = team.member();

    ApiResponse me = member.get("/api/me");
    ApiResponse anonymous = server.anonymous().get("/api/me");

    assertEquals(200, me.status());
    assertEquals("member", me.json().getString("role"));
    assertEquals(member.csrfToken(), me.json().getString("csrfToken"));
    assertEquals(401, anonymous.status());
    assertEquals("not_signed_in", anonymous.error());
  }

  @Test
  void loggingOutEndsTheSession() {
    ApiClient member = team.member();

    ApiResponse logout = member.post("/api/auth/logout", null);

    assertEquals(204, logout.status());
    assertTrue(logout.header("Set-Cookie").contains("Max-Age=0"));
    assertEquals(401, member.get("/api/me").status());
  }

  @Test
  void aWrongEmailAndAWrongPasswordLookTheSame() {
    String email = team.newUser("member", "UTC");

    ApiResponse wrongPassword = server.anonymous().login(email, "not the password at all");
    ApiResponse wrongEmail = server.anonymous().login("nobody-" + email, "not the password at all");

    assertEquals(401, wrongPassword.status());
    assertEquals(401, wrongEmail.status());
    assertEquals(wrongPassword.body(), wrongEmail.body());
  }

  @Test
  void aWrongEmailTakesAsLongAsAWrongPassword() {
    String email = team.newUser("member", "UTC");
    long[] wrongPassword = new long[4];
    long[] wrongEmail = new long[4];

    for (int i = 0; i < 4; i++) {
      String attempt = "wrong password " + i;
      String ghost = "ghost" + i + email;
      wrongPassword[i] = timed(() -> server.anonymous().login(email, attempt));
      wrongEmail[i] = timed(() -> server.anonymous().login(ghost, attempt));
    }

    long a = median(wrongPassword);
    long b = median(wrongEmail);
    assertTrue(
        Math.abs(a - b) < Math.max(40, a / 2),
        "wrong password " + a + " ms, unknown email " + b + " ms");
  }

  @Test
  void fiveFailuresThrottleTheAccountFromThatAddressWithoutCheckingThePassword() {
    String email = team.newUser("member", "UTC");
    ApiClient client = server.anonymous();
    for (int i = 0; i < 5; i++) {
      assertEquals(401, client.login(email, "wrong password " + i).status());
    }

    ApiResponse throttled = client.login(email, Team.PASSWORD);

    assertEquals(429, throttled.status(), throttled.body());
    assertEquals("too_many_attempts", throttled.error());
    long retryAfter = Long.parseLong(throttled.header("Retry-After"));
    assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
    assertEquals(retryAfter, throttled.json().getJsonNumber("retryAfterSeconds").longValue());
    assertTrue(throttled.json().getString("message").contains("15 minutes"));
    assertEquals(200, team.admin().get("/api/me").status(), "other accounts are not affected");
  }

  @Test
  void aSuccessfulSignInForgetsEarlierFailures() {
    String email = team.newUser("member", "UTC");
    ApiClient client = server.anonymous();
    for (int i = 0; i < 4; i++) {
      client.login(email, "wrong password " + i);
    }
    assertEquals(200, client.login(email, Team.PASSWORD).status());

    for (int i = 0; i < 4; i++) {
      assertEquals(401, client.login(email, "wrong again " + i).status());
    }
    assertEquals(200, client.login(email, Team.PASSWORD).status());
  }

  @Test
  void cookieRequestsThatChangeStateNeedTheCsrfHeader() {
    ApiClient member = team.member();

    ApiResponse without =
        member.send("POST", "/api/projects", Json.of("name", "Forged"), Map.of("X-CSRF-Token", ""));
    ApiResponse wrong =
        member.send(
            "POST",
            "/api/projects",
            Json.of("name", "Forged"),
            Map.of("X-CSRF-Token", "not-the-token"));
    ApiResponse right = member.post("/api/projects", Json.of("name", "Genuine"));

    assertEquals(403, without.status());
    assertEquals("csrf_failed", without.error());
    assertEquals(403, wrong.status());
    assertEquals(201, right.status(), right.body());
    assertEquals(1, member.get("/api/projects").array().size(), "the forged ones stored nothing");
  }

  @Test
  void bearerTokensWorkEverywhereWithoutCsrfAndStopWhenRevoked() {
    ApiClient member = team.member();
    ApiResponse created =
        member.post("/api/me/tokens", Json.of("name", "script", "expiresAt", null));
    assertEquals(201, created.status(), created.body());
    String token = created.json().getString("token");
    assertTrue(token.startsWith("tt_"));
    ApiClient script = server.withToken(token);

    assertEquals(201, script.post("/api/projects", Json.of("name", "By script")).status());
    assertEquals(200, script.get("/api/me").status());
    ApiResponse listed = member.get("/api/me/tokens");
    assertFalse(listed.body().contains(token), "the token is shown only once");
    assertNotNull(listed.array().getJsonObject(0).getString("lastUsedAt"));

    assertEquals(204, member.delete("/api/me/tokens/" + created.id()).status());
    ApiResponse revoked = script.get("/api/me");
    assertEquals(401, revoked.status());
    assertEquals("Bearer", revoked.header("WWW-Authenticate"));
  }

  @Test
  void expiredTokensAndExpiriesInThePastAreRefused() throws Exception {
    ApiClient member = team.member();
    ApiResponse past =
        member.post("/api/me/tokens", Json.of("name", "old", "expiresAt", "2020-01-01T00:00:00Z"));
    ApiResponse created =
        member.post("/api/me/tokens", Json.of("name", "soon", "expiresAt", "2099-01-01T00:00:00Z"));
    try (Connection db = TestDatabase.connect();
        PreparedStatement expire =
            db.prepareStatement("update api_tokens set expires_at = now() where id = ?")) {
      expire.setLong(1, created.id());
      expire.executeUpdate();
    }

    assertEquals(400, past.status());
    assertEquals(401, server.withToken(created.json().getString("token")).get("/api/me").status());
  }

  @Test
  void sessionsEndAfterTheIdleTimeout() throws Exception {
    ApiClient member = team.member();
    assertEquals(200, member.get("/api/me").status());

    ageSessionsOf(member, "last_seen_at = now() - interval '12 hours 1 minute'");

    assertEquals(401, member.get("/api/me").status());
  }

  @Test
  void sessionsEndAfterTheAbsoluteTimeoutEvenWhenInUse() throws Exception {
    ApiClient member = team.member();

    ageSessionsOf(member, "created_at = now() - interval '30 days 1 minute'");

    assertEquals(401, member.get("/api/me").status());
  }

  @Test
  void aSessionSurvivesWithinTheIdleTimeout() throws Exception {
    ApiClient member = team.member();

    ageSessionsOf(member, "last_seen_at = now() - interval '11 hours'");

    assertEquals(200, member.get("/api/me").status());
  }

  private static void ageSessionsOf(ApiClient client, String assignment) throws Exception {
    String email = client.get("/api/me").json().getString("email");
    try (Connection db = TestDatabase.connect();
        PreparedStatement age =
            db.prepareStatement(
                "update sessions set "
                    + assignment
                    + " where user_id = (select id from users where email = ?)")) {
      age.setString(1, email);
      assertEquals(1, age.executeUpdate());
    }
  }

  private static long timed(Runnable action) {
    long started = System.nanoTime();
    action.run();
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
