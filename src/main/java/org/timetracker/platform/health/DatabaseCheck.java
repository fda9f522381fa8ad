package org.timetracker.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.timetracker.platform.Database;
import org.timetracker.platform.SchemaMigrations;

/** Ready when the schema is current and PostgreSQL answers within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {
  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject SchemaMigrations migrations;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    if (!migrations.ready()) {
      return response.down().withData("schema", "not migrated yet").build();
    }
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2) ? response.up().build() : response.down().build();
    } catch (SQLException e) {
      return response.down().withData("error", "cannot connect").build();
    }
  }
}
