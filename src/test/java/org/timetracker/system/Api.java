package org.timetracker.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** The JSON API through nginx over HTTPS, as one browser session uses it. */
final class Api {
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final ProdStack stack;
  private final HttpClient http;
  private String csrfToken = "";

  Api(ProdStack stack) {
    this.stack = stack;
    this.http = stack.client().cookieHandler(new CookieManager()).build();
  }

  /**
   * Signs in as the stack's first admin. Waits out nginx's sign-in limit, which other tests may
   * have used up, for at most a minute and a half.
   */
  Api signInAsAdmin() {
    Instant end = Instant.now().plus(Duration.ofSeconds(90));
    HttpResponse<String> response = trySigningInAsAdmin();
    while (response.statusCode() == 429 && Instant.now().isBefore(end)) {
      ProdStack.pause(Duration.ofSeconds(2));
      response = trySigningInAsAdmin();
    }
    expect(200, response);
    return this;
  }

  /**
   * One attempt to sign in as the stack's first admin; the session holds it when it answers 200.
   */
  HttpResponse<String> trySigningInAsAdmin() {
    String credentials =
        Json.createObjectBuilder()
            .add("email", ProdStack.ADMIN_EMAIL)
            .add("password", stack.secrets.get("admin.password"))
            .build()
            .toString();
    HttpResponse<String> response = send("POST", "/api/auth/login", credentials);
    if (response.statusCode() == 200) {
      csrfToken = json(response).getString("csrfToken");
    }
    return response;
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  HttpResponse<String> post(String path, String body) {
    return send("POST", path, body);
  }

  /** Sends a request with the session cookie and, for state changes, the CSRF header. */
  HttpResponse<String> send(String method, String path, String body) {
    var request =
        HttpRequest.newBuilder(stack.https(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (STATE_CHANGING.contains(method) && !csrfToken.isEmpty()) {
      request.header("X-CSRF-Token", csrfToken);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The response, or an AssertionError showing what came instead. */
  static HttpResponse<String> expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          response.request().method()
              + " "
              + response.uri()
              + ": expected "
              + status
              + ", got "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response;
  }

  static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }
}
