package org.timetracker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.util.List;
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

/** No user can read, change or even learn of another user's rows: they answer like missing ones. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IsolationIT {
  private static final long MISSING = 987_654_321L;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource URL url;
  ApiClient alice;
  ApiClient mallory;
  long project;
  long entry;
  long token;

  @BeforeEach
  void aliceHasData() {
    Team team = new Team(ApiClient.of(url));
    alice = team.member("UTC");
    mallory = team.member("UTC");
    project = alice.post("/api/projects", Json.of("name", "Secret plan", "hourlyRate", 100)).id();
    entry =
        alice
            .post(
                "/api/entries",
                Json.of(
                    "start",
                    "2026-11-02T09:00:00Z",
                    "end",
                    "2026-11-02T10:00:00Z",
                    "projectId",
                    project,
                    "tags",
                    List.of("secret-tag")))
            .id();
    alice.post("/api/timer/start", Json.of("description", "Alice runs", "projectId", project));
    token = alice.post("/api/me/tokens", Json.of("name", "alice's")).id();
  }

  @Test
  void anotherUsersProjectAnswersLikeAMissingOne() {
    sameAsMissing("PATCH", "/api/projects/%d", project, "{\"name\": \"Mine now\"}");
    sameAsMissing("DELETE", "/api/projects/%d", project, null);
    assertEquals(
        "Secret plan", alice.get("/api/projects").array().getJsonObject(0).getString("name"));
  }

  @Test
  void anotherUsersEntryAnswersLikeAMissingOne() {
    sameAsMissing("PATCH", "/api/entries/%d", entry, "{\"description\": \"Mine now\"}");
    sameAsMissing("DELETE", "/api/entries/%d", entry, null);
    assertEquals(1, alice.get("/api/entries?from=2026-11-02&to=2026-11-02").json().getInt("total"));
  }

  @Test
  void anotherUsersProjectCannotBeBookedOn() {
    sameAsMissing(
        "POST",
        "/api/entries",
        project,
        "{\"start\": \"2026-11-02T09:00:00Z\", \"end\": \"2026-11-02T10:00:00Z\","
            + " \"projectId\": %d}");
    sameAsMissing("POST", "/api/timer/start", project, "{\"projectId\": %d}");
    sameAsMissing(
        "PUT",
        "/api/timesheet/cell",
        project,
        "{\"date\": \"2026-11-02\", \"projectId\": %d, \"seconds\": 3600}");
    long own =
        mallory
            .post(
                "/api/entries",
                Json.of("start", "2026-11-02T09:00:00Z", "end", "2026-11-02T10:00:00Z"))
            .id();
    sameAsMissing("PATCH", "/api/entries/" + own, project, "{\"projectId\": %d}");
    assertEquals(
        1, mallory.get("/api/entries?from=2026-11-02&to=2026-11-02").json().getInt("total"));
    assertEquals(204, mallory.get("/api/timer").status());
  }

  @Test
  void anotherUsersTokenCannotBeRevoked() {
    sameAsMissing("DELETE", "/api/me/tokens/%d", token, null);
    assertEquals(1, alice.get("/api/me/tokens").array().size());
  }

  @Test
  void listingsAndReportsShowNothingOfAnotherUser() {
    String[] reads = {
      "/api/projects?archived=all",
      "/api/entries?from=2026-01-01&to=2027-12-31",
      "/api/tags",
      "/api/timesheet?week=2026-11-02",
      "/api/reports/summary?from=2026-06-01&to=2027-05-31&groupBy=project",
      "/api/reports/summary?from=2026-06-01&to=2027-05-31&groupBy=tag",
      "/api/reports/entries.csv?from=2026-06-01&to=2027-05-31",
      "/api/me/tokens"
    };
    for (String read : reads) {
      ApiResponse answer = mallory.get(read);
      assertEquals(200, answer.status(), read);
      assertFalse(answer.body().contains("Secret plan"), read);
      assertFalse(answer.body().contains("secret-tag"), read);
      assertFalse(answer.body().contains("alice's"), read);
      assertFalse(answer.body().contains("3600"), read + " shows someone's time: " + answer.body());
    }
    assertEquals(204, mallory.get("/api/timer").status());
  }

  /**
   * The other user's id and a missing id get the same status and the same body; the id goes into
   * the path or the body wherever the format has its %d.
   */
  private void sameAsMissing(String method, String path, long othersId, String body) {
    ApiResponse others =
        mallory.send(
            method,
            String.format(path, othersId),
            body == null ? null : String.format(body, othersId),
            Map.of());
    ApiResponse missing =
        mallory.send(
            method,
            String.format(path, MISSING),
            body == null ? null : String.format(body, MISSING),
            Map.of());
    assertEquals(404, others.status(), method + " " + path + ": " + others.body());
    assertEquals(missing.status(), others.status());
    assertEquals(missing.body(), others.body());
  }
}
