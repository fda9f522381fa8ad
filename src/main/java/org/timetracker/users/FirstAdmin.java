package org.timetracker.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.timetracker.auth.PasswordHasher;
import org.timetracker.auth.Passwords;
import org.timetracker.auth.SecurityLog;
import org.timetracker.platform.SchemaMigrations.SchemaReady;
import org.timetracker.platform.errors.ApiException;

/**
 * Creates the first admin from configuration when no account exists yet. There is no default
 * password: without {@code admin.email} and {@code admin.password} nobody can sign in, and the log
 * says what to set.
 */
@ApplicationScoped
public class FirstAdmin {
  private static final System.Logger LOG = System.getLogger(FirstAdmin.class.getName());

  @Inject Accounts accounts;
  @Inject PasswordHasher hasher;

  @Inject
  @ConfigProperty(name = "admin.email")
  Optional<String> email;

  @Inject
  @ConfigProperty(name = "admin.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "admin.name", defaultValue = "Admin")
  String name;

  void onSchemaReady(@Observes SchemaReady ready) {
    if (!accounts.none()) {
      return;
    }
    if (email.isEmpty() || password.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "No account exists and admin.email or admin.password is not set: set both (secret"
              + " files or ADMIN_EMAIL/ADMIN_PASSWORD) and restart to create the first admin");
      return;
    }
    create();
  }

  private void create() {
    try {
      String hash = hasher.hash(Passwords.acceptable(password.get()));
      User admin =
          accounts.create(
              AccountFields.email(email.get()),
              AccountFields.name(name),
              AccountFields.zone("UTC"),
              "EUR",
              Role.ADMIN,
              hash);
      SecurityLog.firstAdminCreated(admin.email());
    } catch (ApiException e) {
      // Another instance created it first, or the configured values break the policy.
      LOG.log(Level.WARNING, "First admin not created: {0}", e.getMessage());
    }
  }
}
