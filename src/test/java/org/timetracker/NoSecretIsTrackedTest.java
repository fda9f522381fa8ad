package org.timetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No file that looks like a secret is in git: an .env, a key, a secrets folder, a password. */
class NoSecretIsTrackedTest {
  private static final Set<String> SOURCE_ENDINGS =
      Set.of(".java", ".sh", ".md", ".sql", ".js", ".css", ".html", ".xml", ".yml");

  @Test
  void gitTracksNoFileThatLooksLikeASecret() throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("timetracker.root", ".")).toAbsolutePath();
    assumeTrue(Files.isDirectory(root.resolve(".git")), "not a git checkout");

    Process git = new ProcessBuilder("git", "ls-files").directory(root.toFile()).start();
    List<String> files =
        new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

    assertEquals(0, git.waitFor());
    assertFalse(files.isEmpty());
    assertEquals(List.of(), files.stream().filter(NoSecretIsTrackedTest::looksSecret).toList());
  }

  @Test
  void theRuleKnowsSecretsFromTheirExamplesAndFromCode() {
    for (String secret :
        List.of(
            ".env",
            "config/.env.production",
            "secrets/db.password",
            "srv/timetracker/secrets/backup.key.20260101T000000Z",
            "tls/privkey.pem",
            "backup.key",
            "admin-password.txt")) {
      assertTrue(looksSecret(secret), secret);
    }
    for (String harmless :
        List.of(
            "config/dev.env.example",
            "bin/init-secrets.sh",
            "bin/lib/secrets.sh",
            "src/main/java/org/timetracker/auth/PasswordHasher.java",
            "docs/runbooks/secret-rotation.md")) {
      assertFalse(looksSecret(harmless), harmless);
    }
  }

  /** True for a path whose name or folder is what secrets are kept in; examples are allowed. */
  static boolean looksSecret(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String name = lower.substring(lower.lastIndexOf('/') + 1);
    if (name.endsWith(".example")) {
      return false;
    }
    boolean sourceCode = SOURCE_ENDINGS.stream().anyMatch(name::endsWith);
    return name.equals(".env")
        || name.startsWith(".env.")
        || name.endsWith(".pem")
        || name.endsWith(".key")
        || name.contains(".key.")
        || ("/" + lower).contains("/secrets/")
        || (name.contains("password") && !sourceCode);
  }
}
