package org.timetracker.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date at start, with Flyway, before the API answers. When PostgreSQL is
 * not reachable yet the application still starts, reports itself not ready, and tries again every
 * few seconds, so a stack comes up in any order.
 *
 * <p>Future migrations are ignored, so an older version starts on a newer schema (rollback).
 */
@ApplicationScoped
public class SchemaMigrations {
  private static final System.Logger LOG = System.getLogger(SchemaMigrations.class.getName());
  private static final long RETRY_SECONDS = 3;

  @Inject
  @ConfigProperty(name = "db.url")
  String url;

  @Inject
  @ConfigProperty(name = "db.user")
  String user;

  @Inject
  @ConfigProperty(name = "db.password")
  String password;

  @Inject
  @ConfigProperty(name = "db.owner-role")
  Optional<String> ownerRole;

  @Inject Event<SchemaReady> schemaReady;

  @Resource ManagedScheduledExecutorService scheduler;

  private volatile boolean ready;
  private int failures;

  /** Fired once the schema is current; features that need tables start from here. */
  public record SchemaReady() {}

  void onStart(@Observes Startup startup) {
    migrate();
  }

  public boolean ready() {
    return ready;
  }

  private void migrate() {
    try {
      MigrateResult result = flyway().migrate();
      LOG.log(
          Level.INFO,
          "Schema at version {0} ({1} migrations applied now)",
          result.targetSchemaVersion == null
              ? result.initialSchemaVersion
              : result.targetSchemaVersion,
          result.migrationsExecuted);
      ready = true;
      schemaReady.fire(new SchemaReady());
    } catch (RuntimeException e) {
      retryLater(e);
    }
  }

  private void retryLater(RuntimeException e) {
    failures++;
    if (failures == 1) {
      LOG.log(Level.WARNING, "Schema migration failed, retrying every " + RETRY_SECONDS + " s", e);
    } else {
      LOG.log(Level.WARNING, "Schema migration failed again ({0}): {1}", failures, e.getMessage());
    }
    scheduler.schedule(this::migrate, RETRY_SECONDS, TimeUnit.SECONDS);
  }

  private Flyway flyway() {
    var config =
        Flyway.configure(SchemaMigrations.class.getClassLoader())
            .dataSource(url, user, password)
            .locations("classpath:db/migration")
            .connectRetries(0);
    // Objects belong to the owner role, not to whichever of the alternating login roles ran the
    // migration, so that both login roles can use them after a credential rotation.
    ownerRole
        .filter(role -> !role.isBlank())
        .ifPresent(role -> config.initSql("set role " + quoteIdentifier(role)));
    return config.load();
  }

  private static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
