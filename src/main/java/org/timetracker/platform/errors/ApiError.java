package org.timetracker.platform.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.StatusType;

/** The body of every error answer: a stable code for programs and a message for people. */
public record ApiError(String error, String message) {

  public Response toResponse(StatusType status) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .entity(this)
        .build();
  }
}
