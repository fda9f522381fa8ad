package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the containers run: users, file systems, privileges, exposure, and where secrets go. */
@ExtendWith(ProdStack.Resolver.class)
class HardeningIT {
  private final ProdStack stack;

  HardeningIT(ProdStack stack) {
    this.stack = stack;
  }

  @Test
  void everyContainerRunsUnprivilegedOnAReadOnlyRoot() {
    for (String service : ProdStack.SERVICES) {
      String container = stack.container(service);
      String user = stack.inspect(container, "{{.Config.User}}");
      String uid = stack.docker("exec", container, "id", "-u").orFail().output().strip();
      Command.Result write = stack.docker("exec", container, "touch", "/written-by-a-test");

      assertAll(
          service,
          () -> assertFalse(user.isEmpty() || user.equals("root") || user.equals("0"), user),
          () -> assertNotEquals("0", uid),
          () -> assertEquals("true", stack.inspect(container, "{{.HostConfig.ReadonlyRootfs}}")),
          () -> assertTrue(write.output().contains("Read-only file system"), write.output()),
          () -> assertEquals("[ALL]", stack.inspect(container, "{{.HostConfig.CapDrop}}")),
          () ->
              assertTrue(
                  stack
                      .inspect(container, "{{.HostConfig.SecurityOpt}}")
                      .contains("no-new-privileges")));
    }
  }

  @Test
  void noSecretInInspectImageHistoryOrLogs() throws IOException {
    List<String> places = new ArrayList<>();
    for (String service : ProdStack.SERVICES) {
      String container = stack.container(service);
      places.add(stack.docker("inspect", container).orFail().output());
      String image = stack.inspect(container, "{{.Config.Image}}");
      places.add(stack.docker("history", "--no-trunc", image).orFail().output());
      places.add(stack.docker("top", container, "-eo", "pid,args").orFail().output());
    }
    places.add(stack.compose(Duration.ofMinutes(1), "logs", "--no-color").orFail().output());
    List<String> secrets = new ArrayList<>(stack.secrets.values());
    secrets.add(privateKeyLine());

    for (String place : places) {
      for (String secret : secrets) {
        assertFalse(place.contains(secret), "a secret value appears in:\n" + place);
      }
    }
  }

  @Test
  void onlyWebIsPublishedAndTheDatabaseIsOffTheHostsNetworks() {
    String db = stack.container("db");
    String address = stack.inspect(db, "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}");
    String networks =
        stack.inspect(db, "{{range $name, $n := .NetworkSettings.Networks}}{{$name}} {{end}}");
    // Only a route lookup: nothing is sent to the address.
    String route =
        Command.run(stack.work, Map.of(), Duration.ofSeconds(10), "ip", "route", "get", address)
            .orFail()
            .output();

    assertEquals("", stack.docker("port", db).orFail().output().strip());
    assertEquals("", stack.docker("port", stack.container("app")).orFail().output().strip());
    for (String network : networks.strip().split(" ")) {
      assertEquals(
          "true",
          stack
              .docker("network", "inspect", "--format", "{{.Internal}}", network)
              .orFail()
              .output()
              .strip(),
          network);
    }
    assertFalse(
        route.contains(" dev br-") || route.contains(" dev docker"),
        "the host has a way to the database: " + route);
  }

  private String privateKeyLine() throws IOException {
    return Files.readAllLines(stack.work.resolve("tls/privkey.pem")).get(1);
  }
}
