package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long sessions live and how hard sign-in is throttled. */
@ApplicationScoped
public class SessionSettings {
  @Inject
  @ConfigProperty(name = "session.idle-timeout")
  Duration idleTimeout;

  @Inject
  @ConfigProperty(name = "session.absolute-timeout")
  Duration absoluteTimeout;

  @Inject
  @ConfigProperty(name = "login.max-failures")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "login.failure-window")
  Duration failureWindow;

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public Duration absoluteTimeout() {
    return absoluteTimeout;
  }

  public int maxFailures() {
    return maxFailures;
  }

  public Duration failureWindow() {
    return failureWindow;
  }
}
