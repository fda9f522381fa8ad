package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.timetracker.system.Api.expect;
import static org.timetracker.system.Api.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.jaxrs.client.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.microshed.testing.jaxrs.RestClientBuilder;

/**
 * A script's view of the production stack: a personal API token and MicroShed Testing's JAX-RS
 * client, through nginx over HTTPS.
 */
@ExtendWith(ProdStack.Resolver.class)
class TokensWithMicroShedIT {
  /** The part of the API a timer script uses. */
  @Path("/")
  public interface TimerScript {
    @POST
    @Path("timer/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String start(String entry);

    @POST
    @Path("timer/stop")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String stop(String nothing);

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    String me();
  }

  private final ProdStack stack;

  TokensWithMicroShedIT(ProdStack stack) {
    this.stack = stack;
  }

  @Test
  void personalTokenDrivesTheTimer() {
    TimerScript script = scriptWithToken(createToken());

    JsonObject me = parse(script.me());
    JsonObject started = parse(script.start("{\"description\":\"started by a script\"}"));
    JsonObject stopped = parse(script.stop("{}"));

    assertEquals(ProdStack.ADMIN_EMAIL, me.getString("email"));
    assertEquals(started.getInt("id"), stopped.getInt("id"));
    assertTrue(started.isNull("end") && !stopped.isNull("end"));
  }

  private String createToken() {
    Api api = stack.newSession().signInAsAdmin();
    return json(expect(201, api.post("/api/me/tokens", "{\"name\":\"system test script\"}")))
        .getString("token");
  }

  /** MicroShed's client, pointed at the stack the tests started. */
  private TimerScript scriptWithToken(String token) {
    TimerScript script =
        new RestClientBuilder()
            .withAppContextRoot(stack.https("").toString())
            .withJaxrsPath("/api")
            .withHeader("Authorization", "Bearer " + token)
            .build(TimerScript.class);
    // MicroShed builds on CXF's client; trust this stack's certificate there.
    var tls = new TLSClientParameters();
    tls.setTrustManagers(stack.trustManagers());
    WebClient.getConfig(script).getHttpConduit().setTlsClientParameters(tls);
    return script;
  }

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }
}
