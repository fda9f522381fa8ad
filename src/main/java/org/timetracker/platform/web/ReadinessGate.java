package org.timetracker.platform.web;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import org.timetracker.platform.SchemaMigrations;
import org.timetracker.platform.errors.ApiError;

/** Until the schema is current, the API answers 503 instead of failing on missing tables. */
@Provider
@PreMatching
@ApplicationScoped
@Priority(100)
public class ReadinessGate implements ContainerRequestFilter {
  @Inject SchemaMigrations migrations;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!migrations.ready()) {
      request.abortWith(
          Response.fromResponse(
                  new ApiError("unavailable", "timetracker is starting; try again in a moment.")
                      .toResponse(Status.SERVICE_UNAVAILABLE))
              .header("Retry-After", 5)
              .build());
    }
  }
}
