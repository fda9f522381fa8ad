package org.timetracker.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.timetracker.platform.errors.ApiException;
import org.timetracker.platform.json.JsonRecords;

/**
 * A range of the user's local dates from a query string, both ends included. Local dates become
 * instants only with the user's time zone, so a day is 23 or 25 hours long around DST changes.
 */
public record DateRange(LocalDate from, LocalDate to) {

  public static DateRange parse(String from, String to, int maxDays) {
    LocalDate start = date("from", from);
    LocalDate end = date("to", to);
    if (end.isBefore(start)) {
      throw ApiException.badRequest("'to' must not be before 'from'.");
    }
    if (ChronoUnit.DAYS.between(start, end) + 1 > maxDays) {
      throw ApiException.badRequest("The range can span at most " + maxDays + " days.");
    }
    return new DateRange(start, end);
  }

  public static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("Give '" + name + "' as a date such as 2026-12-03.");
    }
    try {
      return JsonRecords.date(value.strip());
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw ApiException.badRequest(
          "'" + name + "' must be a date between 1970 and 9999 such as 2026-12-03.");
    }
  }

  /** A whole-number query parameter within bounds, or its default when absent. */
  public static int number(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number < min || number > max) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "'" + name + "' must be a whole number from " + min + " to " + max + ".");
    }
  }

  public Instant startIn(ZoneId zone) {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the range. */
  public Instant endIn(ZoneId zone) {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }
}
