package org.timetracker.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The checkout a server releases from, made for a test: a clone of this repository's last commit
 * with the operator's files of the working tree on top (so the scripts under test are the ones
 * being edited), and three tagged versions. v2 adds a column with a migration, v3 adds a migration
 * that fails, so its application never becomes healthy. The repository itself is never touched.
 */
final class ServerCheckout {
  static final String V1 = "v1";
  static final String V2 = "v2";
  static final String V3 = "v3";

  /** The column v2's migration adds to entries. */
  static final String V2_COLUMN = "release_test_note";

  private static final List<String> OPERATOR_FILES = List.of("bin", "compose", "config");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

  final Path directory;

  private ServerCheckout(Path directory) {
    this.directory = directory;
  }

  static ServerCheckout create(Path repository, Path directory) throws IOException {
    git(repository.getParent(), "clone", "--quiet", repository.toString(), directory.toString());
    var checkout = new ServerCheckout(directory);
    checkout.overlayOperatorFiles(repository);
    checkout.commit("The operator's files under test");
    checkout.tag(V1);

    int next = checkout.lastMigration() + 1;
    checkout.addMigration(
        "V" + next + "__release_test_adds_a_column.sql",
        "alter table entries add column " + V2_COLUMN + " text;\n");
    checkout.tag(V2);
    checkout.addMigration(
        "V" + (next + 1) + "__release_test_fails.sql",
        "alter table release_test_no_such_table add column broken integer;\n");
    checkout.tag(V3);
    return checkout;
  }

  /** The version name release.sh gives a tag: the tag and the commit's short id. */
  String version(String tag) {
    String commit = git(directory, "rev-parse", "--short=8", tag + "^{commit}").strip();
    return tag + "-" + commit;
  }

  private void overlayOperatorFiles(Path repository) throws IOException {
    String files =
        git(
            repository,
            Stream.concat(
                    Stream.of("ls-files", "--cached", "--others", "--exclude-standard", "--"),
                    OPERATOR_FILES.stream())
                .toArray(String[]::new));
    for (String file : files.lines().toList()) {
      Path source = repository.resolve(file);
      Path target = directory.resolve(file);
      if (Files.exists(source)) {
        Files.createDirectories(target.getParent());
        Files.copy(
            source,
            target,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      } else {
        Files.deleteIfExists(target);
      }
    }
  }

  private int lastMigration() throws IOException {
    try (Stream<Path> files = Files.list(directory.resolve(MIGRATIONS))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max()
          .orElse(0);
    }
  }

  private void addMigration(String name, String sql) throws IOException {
    Files.writeString(directory.resolve(MIGRATIONS).resolve(name), sql);
    commit("Migration " + name);
  }

  private void commit(String message) {
    git(directory, "add", "--all");
    git(
        directory,
        "-c",
        "user.name=Release test",
        "-c",
        "user.email=release-test@timetracker.test",
        "commit",
        "--quiet",
        "--allow-empty",
        "--message",
        message);
  }

  private void tag(String name) {
    git(directory, "tag", name);
  }

  private static String git(Path directory, String... args) {
    String[] command = Stream.concat(Stream.of("git"), Stream.of(args)).toArray(String[]::new);
    try {
      return Command.run(directory, Map.of(), Duration.ofMinutes(2), command).orFail().output();
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("git is needed for the release tests", e);
    }
  }
}
