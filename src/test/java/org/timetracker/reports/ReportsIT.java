package org.timetracker.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
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
class ReportsIT {
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
  void daysFollowTheUsersTimeZoneWhenSummerTimeEnds() {
    // 25 Oct 2026: Berlin goes from UTC+2 to UTC+1 at 03:00; the day has 25 hours.
    entry("2026-10-24T22:30:00Z", "2026-10-24T23:00:00Z"); // 00:30 on the 25th, summer time
    entry("2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"); // 02:30 CEST to 02:30 CET: 1 hour
    entry("2026-10-25T22:30:00Z", "2026-10-25T22:45:00Z"); // 23:30 on the 25th, winter time

    JsonObject summary = summary("2026-10-24", "2026-10-26", "day");

    JsonArray days = summary.getJsonArray("groups");
    assertEquals(3, days.size(), "every day of the range, empty ones too");
    assertEquals(0, seconds(days.getJsonObject(0)));
    assertEquals("2026-10-25", days.getJsonObject(1).getString("key"));
    assertEquals(1800 + 3600 + 900, seconds(days.getJsonObject(1)));
    assertEquals(0, seconds(days.getJsonObject(2)));
    assertEquals(6300, summary.getJsonNumber("totalSeconds").longValue());
  }

  @Test
  void daysFollowTheUsersTimeZoneWhenSummerTimeBegins() {
    // 29 Mar 2026: Berlin goes from UTC+1 to UTC+2 at 02:00; the day has 23 hours.
    entry("2026-03-28T23:30:00Z", "2026-03-29T00:00:00Z"); // 00:30 on the 29th, winter time
    entry("2026-03-29T22:30:00Z", "2026-03-29T23:00:00Z"); // 00:30 on the 30th, summer time

    JsonArray days = summary("2026-03-29", "2026-03-30", "day").getJsonArray("groups");

    assertEquals(1800, seconds(days.getJsonObject(0)));
    assertEquals(1800, seconds(days.getJsonObject(1)));
  }

  @Test
  void projectsSumTimeBillableTimeAndAmounts() {
    long site =
        member
            .post("/api/projects", Json.of("name", "Site", "hourlyRate", 100, "billable", true))
            .id();
    long intern = member.post("/api/projects", Json.of("name", "Intern", "billable", false)).id();
    entry("2026-11-02T09:00:00Z", "2026-11-02T10:30:00Z", "projectId", site);
    entry("2026-11-02T11:00:00Z", "2026-11-02T11:20:00Z", "projectId", site, "billable", false);
    entry("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z", "projectId", intern);
    entry("2026-11-03T12:00:00Z", "2026-11-03T12:10:00Z");

    JsonObject summary = summary("2026-11-01", "2026-11-30", "project");

    assertEquals("EUR", summary.getString("currency"));
    assertEquals(5400 + 1200 + 3600 + 600, summary.getJsonNumber("totalSeconds").longValue());
    assertEquals(5400, summary.getJsonNumber("billableSeconds").longValue());
    assertEquals(150.0, summary.getJsonNumber("billableAmount").doubleValue());
    JsonArray groups = summary.getJsonArray("groups");
    assertEquals(List.of("Intern", "Site", "No project"), labels(groups));
    JsonObject siteGroup = groups.getJsonObject(1);
    assertEquals(String.valueOf(site), siteGroup.getString("key"));
    assertEquals(6600, seconds(siteGroup));
    assertEquals(150.0, siteGroup.getJsonNumber("billableAmount").doubleValue());
    assertEquals(JsonValue.NULL, groups.getJsonObject(2).get("key"));
  }

