package org.timetracker.platform.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import org.timetracker.platform.errors.ApiError;
import org.timetracker.platform.json.JsonBody;

/**
 * Refuses a declared oversized body before anything reads it; the body reader enforces the same
 * limit on bodies sent without a length.
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class BodySizeFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > JsonBody.MAX_BYTES) {
      request.abortWith(
          new ApiError("too_large", "The request body is larger than 64 KiB.")
              .toResponse(Status.REQUEST_ENTITY_TOO_LARGE));
    }
  }
}
