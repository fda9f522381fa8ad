package org.timetracker.platform;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Converts what native queries answer into java.time values, whichever JDBC type arrives. */
public final class SqlValues {
  private SqlValues() {}

  public static Instant instant(Object value) {
    return switch (value) {
      case Instant instant -> instant;
      case OffsetDateTime offset -> offset.toInstant();
      case Timestamp timestamp -> timestamp.toInstant();
      default -> throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    };
  }

  /** A text[] column, however the driver hands it over. */
  public static List<String> texts(Object value) {
    try {
      Object array = value instanceof java.sql.Array sql ? sql.getArray() : value;
      return array == null ? List.of() : List.of((String[]) array);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read a text array", e);
    }
  }

  public static LocalDate date(Object value) {
    return value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
  }
}