  @Test
  void aNewHourlyRatePricesTheDaysAlreadyBooked() {
    long site =
        member
            .post("/api/projects", Json.of("name", "Site", "hourlyRate", 60, "billable", true))
            .id();
    long other =
        member
            .post("/api/projects", Json.of("name", "Other", "hourlyRate", 10, "billable", true))
            .id();
    long moved = entry("2026-11-02T09:00:00Z", "2026-11-02T09:20:00Z", "projectId", site);
    entry("2026-11-02T10:00:00Z", "2026-11-02T11:30:00Z", "projectId", site);
    entry("2026-11-09T10:00:00Z", "2026-11-09T11:00:00Z", "projectId", other);
    assertEquals(List.of("110.00", "10.00"), weekAmounts());

    assertEquals(
        200,
        member
            .patch("/api/projects/" + site, Json.of("hourlyRate", new BigDecimal("99.99")))
            .status());
    assertEquals(List.of("183.32", "10.00"), weekAmounts());

    assertEquals(200, member.patch("/api/entries/" + moved, Json.of("projectId", other)).status());
    assertEquals(List.of("153.32", "10.00"), weekAmounts());

    assertEquals(
        200, member.patch("/api/projects/" + site, Json.of("hourlyRate", JsonValue.NULL)).status());
    JsonObject weeks = summary("2026-11-02", "2026-11-15", "week");
    assertEquals(List.of("3.33", "10.00"), amounts(weeks.getJsonArray("groups")));
    assertEquals("13.33", weeks.getJsonNumber("billableAmount").toString());
    assertEquals(
        "13.33",
        summary("2026-11-02", "2026-11-15", "project").getJsonNumber("billableAmount").toString());
  }

  private List<String> weekAmounts() {
    return amounts(summary("2026-11-02", "2026-11-15", "week").getJsonArray("groups"));
  }

  private static List<String> amounts(JsonArray groups) {
    List<String> amounts = new ArrayList<>();
    for (JsonValue group : groups) {
      amounts.add(group.asJsonObject().getJsonNumber("billableAmount").toString());
    }
    return amounts;
  }

  @Test
  void anEntryWithTwoTagsCountsInBothTagGroups() {
    entry("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z", "tags", List.of("a", "b"));
    entry("2026-11-02T11:00:00Z", "2026-11-02T11:30:00Z");

    JsonObject summary = summary("2026-11-02", "2026-11-02", "tag");

    assertEquals(List.of("a", "b", "No tag"), labels(summary.getJsonArray("groups")));
    assertEquals(3600, seconds(summary.getJsonArray("groups").getJsonObject(1)));
    assertEquals(5400, summary.getJsonNumber("totalSeconds").longValue(), "total counts once");
  }

  @Test
  void weeksAreKeyedByTheirMonday() {
    entry("2026-11-04T09:00:00Z", "2026-11-04T10:00:00Z");
    entry("2026-11-10T09:00:00Z", "2026-11-10T09:30:00Z");

    JsonArray weeks = summary("2026-11-01", "2026-11-15", "week").getJsonArray("groups");

    assertEquals(List.of("2026-10-26", "2026-11-02", "2026-11-09"), keys(weeks));
    assertEquals(3600, seconds(weeks.getJsonObject(1)));
    assertEquals(1800, seconds(weeks.getJsonObject(2)));
  }

  @Test
  void dayTotalsFollowEveryChangeOfTheEntriesAndOfTheTimeZone() {
    long site =
        member
            .post("/api/projects", Json.of("name", "Site", "hourlyRate", 60, "billable", true))
            .id();
    long other = member.post("/api/projects", Json.of("name", "Other")).id();
    long moved = entry("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z", "projectId", site);
    long deleted = entry("2026-11-03T09:00:00Z", "2026-11-03T09:30:00Z", "projectId", other);
    // 00:30 on the 3rd in Berlin, 23:30 on the 2nd in London.
    entry("2026-11-02T23:30:00Z", "2026-11-03T00:00:00Z", "billable", false);
    assertEquals(
        List.of(3600L, 1800L + 1800L, 0L), daySeconds(summary("2026-11-02", "2026-11-04", "day")));

    assertEquals(
        200,
        member
            .patch(
                "/api/entries/" + moved,
                Json.of(
                    "start",
                    "2026-11-04T09:00:00Z",
                    "end",
                    "2026-11-04T11:00:00Z",
                    "billable",
                    false))
            .status());
    assertEquals(204, member.delete("/api/entries/" + deleted).status());
    JsonObject berlin = summary("2026-11-02", "2026-11-04", "day");
    assertEquals(List.of(0L, 1800L, 7200L), daySeconds(berlin));
    assertEquals(0, berlin.getJsonNumber("billableSeconds").longValue());
    assertEquals(0.0, berlin.getJsonNumber("billableAmount").doubleValue());

    assertEquals(200, member.patch("/api/entries/" + moved, Json.of("billable", true)).status());
    JsonObject byProject = summary("2026-11-02", "2026-11-04", "project");
    assertEquals(List.of("Site", "No project"), labels(byProject.getJsonArray("groups")));
    assertEquals(120.0, byProject.getJsonNumber("billableAmount").doubleValue());

    assertEquals(200, member.patch("/api/me", Json.of("timeZone", "Europe/London")).status());
    assertEquals(List.of(1800L, 0L, 7200L), daySeconds(summary("2026-11-02", "2026-11-04", "day")));
  }

