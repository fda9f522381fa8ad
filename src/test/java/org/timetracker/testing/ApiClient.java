package org.timetracker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

/**
 * A caller of the API over loopback: anonymous, signed in with a session cookie (and its CSRF
 * token), or with a bearer token.
 */
public final class ApiClient {
  private final URI base;
  private final HttpClient http;
  private String csrfToken;
  private String bearer;

  private ApiClient(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A client of the deployment Arquillian started, always through 127.0.0.1. */
  public static ApiClient of(URL deployment) {
    return new ApiClient(URI.create("http://127.0.0.1:" + deployment.getPort()));
  }

  public static ApiClient of(URI base) {
    return new ApiClient(base);
  }

  public URI base() {
    return base;
  }

  /** A new, anonymous client of the same server. */
  public ApiClient anonymous() {
    return new ApiClient(base);
  }

  public ApiClient withToken(String token) {
    ApiClient client = new ApiClient(base);
    client.bearer = token;
    return client;
  }

  /** Signs in and keeps the cookie and CSRF token; fails the test unless it works. */
  public ApiClient signIn(String email, String password) {
    ApiResponse response = login(email, password);
    if (response.status() != 200) {
      throw new AssertionError("Sign-in of " + email + " failed: " + response);
    }
    return this;
  }

  public ApiResponse login(String email, String password) {
    ApiResponse response = post("/api/auth/login", Json.of("email", email, "password", password));
    if (response.status() == 200) {
      csrfToken = response.json().getString("csrfToken");
    }
    return response;
  }

  public String csrfToken() {
    return csrfToken;
  }

  public ApiResponse get(String path) {
    return send("GET", path, null, Map.of());
  }

  public ApiResponse post(String path, String json) {
    return send("POST", path, json, Map.of());
  }

  public ApiResponse patch(String path, String json) {
    return send("PATCH", path, json, Map.of());
  }

  public ApiResponse put(String path, String json) {
    return send("PUT", path, json, Map.of());
  }

  public ApiResponse delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  /** Any request; the CSRF header and bearer token are added unless a header overrides them. */
  public ApiResponse send(String method, String path, String json, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (csrfToken != null && !headers.containsKey("X-CSRF-Token")) {
      request.header("X-CSRF-Token", csrfToken);
    }
    if (bearer != null && !headers.containsKey("Authorization")) {
      request.header("Authorization", "Bearer " + bearer);
    }
    headers.forEach(request::setHeader);
    return execute(request.build());
  }

  public ApiResponse execute(HttpRequest request) {
    try {
      var response = http.send(request, BodyHandlers.ofString());
      return new ApiResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
