package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bin/provision.sh on a fresh Debian 13 (the base image, as a container standing in for a new
 * server), twice: the first run sets everything up, the second changes nothing. The container may
 * manage its own firewall (NET_ADMIN), which touches only its own network namespace. The Docker
 * engine is left out (--without-docker): an engine cannot start inside this container; bin/test.sh
 * installs and starts one on the test machine with the same library.
 */
class ProvisionIT {
  private static final Path REPOSITORY =
      Path.of(System.getProperty("timetracker.root", ".")).toAbsolutePath();
  private static final String ROOT_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIprovisiontest op";

  private final String container = "timetracker-provision-" + UUID.randomUUID();

  @BeforeEach
  void startFreshServer() {
    docker(
            "run",
            "--detach",
            "--name",
            container,
            "--cap-add",
            "NET_ADMIN",
            "--volume",
            REPOSITORY + ":/src:ro",
            "debian:trixie-slim",
            "sleep",
            "infinity")
        .orFail();
    inServer("mkdir -p /root/.ssh && echo '" + ROOT_KEY + "' >/root/.ssh/authorized_keys").orFail();
  }

  @AfterEach
  void removeServer() {
    docker("rm", "--force", container);
  }

  @Test
  void secondRunChangesNothingAndTheServerIsSetUp() {
    Command.Result first = inServer("/src/bin/provision.sh --without-docker");
    Command.Result second = inServer("/src/bin/provision.sh --without-docker");

    assertEquals(0, first.exitCode(), first.output());
    assertTrue(first.output().contains("changed  firewall active"), first.output());
    assertEquals(0, second.exitCode(), second.output());
    assertFalse(second.output().contains("changed"), second.output());
    assertTrue(second.output().contains("0 changes made"), second.output());

    assertTrue(inServer("id -nG deploy").orFail().output().contains("docker"));
    assertEquals(ROOT_KEY, inServer("cat /home/deploy/.ssh/authorized_keys").output().strip());
    assertEquals(
        """
        /srv/timetracker 755 deploy:deploy
        /srv/timetracker/acme 755 deploy:deploy
        /srv/timetracker/backups 700 deploy:deploy
        /srv/timetracker/secrets 700 deploy:deploy
        /srv/timetracker/state 750 deploy:deploy
        /srv/timetracker/timetracker.conf 640 deploy:deploy
        /srv/timetracker/tls 755 deploy:deploy
        """,
        inServer("stat -c '%n %a %U:%G' /srv/timetracker /srv/timetracker/*").orFail().output());
    String firewall = inServer("ufw status verbose").orFail().output();
    assertTrue(firewall.contains("Status: active"), firewall);
    assertTrue(firewall.contains("Default: deny (incoming)"), firewall);
    for (String port : new String[] {"22/tcp", "80/tcp", "443/tcp"}) {
      assertTrue(firewall.matches("(?s).*\n" + port + " +ALLOW IN +Anywhere.*"), firewall);
    }
    assertTrue(
        firewall
            .lines()
            .filter(line -> line.contains("ALLOW"))
            .allMatch(line -> line.matches("(22|80|443)/tcp .*")),
        "only SSH, 80 and 443 are let in:\n" + firewall);
    assertTrue(
        inServer("cat /etc/apt/apt.conf.d/20auto-upgrades")
            .output()
            .contains("APT::Periodic::Unattended-Upgrade \"1\";"));
    assertTrue(
        inServer("readlink /etc/systemd/system/timers.target.wants/timetracker-backup.timer")
            .output()
            .contains("timetracker-backup.timer"));
    assertTrue(
        inServer("cat /etc/systemd/system/timetracker-backup.service")
            .output()
            .contains("ExecStart=/srv/timetracker/app/bin/backup.sh"));
  }

  @Test
  void dryRunChangesNothing() {
    Command.Result dryRun = inServer("/src/bin/provision.sh --without-docker --dry-run");

    assertEquals(0, dryRun.exitCode(), dryRun.output());
    assertTrue(dryRun.output().contains("would    user deploy"), dryRun.output());
    assertFalse(inServer("id deploy").ok(), "the user was created");
    assertFalse(inServer("test -e /srv/timetracker").ok(), "/srv/timetracker was created");
  }

  private Command.Result inServer(String script) {
    return docker("exec", container, "bash", "-c", script);
  }

  private static Command.Result docker(String... args) {
    String[] command = Stream.concat(Stream.of("docker"), Stream.of(args)).toArray(String[]::new);
    return Command.run(REPOSITORY, Map.of(), Duration.ofMinutes(5), command);
  }
}