  @Test
  void runningEntriesAreLeftOut() {
    member.post("/api/timer/start", Json.of("description", "now"));
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).toString();

    assertEquals(0, summary(today, today, "day").getJsonNumber("totalSeconds").longValue());
  }

  @Test
  void rangesAreCheckedBeforeAnythingRuns() {
    assertEquals(400, member.get("/api/reports/summary?from=2026-01-01&to=2027-01-02").status());
    assertEquals(400, member.get("/api/reports/summary?from=2026-02-01&to=2026-01-01").status());
    assertEquals(400, member.get("/api/reports/summary?from=2026-02-30&to=2026-03-01").status());
    assertEquals(400, member.get("/api/reports/summary?from=0001-01-01&to=0001-01-02").status());
    assertEquals(
        400, member.get("/api/reports/summary?from=2026-01-01&to=2026-01-02&groupBy=x").status());
    assertEquals(400, member.get("/api/reports/summary?to=2026-01-02").status());
  }

  @Test
  void theCsvExportQuotesWhatNeedsQuotingAndDefusesFormulas() {
    long site =
        member
            .post(
                "/api/projects",
                Json.of("name", "Site, \"new\"", "client", "ACME", "hourlyRate", 80))
            .id();
    entry(
        "2026-11-02T08:00:00Z",
        "2026-11-02T09:30:00Z",
        "projectId",
        site,
        "description",
        "Line one\nline \"two\", with comma",
        "tags",
        List.of("a", "b"));
    entry("2026-11-02T10:00:00Z", "2026-11-02T10:15:00Z", "description", "=HYPERLINK(\"x\")");
    entry("2026-11-02T11:00:00Z", "2026-11-02T11:01:00Z", "description", "Zoë ✓ 😀");

    ApiResponse csv = member.get("/api/reports/entries.csv?from=2026-11-02&to=2026-11-02");

    assertEquals(200, csv.status(), csv.body());
    assertTrue(csv.header("Content-Type").startsWith("text/csv"));
    assertTrue(csv.header("Content-Type").toLowerCase().contains("charset=utf-8"));
    assertTrue(
        csv.header("Content-Disposition").contains("timetracker-2026-11-02-to-2026-11-02.csv"));
    assertTrue(
        csv.body()
            .startsWith(
                "date,start,end,duration_hours,project,client,description,tags,billable,"
                    + "hourly_rate,amount,currency\r\n"));
    List<List<String>> rows = parse(csv.body());
    assertEquals(4, rows.size());
    assertEquals(
        List.of(
            "2026-11-02",
            "09:00:00",
            "10:30:00",
            "1.50",
            "Site, \"new\"",
            "ACME",
            "Line one\nline \"two\", with comma",
            "a; b",
            "yes",
            "80.00",
            "120.00",
            "EUR"),
        rows.get(1));
    assertEquals("'=HYPERLINK(\"x\")", rows.get(2).get(6));
    assertEquals("0.00", rows.get(2).get(10));
    assertEquals("Zoë ✓ 😀", rows.get(3).get(6));
  }

  /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
  private static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    return rows;
  }

  private long entry(String start, String end, Object... more) {
    List<Object> fields = new ArrayList<>(List.of("start", start, "end", end));
    fields.addAll(List.of(more));
    ApiResponse created = member.post("/api/entries", Json.of(fields.toArray()));
    assertEquals(201, created.status(), created.body());
    return created.id();
  }

  private static List<Long> daySeconds(JsonObject summary) {
    return summary.getJsonArray("groups").getValuesAs(JsonObject.class).stream()
        .map(ReportsIT::seconds)
        .toList();
  }

  private JsonObject summary(String from, String to, String groupBy) {
    ApiResponse response =
        member.get("/api/reports/summary?from=" + from + "&to=" + to + "&groupBy=" + groupBy);
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private static long seconds(JsonObject group) {
    return group.getJsonNumber("totalSeconds").longValue();
  }

  private static List<String> labels(JsonArray groups) {
    return groups.getValuesAs(JsonObject.class).stream().map(g -> g.getString("label")).toList();
  }

  private static List<String> keys(JsonArray groups) {
    return groups.getValuesAs(JsonObject.class).stream().map(g -> g.getString("key")).toList();
  }
}
