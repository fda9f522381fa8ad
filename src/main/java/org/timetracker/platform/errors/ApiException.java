package org.timetracker.platform.errors;

import jakarta.ws.rs.core.Response.Status;

/** A failure the caller caused or can act on; carries its HTTP status and a plain message. */
public class ApiException extends RuntimeException {
  private final Status status;
  private final String error;

  public ApiException(Status status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(Status.BAD_REQUEST, "bad_request", message);
  }

  public static ApiException invalid(String message) {
    return new ApiException(Status.BAD_REQUEST, "validation_failed", message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(Status.NOT_FOUND, "not_found", what + " was not found.");
  }

  public static ApiException conflict(String message) {
    return new ApiException(Status.CONFLICT, "conflict", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(Status.FORBIDDEN, "forbidden", message);
  }

  public static ApiException notSignedIn() {
    return new ApiException(Status.UNAUTHORIZED, "not_signed_in", "Please sign in.");
  }

  public Status status() {
    return status;
  }

  public String error() {
    return error;
  }
}
