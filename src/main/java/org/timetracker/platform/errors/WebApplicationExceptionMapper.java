package org.timetracker.platform.errors;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;

/**
 * Answers the framework's own refusals (no such route, wrong method or media type, unreadable body)
 * in our error shape, keeping its status but never its internal message.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  private static final System.Logger LOG =
      System.getLogger(WebApplicationExceptionMapper.class.getName());

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    LOG.log(Level.DEBUG, "Refused a request with {0}: {1}", status, e.getMessage());

    Response answer =
        new ApiError(code(e, status), message(e, status)).toResponse(original.getStatusInfo());
    String allow = original.getHeaderString("Allow");
    return allow == null ? answer : Response.fromResponse(answer).header("Allow", allow).build();
  }

  private static String code(WebApplicationException e, int status) {
    return switch (status) {
      case 401 -> "not_signed_in";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  private static String message(WebApplicationException e, int status) {
    if (e instanceof NotAllowedException) {
      return "This address does not accept that method.";
    }
    if (e instanceof NotSupportedException) {
      return "Send the request body as JSON (Content-Type: application/json).";
    }
    return switch (status) {
      case 401 -> "Please sign in.";
      case 403 -> "You may not do this.";
      case 404 -> "There is nothing at this address.";
      case 406 -> "This address cannot answer in the format you asked for.";
      case 413 -> "The request body is too large.";
      default ->
          status >= 500
              ? "Something went wrong on our side."
              : "The request could not be read; check it against the API documentation.";
    };
  }
}
