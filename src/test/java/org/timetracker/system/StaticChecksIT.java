package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Compose files, nginx configurations and shell scripts, checked by their own tools. */
@ExtendWith(ProdStack.Resolver.class)
class StaticChecksIT {
  private static final Map<String, String> DEV_SETTINGS =
      Map.of("POSTGRES_PASSWORD", "x", "DB_PASSWORD", "x", "ADMIN_PASSWORD", "x");

  private final ProdStack stack;

  StaticChecksIT(ProdStack stack) {
    this.stack = stack;
  }

  @Test
  void composeFilesAreValidWithoutWarnings() {
    Command.Result prod = compose(Map.of(), "compose/prod.yml");
    Command.Result dev = compose(DEV_SETTINGS, "compose/dev.yml");

    assertTrue(prod.ok() && prod.output().isBlank(), prod.output());
    assertTrue(dev.ok() && dev.output().isBlank(), dev.output());
  }

  @Test
  void bothComposeCommandsShowEveryServicesLogs() {
    stack.get(stack.https("/")); // nginx logs nothing until it serves a request
    for (List<String> program : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      String logs =
          stack.compose(program, Duration.ofMinutes(1), "logs", "--no-color").orFail().output();

      for (String service : ProdStack.SERVICES) {
        assertTrue(
            logs.matches("(?s).*" + service + "-1 +\\| .*"),
            program + " shows nothing of " + service);
      }
    }
  }

  @Test
  void nginxAcceptsBothConfigurationsInTheWebImage() {
    String image = stack.inspect(stack.container("web"), "{{.Config.Image}}");
    String tls = stack.work.resolve("tls") + ":/etc/timetracker/tls:ro";

    for (String main : List.of("/etc/nginx/nginx.conf", "/etc/nginx/nginx-tls.conf")) {
      Command.Result check =
          stack.docker(
              "run", "--rm", "--read-only", "--tmpfs", "/tmp", "-v", tls, image, "-t", "-c", main);

      assertTrue(check.ok() && check.output().contains("test is successful"), check.output());
      assertFalse(check.output().contains("[warn]"), check.output());
    }
  }

  @Test
  void nginxOnTheHostAcceptsTheConfigurationAsItsReadmeDescribes() throws IOException {
    Path prefix = Files.createTempDirectory(stack.work, "host-nginx");
    Files.createDirectory(prefix.resolve("run"));
    Files.createSymbolicLink(
        prefix.resolve("timetracker"), stack.repository.resolve("config/nginx"));
    Files.createSymbolicLink(
        prefix.resolve("nginx.conf"), stack.repository.resolve("config/nginx/nginx.conf"));
    Files.writeString(
        prefix.resolve("local.conf"),
        "listen 127.0.0.1:1;\nroot "
            + stack.repository.resolve("webapp-static")
            + ";\nset $timetracker_app 127.0.0.1:2;\n");

    Command.Result check =
        Command.run(
            prefix,
            Map.of(),
            Duration.ofSeconds(30),
            "nginx",
            "-t",
            "-p",
            prefix + "/",
            "-e",
            "stderr",
            "-c",
            prefix.resolve("nginx.conf").toString());

    assertTrue(check.ok() && check.output().contains("test is successful"), check.output());
    assertFalse(check.output().contains("[warn]"), check.output());
  }

  @Test
  void everyShellScriptIsShellcheckClean() throws IOException {
    List<String> command =
        new ArrayList<>(List.of("shellcheck", "--external-sources", "--shell=bash"));
    for (String folder : List.of("bin", "containers")) {
      try (Stream<Path> files = Files.walk(stack.repository.resolve(folder))) {
        files
            .filter(file -> file.toString().endsWith(".sh"))
            .map(file -> stack.repository.relativize(file).toString())
            .sorted()
            .forEach(command::add);
      }
    }

    Command.Result check =
        Command.run(
            stack.repository, Map.of(), Duration.ofMinutes(2), command.toArray(String[]::new));

    assertEquals(0, check.exitCode(), check.output());
  }

  private Command.Result compose(Map<String, String> settings, String file) {
    return Command.run(
        stack.repository,
        settings,
        Duration.ofMinutes(1),
        "docker",
        "compose",
        "-f",
        file,
        "config",
        "--quiet");
  }
}
