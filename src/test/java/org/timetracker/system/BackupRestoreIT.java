package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** bin/backup.sh and bin/restore.sh on the test server: nothing is lost on the way back. */
@ExtendWith(Server.Resolver.class)
class BackupRestoreIT {
  private static final Duration LIMIT = Duration.ofMinutes(10);

  /** One md5 per table over all its rows in a fixed order: equal when the data is equal. */
  private static final String TABLE_CHECKSUMS =
      """
      select string_agg(relname || '=' || (xpath('/row/h/text()', query_to_xml(format(
               'select md5(coalesce(string_agg(t::text, ''|'' order by t::text), '''')) as h'
               || ' from %I.%I t', schemaname, relname), false, true, '')))[1]::text,
             ' ' order by relname)
      from pg_stat_user_tables
      """;

  private final Server server;

  BackupRestoreIT(Server server) {
    this.server = server;
  }

  @Test
  void restoreAfterTheDatabaseVolumeIsLostGivesIdenticalData() {
    server.ensureRunning();
    writeEntriesForTwoSeconds();
    String before = server.sql(TABLE_CHECKSUMS);
    String backup = backUp();

    server.compose(LIMIT, "down").orFail();
    server.docker("volume", "rm", Server.PROJECT + "_db-data");
    Command.Result restore = server.script(LIMIT, "restore.sh", backup);

    assertEquals(0, restore.exitCode(), restore.output());
    assertTrue(backup.endsWith(".dump.gpg"), "backups are encrypted with the key: " + backup);
    assertEquals(before, server.sql(TABLE_CHECKSUMS));
    assertTrue(server.healthy(), server.health());
  }

  @Test
  void restoreRefusesToReplaceADatabaseThatHoldsDataWithoutForce() {
    server.ensureRunning();
    String backup = backUp();
    writeEntriesForTwoSeconds();
    String before = server.sql(TABLE_CHECKSUMS);

    Command.Result restore = server.script(LIMIT, "restore.sh", backup);

    assertEquals(4, restore.exitCode(), restore.output());
    assertTrue(restore.output().contains("--force"), restore.output());
    assertEquals(before, server.sql(TABLE_CHECKSUMS));
  }

  @Test
  void eachBackupIsCopiedOffTheServerAndAFailedCopyIsReported() throws IOException {
    server.ensureRunning();
    Path remote = Files.createTempDirectory(server.work, "remote");

    Command.Result copied =
        server.script(
            LIMIT,
            Map.of("TT_BACKUP_COPY_COMMAND", "cp \"$1\" \"$1.sha256\" " + remote),
            "backup.sh");
    Command.Result failed =
        server.script(LIMIT, Map.of("TT_BACKUP_COPY_COMMAND", "exit 12"), "backup.sh");

    assertEquals(0, copied.exitCode(), copied.output());
    assertEquals(2, names(remote).size(), "the backup and its checksum: " + names(remote));
    assertEquals(7, failed.exitCode(), failed.output());
    assertTrue(Files.exists(Path.of(lastPath(failed))), "the backup is kept: " + failed.output());
  }

  @Test
  void retentionKeepsTheNewestOfSevenDaysFourWeeksAndSixMonths() throws IOException {
    Path folder = Files.createTempDirectory(server.work, "retention");
    Set<String> all = new TreeSet<>();
    for (var day = LocalDate.of(2026, 1, 1); day.getMonthValue() < 7; day = day.plusDays(1)) {
      all.add(backupName(day, "031500"));
    }
    all.add(backupName(LocalDate.of(2026, 6, 30), "120000"));
    for (String name : all) {
      Files.writeString(folder.resolve(name), "dump");
    }
    Map<String, String> settings = Map.of("TT_BACKUP_DIR", folder.toString());

    String dryRun = server.script(LIMIT, settings, "backup.sh", "--prune", "--dry-run").output();
    Set<String> afterDryRun = names(folder);
    server.script(LIMIT, settings, "backup.sh", "--prune").orFail();

    assertEquals(all, afterDryRun, "a dry run removes nothing");
    assertTrue(dryRun.contains("would remove " + backupName(LocalDate.of(2026, 6, 30), "031500")));
    assertEquals(
        new TreeSet<>(
            List.of(
                "timetracker-20260630T120000Z.dump", // newest; day, ISO week 27 and June
                "timetracker-20260629T031500Z.dump", // the other six days
                "timetracker-20260628T031500Z.dump", // and week 26
                "timetracker-20260627T031500Z.dump",
                "timetracker-20260626T031500Z.dump",
                "timetracker-20260625T031500Z.dump",
                "timetracker-20260624T031500Z.dump",
                "timetracker-20260621T031500Z.dump", // week 25
                "timetracker-20260614T031500Z.dump", // week 24
                "timetracker-20260531T031500Z.dump", // May
                "timetracker-20260430T031500Z.dump",
                "timetracker-20260331T031500Z.dump",
                "timetracker-20260228T031500Z.dump",
                "timetracker-20260131T031500Z.dump")), // January, the sixth month
        names(folder));
  }

  /** Runs bin/backup.sh and returns the path it printed. */
  private String backUp() {
    return lastPath(server.script(LIMIT, "backup.sh", "--reason", "test").orFail());
  }

  /** The last path a backup.sh run printed. */
  private static String lastPath(Command.Result backup) {
    return backup
        .output()
        .lines()
        .filter(line -> line.startsWith("/"))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no path in:\n" + backup.output()));
  }

  private void writeEntriesForTwoSeconds() {
    EntryWriter writer = EntryWriter.start(server);
    ProdStack.pause(Duration.ofSeconds(2));
    writer.stop();
  }

  private static String backupName(LocalDate day, String time) {
    return "timetracker-" + day.toString().replace("-", "") + "T" + time + "Z.dump";
  }

  private static Set<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return new TreeSet<>(files.map(file -> file.getFileName().toString()).toList());
    }
  }
}
