package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.timetracker.system.Api.json;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * nginx limits sign-in attempts per client address, whatever email they name. (The application's
 * own limit counts failures per email; every attempt here names a new one.)
 */
@ExtendWith(ProdStack.Resolver.class)
class LoginRateLimitIT {
  private final ProdStack stack;

  LoginRateLimitIT(ProdStack stack) {
    this.stack = stack;
  }

  @Test
  void rapidSignInAttemptsFromOneAddressAreThrottled() {
    Api api = stack.newSession();
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> throttled = null;

    for (int attempt = 0; attempt < 25 && throttled == null; attempt++) {
      String email = "nobody-" + UUID.randomUUID() + "@timetracker.test";
      HttpResponse<String> response =
          api.post(
              "/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"wrong password\"}");
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        throttled = response;
      }
    }

    // Other tests' sign-ins may have used part of the allowance already: some or none of the
    // attempts reach the application, and it refuses those.
    assertTrue(throttled != null, "no attempt was throttled: " + statuses);
    assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
    JsonObject error = json(throttled);
    assertEquals("too_many_attempts", error.getString("error"));
    assertEquals(60, error.getInt("retryAfterSeconds"));
    assertEquals("60", throttled.headers().firstValue("Retry-After").orElse(""));
    assertEquals("nosniff", throttled.headers().firstValue("X-Content-Type-Options").orElse(""));
  }
}
