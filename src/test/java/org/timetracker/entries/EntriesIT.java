package org.timetracker.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.List;
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

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EntriesIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource URL url;
  ApiClient member;

  @BeforeEach
  void signIn() {
    member = new Team(ApiClient.of(url)).member("Europe/Berlin");
  }

  @Test
  void aManualEntryIsStoredWithItsProjectsBillableDefault() {
    long project = member.post("/api/projects", Json.of("name", "Site", "billable", true)).id();

    ApiResponse created =
        member.post(
            "/api/entries",
            Json.of(
                "start",
                "2026-11-02T09:00:00.750Z",
                "end",
                "2026-11-02T10:30:00Z",
                "description",
                "Design review",
                "projectId",
                project,
                "tags",
                List.of(" meeting ", "Meeting", "design")));

    assertEquals(201, created.status(), created.body());
    JsonObject entry = created.json();
    assertEquals("2026-11-02T09:00:00Z", entry.getString("start"));
    assertEquals(5400, entry.getJsonNumber("durationSeconds").longValue());
    assertEquals(true, entry.getBoolean("billable"));
    assertEquals(
        List.of("meeting", "design"),
        entry.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
  }

  @Test
  void manualEntriesNeedAnEndAfterTheStartAndAtMost24Hours() {
    ApiResponse backwards =
        member.post(
            "/api/entries",
            Json.of("start", "2026-11-02T10:00:00Z", "end", "2026-11-02T09:00:00Z"));
    ApiResponse empty =
        member.post(
            "/api/entries",
            Json.of("start", "2026-11-02T10:00:00Z", "end", "2026-11-02T10:00:00Z"));
    ApiResponse tooLong =
        member.post(
            "/api/entries",
            Json.of("start", "2026-11-02T10:00:00Z", "end", "2026-11-03T10:00:01Z"));
    ApiResponse noEnd = member.post("/api/entries", Json.of("start", "2026-11-02T10:00:00Z"));
    ApiResponse fullDay =
        member.post(
            "/api/entries",
            Json.of("start", "2026-11-02T10:00:00Z", "end", "2026-11-03T10:00:00Z"));

    assertEquals(400, backwards.status());
    assertEquals("The end must be after the start.", backwards.json().getString("message"));
    assertEquals(400, empty.status());
    assertEquals(400, tooLong.status());
    assertEquals(400, noEnd.status());
    assertEquals(201, fullDay.status());
    assertEquals(1, list("2026-11-01", "2026-11-08").getJsonNumber("total").intValue());
  }

  @Test
  void listingFiltersByLocalDatesNewestFirstAndPages() {
    // 23:30 UTC on 1 Nov is 00:30 on 2 Nov in Berlin.
    post("2026-11-01T23:30:00Z", "2026-11-02T00:30:00Z", "late");
    post("2026-11-01T22:30:00Z", "2026-11-01T22:45:00Z", "still Sunday in Berlin");
    post("2026-11-03T08:00:00Z", "2026-11-03T09:00:00Z", "Tuesday");

    JsonObject monday = list("2026-11-02", "2026-11-02");
    JsonObject week = list("2026-11-02", "2026-11-08");
    JsonObject firstPage = member.get("/api/entries?from=2026-11-01&to=2026-11-08&size=2").json();
    JsonObject secondPage =
        member.get("/api/entries?from=2026-11-01&to=2026-11-08&size=2&page=1").json();

    assertEquals(1, monday.getJsonNumber("total").intValue());
    assertEquals("late", monday.getJsonArray("items").getJsonObject(0).getString("description"));
    JsonArray items = week.getJsonArray("items");
    assertEquals("Tuesday", items.getJsonObject(0).getString("description"));
    assertEquals(2, items.size());
    assertEquals(3, firstPage.getJsonNumber("total").intValue());
    assertEquals(2, firstPage.getJsonArray("items").size());
    assertEquals(1, secondPage.getJsonArray("items").size());
  }

  @Test
  void aPatchChangesOnlyWhatItNames() {
    long project = member.post("/api/projects", Json.of("name", "P")).id();
    long id = post("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z", "first").id();
    member.patch("/api/entries/" + id, Json.of("projectId", project, "tags", List.of("a")));

    JsonObject moved =
        member.patch("/api/entries/" + id, Json.of("end", "2026-11-02T11:00:00Z")).json();
    JsonObject cleared = member.patch("/api/entries/" + id, Json.of("projectId", null)).json();

    assertEquals("first", moved.getString("description"));
    assertEquals(7200, moved.getJsonNumber("durationSeconds").longValue());
    assertEquals(project, moved.getJsonNumber("projectId").longValue());
    assertEquals(JsonValue.NULL, cleared.get("projectId"));
    assertEquals("a", cleared.getJsonArray("tags").getString(0));
  }

  @Test
  void aFinishedEntryCannotLoseItsEnd() {
    long id = post("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z", "done").id();

    ApiResponse reopened = member.patch("/api/entries/" + id, Json.of("end", null));

    assertEquals(400, reopened.status());
  }

  @Test
  void deletingAnEntryRemovesIt() {
    long id = post("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z", "gone").id();

    assertEquals(204, member.delete("/api/entries/" + id).status());
    assertEquals(404, member.delete("/api/entries/" + id).status());
    assertEquals(0, list("2026-11-02", "2026-11-02").getJsonNumber("total").intValue());
  }

  @Test
  void tagsAreListedWithCountsMostUsedFirst() {
    member.post(
        "/api/entries",
        Json.of(
            "start",
            "2026-11-02T09:00:00Z",
            "end",
            "2026-11-02T10:00:00Z",
            "tags",
            List.of("meeting", "client")));
    member.post(
        "/api/entries",
        Json.of(
            "start",
            "2026-11-02T11:00:00Z",
            "end",
            "2026-11-02T12:00:00Z",
            "tags",
            List.of("meeting")));

    JsonArray tags = member.get("/api/tags").array();

    assertEquals("meeting", tags.getJsonObject(0).getString("name"));
    assertEquals(2, tags.getJsonObject(0).getInt("count"));
    assertEquals("client", tags.getJsonObject(1).getString("name"));
    assertEquals(1, tags.getJsonObject(1).getInt("count"));
  }

  @Test
  void theTimesheetSumsAWeekAndSettingACellAddsOrTrimsTime() {
    long project = member.post("/api/projects", Json.of("name", "Grid")).id();
    member.post(
        "/api/entries",
        Json.of(
            "start", "2026-11-03T08:00:00Z", "end", "2026-11-03T09:00:00Z", "projectId", project));
    member.post(
        "/api/entries",
        Json.of(
            "start", "2026-11-03T10:00:00Z", "end", "2026-11-03T10:30:00Z", "projectId", project));

    JsonObject week = member.get("/api/timesheet?week=2026-11-05").json();
    JsonObject more =
        member
            .put(
                "/api/timesheet/cell",
                Json.of("date", "2026-11-03", "projectId", project, "seconds", 3 * 3600))
            .json();
    JsonObject less =
        member
            .put(
                "/api/timesheet/cell",
                Json.of("date", "2026-11-03", "projectId", project, "seconds", 1200))
            .json();
    JsonObject empty =
        member
            .put(
                "/api/timesheet/cell",
                Json.of("date", "2026-11-04", "projectId", null, "seconds", 5400))
            .json();

    assertEquals("2026-11-02", week.getString("weekStart"));
    assertEquals(5400, cell(week, project, 1));
    assertEquals(3 * 3600, cell(more, project, 1));
    assertEquals(1200, cell(less, project, 1));
    assertEquals(
        1,
        list("2026-11-03", "2026-11-03").getJsonNumber("total").intValue(),
        "the earliest entry was shortened, the later ones removed");
    assertEquals(5400, empty.getJsonArray("totals").getJsonNumber(2).longValue());
    assertEquals(
        400,
        member
            .put(
                "/api/timesheet/cell",
                Json.of("date", "2026-11-03", "projectId", project, "seconds", 86401))
            .status());
  }

  private static long cell(JsonObject week, long project, int day) {
    for (JsonValue row : week.getJsonArray("rows")) {
      JsonObject r = row.asJsonObject();
      if (!r.isNull("projectId") && r.getJsonNumber("projectId").longValue() == project) {
        return r.getJsonArray("seconds").getJsonNumber(day).longValue();
      }
    }
    return 0;
  }

  private ApiResponse post(String start, String end, String description) {
    ApiResponse response =
        member.post(
            "/api/entries", Json.of("start", start, "end", end, "description", description));
    assertEquals(201, response.status(), response.body());
    return response;
  }

  private JsonObject list(String from, String to) {
    ApiResponse response = member.get("/api/entries?from=" + from + "&to=" + to);
    assertTrue(response.status() == 200, response.body());
    return response.json();
  }
}
