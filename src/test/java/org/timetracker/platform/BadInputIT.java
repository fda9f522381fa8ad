package org.timetracker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.timetracker.testing.ApiClient;
import org.timetracker.testing.ApiResponse;
import org.timetracker.testing.Deployments;
import org.timetracker.testing.Json;
import org.timetracker.testing.Team;

/**
 * Every kind of bad input gets a 4xx with our error shape and a plain message, and stores nothing;
 * no class name, stack trace or SQL ever shows.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {
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

  @AfterEach
  void nothingWasStored() {
    assertEquals(0, member.get("/api/projects?archived=all").array().size(), "projects stored");
    assertEquals(
        0,
        member.get("/api/entries?from=1970-01-01&to=1979-12-31").json().getInt("total")
            + member.get("/api/entries?from=2020-01-01&to=2029-12-31").json().getInt("total"),
        "entries stored");
    assertEquals(0, member.get("/api/me/tokens").array().size(), "tokens stored");
  }

  @Test
  void malformedJsonIsRefused() {
    for (String body :
        List.of(
            "{",
            "{\"name\": }",
            "nonsense",
            "{\"name\": \"a\"} trailing",
            "{\"name\": \"a\",}",
            "{'name': 'a'}")) {
      refused(member.post("/api/projects", body), 400, "bad_request");
    }
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() {
    for (String body : List.of("[]", "\"text\"", "42", "null", "true")) {
      refused(member.post("/api/projects", body), 400, "bad_request");
    }
  }

  @Test
  void wrongTypesNameTheField() {
    ApiResponse number = member.post("/api/projects", Json.of("name", 42));
    ApiResponse text = member.post("/api/projects", Json.of("name", "A", "hourlyRate", "lots"));
    ApiResponse flag = member.post("/api/projects", Json.of("name", "A", "billable", "yes"));
    ApiResponse list = member.post("/api/timer/start", Json.of("tags", "not-a-list"));
    ApiResponse listItems = member.post("/api/timer/start", Json.of("tags", List.of(1, 2)));
    ApiResponse fraction = member.post("/api/timer/start", Json.of("projectId", 1.5));
    ApiResponse huge = member.post("/api/timer/start", "{\"projectId\": 1e400}");
    ApiResponse object = member.post("/api/projects", "{\"name\": {\"nested\": true}}");

    assertTrue(refused(number, 400, "bad_request").contains("'name'"));
    assertTrue(refused(text, 400, "bad_request").contains("'hourlyRate'"));
    assertTrue(refused(flag, 400, "bad_request").contains("true or false"));
    refused(list, 400, "bad_request");
    refused(listItems, 400, "bad_request");
    assertTrue(refused(fraction, 400, "bad_request").contains("whole number"));
    refused(huge, 400, "bad_request");
    refused(object, 400, "bad_request");
    assertEquals(204, member.get("/api/timer").status());
  }

  @Test
  void unknownFieldsAreRefused() {
    ApiResponse project = member.post("/api/projects", Json.of("name", "A", "owner", 1));
    ApiResponse patchTarget = member.post("/api/me/tokens", Json.of("name", "t", "scope", "all"));

    assertTrue(refused(project, 400, "bad_request").contains("'owner'"));
    refused(patchTarget, 400, "bad_request");
  }

  @Test
  void datesOutOfRangeOrMalformedAreRefused() {
    for (String start :
        List.of(
            "0000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2026-13-01T00:00:00Z",
            "2026-11-02",
            "2026-11-02T09:00:00",
            "yesterday",
            "")) {
      ApiResponse answer =
          member.post("/api/entries", Json.of("start", start, "end", "2026-11-02T10:00:00Z"));
      assertTrue(refused(answer, 400, "bad_request").contains("'start'"), start);
    }
    refused(member.get("/api/entries?from=2026-11-02&to=99999-01-01"), 400, "bad_request");
    refused(member.get("/api/entries?from=x&to=2026-11-02"), 400, "bad_request");
    refused(
        member.get("/api/entries?from=2026-11-02&to=2026-11-02&size=100000"), 400, "bad_request");
    refused(member.get("/api/entries?from=2026-11-02&to=2026-11-02&page=-1"), 400, "bad_request");
  }

  @Test
  void oversizedBodiesAreRefused() {
    String big = Json.of("name", "A", "client", "x".repeat(70_000));
    ApiResponse declared = member.post("/api/projects", big);
    ApiResponse chunked =
        member.execute(
            HttpRequest.newBuilder(member.base().resolve("/api/projects"))
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", member.csrfToken())
                .POST(
                    BodyPublishers.ofInputStream(
                        () ->
                            new java.io.ByteArrayInputStream(
                                big.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build());

    refused(declared, 413, "too_large");
    refused(chunked, 413, "too_large");
  }

  @Test
  void stringsOverTheirLimitsAreRefused() {
    refused(
        member.post("/api/projects", Json.of("name", "n".repeat(101))), 400, "validation_failed");
    refused(
        member.post("/api/timer/start", Json.of("description", "d".repeat(501))),
        400,
        "validation_failed");
    refused(
        member.post("/api/timer/start", Json.of("tags", List.of("t".repeat(41)))),
        400,
        "validation_failed");
    refused(
        member.post("/api/timer/start", Json.of("tags", java.util.Collections.nCopies(21, "t"))),
        400,
        "validation_failed");
    refused(member.post("/api/projects", Json.of("name", "line\nbreak")), 400, "validation_failed");
    assertEquals(204, member.get("/api/timer").status());
  }

  @Test
  void textThatTheDatabaseCannotStoreIsRefused() {
    refused(member.post("/api/projects", "{\"name\": \"nul\\u0000byte\"}"), 400, "bad_request");
    refused(
        member.post("/api/projects", "{\"name\": \"lone \\ud800 surrogate\"}"), 400, "bad_request");
    ApiResponse latin1 =
        member.execute(
            HttpRequest.newBuilder(member.base().resolve("/api/projects"))
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", member.csrfToken())
                .POST(
                    BodyPublishers.ofByteArray(
                        new byte[] {
                          '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xe9, '"', '}'
                        }))
                .build());
    refused(latin1, 400, "bad_request");
  }

  @Test
  void sqlAndHtmlInTextAreStoredAsPlainText() {
    String sql = "x'); drop table entries; --";
    String html = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    ApiResponse project = member.post("/api/projects", Json.of("name", sql, "client", html));

    assertEquals(201, project.status(), project.body());
    assertEquals(sql, project.json().getString("name"));
    assertEquals(html, member.get("/api/projects").array().getJsonObject(0).getString("client"));
    assertEquals(200, member.get("/api/entries?from=2026-11-02&to=2026-11-02").status());
    assertEquals(204, member.delete("/api/projects/" + project.id()).status());
  }

  @Test
  void deeplyNestedJsonIsRefused() {
    String deep = "{\"name\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

    refused(member.post("/api/projects", deep), 400, "bad_request");
  }

  @Test
  void otherMediaTypesMethodsAndRoutesGetOurErrorShape() {
    ApiResponse form =
        member.send(
            "POST",
            "/api/projects",
            "name=A",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    ApiResponse method = member.send("PUT", "/api/projects", Json.of("name", "A"), Map.of());
    ApiResponse route = member.get("/api/nowhere");
    ApiResponse badId = member.patch("/api/projects/abc", Json.of("name", "A"));

    refused(form, 415, "unsupported_media_type");
    refused(method, 405, "method_not_allowed");
    refused(route, 404, "not_found");
    refused(badId, 404, "not_found");
  }

  /** Checks the shape and the absence of internals; answers the message. */
  private static String refused(ApiResponse answer, int status, String error) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals(error, answer.error(), answer.body());
    String message = answer.json().getString("message");
    assertFalse(message.isBlank());
    for (String internal :
        List.of(
            "Exception",
            "org.",
            "java.",
            "jakarta.",
            "SQL",
            "select ",
            "at org",
            "Hibernate",
            "Yasson",
            "Parsson")) {
      assertFalse(answer.body().contains(internal), internal + " leaked: " + answer.body());
    }
    return message;
  }
}
