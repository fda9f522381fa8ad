package org.timetracker.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
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
class AccountsIT {
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
  void theFirstAdminComesFromConfiguration() {
    JsonObject me = team.admin().get("/api/me").json();

    assertEquals(TestDatabase.ADMIN_EMAIL, me.getString("email"));
    assertEquals("admin", me.getString("role"));
  }

  @Test
  void usersChangeTheirNameTimeZoneAndCurrency() {
    ApiClient member = team.member();

    ApiResponse changed =
        member.patch(
            "/api/me",
            Json.of("name", "Ada Lovelace", "timeZone", "America/New_York", "currency", "USD"));

    assertEquals(200, changed.status(), changed.body());
    JsonObject me = member.get("/api/me").json();
    assertEquals("Ada Lovelace", me.getString("name"));
    assertEquals("America/New_York", me.getString("timeZone"));
    assertEquals("USD", me.getString("currency"));
  }

  @Test
  void anUnknownTimeZoneOrCurrencyIsRefusedAndChangesNothing() {
    ApiClient member = team.member();

    ApiResponse zone = member.patch("/api/me", Json.of("name", "X", "timeZone", "Mars/Olympus"));
    ApiResponse currency = member.patch("/api/me", Json.of("currency", "EURO"));

    assertEquals(400, zone.status());
    assertTrue(zone.json().getString("message").contains("Europe/Berlin"));
    assertEquals(400, currency.status());
    assertEquals("Test member", member.get("/api/me").json().getString("name"));
  }

  @Test
  void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
    String email = team.newUser("member", "UTC");
    ApiClient laptop = team.signedIn(email);
    ApiClient phone = team.signedIn(email);

    ApiResponse wrong =
        laptop.post(
            "/api/me/password",
            Json.of("currentPassword", "not it at all", "newPassword", "a brand new password"));
    ApiResponse tooShort =
        laptop.post(
            "/api/me/password", Json.of("currentPassword", Team.PASSWORD, "newPassword", "short"));
    ApiResponse changed =
        laptop.post(
            "/api/me/password",
            Json.of("currentPassword", Team.PASSWORD, "newPassword", "a brand new password"));

    assertEquals(400, wrong.status());
    assertEquals(400, tooShort.status());
    assertTrue(tooShort.json().getString("message").contains("12"));
    assertEquals(204, changed.status(), changed.body());
    assertEquals(200, laptop.get("/api/me").status(), "this session stays");
    assertEquals(401, phone.get("/api/me").status(), "the other session ended");
    assertEquals(401, server.anonymous().login(email, Team.PASSWORD).status());
    assertEquals(200, server.anonymous().login(email, "a brand new password").status());
  }

  @Test
  void adminsListAndCreateUsers() {
    ApiClient admin = team.newAdmin();
    String email = "new-" + System.nanoTime() + "@Example.TEST";

    ApiResponse created =
        admin.post(
            "/api/users",
            Json.of(
                "email", email, "name", "Grace", "password", "twelve chars!!", "role", "member"));
    ApiResponse duplicate =
        admin.post(
            "/api/users",
            Json.of("email", email.toUpperCase(), "name", "Grace", "password", "twelve chars!!"));

    assertEquals(201, created.status(), created.body());
    assertEquals(email.toLowerCase(), created.json().getString("email"));
    assertEquals(409, duplicate.status());
    assertTrue(admin.get("/api/users").body().contains(email.toLowerCase()));
    assertEquals(200, server.anonymous().login(email, "twelve chars!!").status());
  }

  @Test
  void membersCannotManageUsers() {
    ApiClient member = team.member();

    assertEquals(403, member.get("/api/users").status());
    assertEquals(
        403,
        member
            .post(
                "/api/users",
                Json.of("email", "x@example.test", "name", "X", "password", "twelve chars!!"))
            .status());
    assertEquals(403, member.patch("/api/users/1", Json.of("role", "admin")).status());
  }

  @Test
  void deactivatingAUserEndsTheirSessionsAndTokens() {
    String email = team.newUser("member", "UTC");
    ApiClient member = team.signedIn(email);
    String token = member.post("/api/me/tokens", Json.of("name", "cli")).json().getString("token");
    long id = member.get("/api/me").id();

    ApiResponse deactivated = team.admin().patch("/api/users/" + id, Json.of("active", false));

    assertEquals(200, deactivated.status(), deactivated.body());
    assertEquals(401, member.get("/api/me").status());
    assertEquals(401, server.withToken(token).get("/api/me").status());
    assertEquals(401, server.anonymous().login(email, Team.PASSWORD).status());

    team.admin().patch("/api/users/" + id, Json.of("active", true));
    assertEquals(200, server.anonymous().login(email, Team.PASSWORD).status());
  }

  @Test
  void resettingAPasswordEndsTheUsersSessions() {
    String email = team.newUser("member", "UTC");
    ApiClient member = team.signedIn(email);
    long id = member.get("/api/me").id();

    ApiResponse reset =
        team.admin().patch("/api/users/" + id, Json.of("password", "reset by the admin"));

    assertEquals(200, reset.status(), reset.body());
    assertEquals(401, member.get("/api/me").status());
    assertEquals(200, server.anonymous().login(email, "reset by the admin").status());
  }

  @Test
  void anAdminPromotesAMemberButCannotDemoteThemself() {
    ApiClient admin = team.newAdmin();
    long adminId = admin.get("/api/me").id();
    long memberId = team.member().get("/api/me").id();

    ApiResponse promoted = admin.patch("/api/users/" + memberId, Json.of("role", "admin"));
    ApiResponse selfDemotion = admin.patch("/api/users/" + adminId, Json.of("role", "member"));
    ApiResponse selfDeactivation = admin.patch("/api/users/" + adminId, Json.of("active", false));

    assertEquals("admin", promoted.json().getString("role"));
    assertEquals(400, selfDemotion.status());
    assertEquals(400, selfDeactivation.status());
    assertEquals("admin", admin.get("/api/me").json().getString("role"));
  }

  @Test
  void anUnknownUserIs404() {
    assertEquals(404, team.admin().patch("/api/users/999999999", Json.of("name", "X")).status());
    assertEquals(404, team.admin().patch("/api/users/abc", Json.of("name", "X")).status());
  }
}
