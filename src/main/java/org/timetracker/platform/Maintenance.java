package org.timetracker.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import org.timetracker.auth.LoginThrottle;
import org.timetracker.auth.Sessions;
import org.timetracker.platform.SchemaMigrations.SchemaReady;

/** Sweeps expired sessions and stale sign-in failures out of the database every hour. */
@ApplicationScoped
public class Maintenance {
  private static final System.Logger LOG = System.getLogger(Maintenance.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Sessions sessions;
  @Inject LoginThrottle throttle;

  void onSchemaReady(@Observes SchemaReady ready) {
    scheduler.scheduleWithFixedDelay(this::sweep, 1, 60, TimeUnit.MINUTES);
  }

  void sweep() {
    try {
      int expired = sessions.sweep();
      int failures = throttle.sweep();
      LOG.log(
          Level.DEBUG,
          "Swept {0} expired sessions and {1} old sign-in failures",
          expired,
          failures);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Sweeping expired sessions failed; trying again in an hour", e);
    }
  }
}
