package org.timetracker.browser;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;

/**
 * The JSON API as a test's setup uses it: signed in with a session (and its CSRF token) or with a
 * personal token, straight to the application.
 */
final class Api {
  private final HttpClient http;
  private final String origin;
  private final String authorization;
  private String csrfToken;

  private Api(String origin, String authorization) {
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    this.origin = origin;
    this.authorization = authorization;
  }

  /** Signs in with email and password; the session cookie stays in this client. */
  static Api signIn(String origin, String email, String password) {
    var api = new Api(origin, null);
    JsonObject answer =
        api.post("/api/auth/login", json("email", email, "password", password)).asJsonObject();
    api.csrfToken = answer.getString("csrfToken");
    return api;
  }

  /** Calls the API with a personal token instead of a session. */
  static Api withToken(String origin, String token) {
    return new Api(origin, "Bearer " + token);
  }

  JsonValue get(String path) {
    return call("GET", path, null);
  }

  JsonValue post(String path, JsonObject body) {
    return call("POST", path, body);
  }

  JsonValue patch(String path, JsonObject body) {
    return call("PATCH", path, body);
  }

  /** Sends a request that must succeed (2xx); returns the JSON answer, or null for none. */
  JsonValue call(String method, String path, JsonObject body) {
    HttpResponse<String> response = send(method, path, body);
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    if (response.body().isEmpty()) {
      return null;
    }
    return Json.createReader(new StringReader(response.body())).readValue();
  }

  /** Sends a request and returns only its status, whatever it is. */
  int status(String method, String path) {
    return send(method, path, null).statusCode();
  }

  /** Sends a request and returns the raw answer, for bodies that are not JSON. */
  HttpResponse<String> send(String method, String path, JsonObject body) {
    var request =
        HttpRequest.newBuilder(URI.create(origin + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()))
            .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (csrfToken != null && !method.equals("GET")) {
      request.header("X-CSRF-Token", csrfToken);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A JSON object from name, value pairs; values are text, numbers, booleans, lists or null. */
  static JsonObject json(Object... pairs) {
    JsonObjectBuilder object = Json.createObjectBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      String name = (String) pairs[i];
      Object value = pairs[i + 1];
      switch (value) {
        case null -> object.addNull(name);
        case String text -> object.add(name, text);
        case Integer number -> object.add(name, number);
        case Long number -> object.add(name, number);
        case Double number -> object.add(name, number);
        case Boolean flag -> object.add(name, flag);
        case Collection<?> list -> object.add(name, Json.createArrayBuilder(list));
        case JsonValue json -> object.add(name, json);
        default -> throw new IllegalArgumentException("no JSON for " + value.getClass());
      }
    }
    return object.build();
  }

  static JsonArray array(JsonValue value) {
    return value.asJsonArray();
  }
}
