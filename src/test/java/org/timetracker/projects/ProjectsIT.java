package org.timetracker.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProjectsIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource URL url;
  ApiClient member;

  @BeforeEach
  void signIn() {
    member = new Team(ApiClient.of(url)).member();
  }

  @Test
  void creatingAProjectStoresEveryFieldWithDefaults() {
    ApiResponse full =
        member.post(
            "/api/projects",
            Json.of(
                "name",
                " Website ",
                "client",
                "ACME",
                "color",
                "#3B82F6",
                "hourlyRate",
                85.5,
                "billable",
                false));
    ApiResponse minimal = member.post("/api/projects", Json.of("name", "Internal"));

    assertEquals(201, full.status(), full.body());
    JsonObject project = full.json();
    assertEquals("Website", project.getString("name"));
    assertEquals("ACME", project.getString("client"));
    assertEquals("#3b82f6", project.getString("color"));
    assertEquals(85.5, project.getJsonNumber("hourlyRate").doubleValue());
    assertEquals(false, project.getBoolean("billable"));
    JsonObject defaults = minimal.json();
    assertEquals("#64748b", defaults.getString("color"));
    assertEquals(JsonValue.NULL, defaults.get("hourlyRate"));
    assertEquals(true, defaults.getBoolean("billable"));
    assertEquals("", defaults.getString("client"));
  }

  @Test
  void namesAreUniqueAmongActiveProjectsIgnoringCase() {
    member.post("/api/projects", Json.of("name", "Website"));

    ApiResponse again = member.post("/api/projects", Json.of("name", "WEBSITE"));

    assertEquals(409, again.status());
    assertEquals(1, member.get("/api/projects").array().size());
  }

  @Test
  void anArchivedProjectFreesItsNameAndLeavesTheActiveList() {
    long id = member.post("/api/projects", Json.of("name", "Old site")).id();

    ApiResponse archived = member.patch("/api/projects/" + id, Json.of("archived", true));
    ApiResponse reused = member.post("/api/projects", Json.of("name", "Old site"));

    assertEquals(200, archived.status(), archived.body());
    assertEquals(201, reused.status());
    assertEquals(1, member.get("/api/projects").array().size());
    assertEquals(1, member.get("/api/projects?archived=true").array().size());
    assertEquals(2, member.get("/api/projects?archived=all").array().size());
    assertEquals(409, member.patch("/api/projects/" + id, Json.of("archived", false)).status());
  }

  @Test
  void aPatchChangesOnlyTheFieldsItNamesAndNullClearsTheRate() {
    long id =
        member
            .post("/api/projects", Json.of("name", "Site", "client", "ACME", "hourlyRate", 90))
            .id();

    JsonObject renamed = member.patch("/api/projects/" + id, Json.of("name", "Shop")).json();
    JsonObject cleared = member.patch("/api/projects/" + id, Json.of("hourlyRate", null)).json();

    assertEquals("Shop", renamed.getString("name"));
    assertEquals("ACME", renamed.getString("client"));
    assertEquals(90, renamed.getJsonNumber("hourlyRate").intValue());
    assertEquals(JsonValue.NULL, cleared.get("hourlyRate"));
    assertEquals("ACME", cleared.getString("client"));
  }

  @Test
  void aProjectWithEntriesCannotBeDeletedButAnEmptyOneCan() {
    long used = member.post("/api/projects", Json.of("name", "Used")).id();
    long empty = member.post("/api/projects", Json.of("name", "Empty")).id();
    member.post(
        "/api/entries",
        Json.of("start", "2026-11-02T09:00:00Z", "end", "2026-11-02T10:00:00Z", "projectId", used));

    ApiResponse refused = member.delete("/api/projects/" + used);
    ApiResponse deleted = member.delete("/api/projects/" + empty);

    assertEquals(409, refused.status());
    assertTrue(refused.json().getString("message").contains("archive"));
    assertEquals(204, deleted.status());
    assertEquals(404, member.delete("/api/projects/" + empty).status());
  }

  @Test
  void ratesAndColoursAreChecked() {
    assertEquals(
        400, member.post("/api/projects", Json.of("name", "A", "hourlyRate", -1)).status());
    assertEquals(
        400, member.post("/api/projects", Json.of("name", "B", "hourlyRate", 100000.01)).status());
    assertEquals(
        400, member.post("/api/projects", Json.of("name", "C", "hourlyRate", 10.123)).status());
    assertEquals(400, member.post("/api/projects", Json.of("name", "D", "color", "red")).status());
    assertEquals(400, member.post("/api/projects", Json.of("name", "  ")).status());
    assertEquals(0, member.get("/api/projects?archived=all").array().size());
  }
}
