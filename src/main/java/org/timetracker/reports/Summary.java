package org.timetracker.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Totals over a range of local dates, split into groups. */
public record Summary(
    LocalDate from,
    LocalDate to,
    String groupBy,
    String currency,
    long totalSeconds,
    long billableSeconds,
    BigDecimal billableAmount,
    List<Group> groups) {

  /** One group: a day, a week (its Monday), a project or a tag; a null key is "none". */
  public record Group(
      String key,
      String label,
      long totalSeconds,
      long billableSeconds,
      BigDecimal billableAmount) {}
}
