package org.timetracker.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
class TimerIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource URL url;
  ApiClient member;

  @BeforeEach
  void signIn() {
    member = new Team(ApiClient.of(url)).member("UTC");
  }

  @Test
  void noTimerRunsAtFirst() {
    assertEquals(204, member.get("/api/timer").status());
    assertEquals(409, member.post("/api/timer/stop", null).status());
  }

  @Test
  void startingAndStoppingATimerRecordsAnEntry() throws Exception {
    long project = member.post("/api/projects", Json.of("name", "Timed")).id();

    ApiResponse started =
        member.post("/api/timer/start", Json.of("description", "Coding", "projectId", project));
    JsonObject running = member.get("/api/timer").json();
    Thread.sleep(1100);
    ApiResponse stopped = member.post("/api/timer/stop", null);

    assertEquals(201, started.status(), started.body());
    assertEquals(JsonValue.NULL, running.get("end"));
    assertEquals("Coding", running.getString("description"));
    assertEquals(200, stopped.status(), stopped.body());
    assertTrue(stopped.json().getJsonNumber("durationSeconds").longValue() >= 1);
    assertEquals(204, member.get("/api/timer").status());
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonObject listed = member.get("/api/entries?from=" + today + "&to=" + today).json();
    assertEquals(1, listed.getJsonNumber("total").intValue());
    assertEquals(
        project,
        listed.getJsonArray("items").getJsonObject(0).getJsonNumber("projectId").longValue());
  }

  @Test
  void startingAgainStopsTheRunningEntryFirst() {
    long first = member.post("/api/timer/start", Json.of("description", "one")).id();

    ApiResponse second = member.post("/api/timer/start", Json.of("description", "two"));

    assertEquals(201, second.status());
    assertEquals(second.id(), member.get("/api/timer").id());
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonObject listed = member.get("/api/entries?from=" + today + "&to=" + today).json();
    for (JsonValue item : listed.getJsonArray("items")) {
      JsonObject entry = item.asJsonObject();
      if (entry.getJsonNumber("id").longValue() == first) {
        assertTrue(!entry.isNull("end"), "the first entry was stopped");
      }
    }
  }

  @Test
  void concurrentStartsLeaveExactlyOneRunningEntry() throws Exception {
    int clients = 16;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<ApiResponse>> answers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String description = "race " + i;
      answers.add(
          pool.submit(() -> member.post("/api/timer/start", Json.of("description", description))));
    }
    for (Future<ApiResponse> answer : answers) {
      assertEquals(201, answer.get().status(), answer.get().body());
    }
    pool.shutdown();

    String email = member.get("/api/me").json().getString("email");
    try (Connection db = TestDatabase.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) filter (where end_at is null), count(*) from entries"
                    + " where user_id = (select id from users where email = ?)")) {
      query.setString(1, email);
      ResultSet rows = query.executeQuery();
      rows.next();
      assertEquals(1, rows.getInt(1), "running entries");
      assertEquals(clients, rows.getInt(2), "every start made an entry");
    }
  }

  @Test
  void aRunningEntryCanBeEditedAndStoppedByGivingItAnEnd() {
    long id = member.post("/api/timer/start", Json.of("description", "draft")).id();

    JsonObject renamed = member.patch("/api/entries/" + id, Json.of("description", "final")).json();
    ApiResponse future =
        member.patch("/api/entries/" + id, Json.of("start", "2999-01-01T00:00:00Z"));

    assertEquals("final", renamed.getString("description"));
    assertEquals(JsonValue.NULL, renamed.get("end"));
    assertEquals(400, future.status());
  }
}
