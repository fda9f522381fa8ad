package org.timetracker.platform.errors;

import jakarta.resource.spi.ResourceAllocationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The last line: a bug answers 500 with a reference the operator can find in the log, and nothing
 * internal (class names, SQL, stack traces) reaches the caller.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final System.Logger LOG =
      System.getLogger(UnexpectedExceptionMapper.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @Context UriInfo uri;

  @Override
  public Response toResponse(Throwable e) {
    String sqlState = sqlState(e);
    if (sqlState != null && sqlState.startsWith("23")) {
      LOG.log(
          Level.INFO,
          "Refused a change that broke constraint state {0} on /{1}",
          sqlState,
          uri.getPath());
      return new ApiError(
              "conflict",
              "This conflicts with a change made at the same moment; reload and try again.")
          .toResponse(Status.CONFLICT);
    }
    if (databaseUnavailable(e, sqlState)) {
      LOG.log(Level.WARNING, "Database unreachable on /" + uri.getPath(), e);
      return new ApiError(
              "unavailable", "The database is not reachable right now; try again in a moment.")
          .toResponse(Status.SERVICE_UNAVAILABLE);
    }

    String reference = newReference();
    LOG.log(Level.ERROR, "Unexpected failure " + reference + " on /" + uri.getPath(), e);

    return new ApiError(
            "internal_error",
            "Something went wrong on our side. If it happens again, tell your operator the"
                + " reference "
                + reference
                + ".")
        .toResponse(Status.INTERNAL_SERVER_ERROR);
  }

  /**
   * Whether the database could not be reached rather than refused the request: SQLSTATE 08 (the
   * connection failed) or 57P0x (the server is shutting down or restarting), or the pool could not
   * hand out a connection at all. After a PostgreSQL restart, pooled connections hit the first two
   * once; starting a transaction on one the server closed gives the third, without any SQLSTATE.
   */
  static boolean databaseUnavailable(Throwable e, String sqlState) {
    if (sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"))) {
      return true;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ResourceAllocationException) {
        return true;
      }
    }
    return false;
  }

  /** The SQLSTATE of the first SQL exception among the causes, if any. */
  static String sqlState(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private static String newReference() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
