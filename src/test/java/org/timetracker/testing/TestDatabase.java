package org.timetracker.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts one real PostgreSQL for the whole test run and hands its settings to Payara Micro the way
 * production does: as a directory of secret files, one property per file.
 */
public class TestDatabase implements LauncherSessionListener {
  /** The first admin, created by the application on its first start. */
  public static final String ADMIN_EMAIL = "admin@timetracker.test";

  public static final String ADMIN_PASSWORD = "first admin password 1";

  private static EmbeddedPostgres postgres;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (postgres != null || !Boolean.getBoolean("timetracker.integration")) {
      return;
    }
    try {
      postgres = EmbeddedPostgres.builder().start();
      createDatabase();
      Path secrets = Files.createTempDirectory("timetracker-secrets");
      // A trailing newline, as an editor would leave it, must not break the password.
      Files.writeString(secrets.resolve("db.url"), jdbcUrl());
      Files.writeString(secrets.resolve("db.user"), "timetracker\n");
      Files.writeString(secrets.resolve("db.password"), "test-password-1234\n");
      Files.writeString(secrets.resolve("admin.email"), ADMIN_EMAIL);
      Files.writeString(secrets.resolve("admin.password"), ADMIN_PASSWORD + "\n");
      System.setProperty("arq.container.micro.configuration.extraMicroOptions", "--nocluster");
      System.setProperty(
          "arq.container.micro.configuration.cmdOptions", "-Xmx512m -Dsecrets.dir=" + secrets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A superuser connection, for tests that must reach behind the API (expiry, raw checks). */
  public static Connection connect() throws SQLException {
    return postgres.getDatabase("postgres", "timetracker").getConnection();
  }

  public static String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/timetracker";
  }

  private static void createDatabase() throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create role timetracker login password 'test-password-1234'");
      s.execute("create database timetracker owner timetracker");
    }
  }
}
