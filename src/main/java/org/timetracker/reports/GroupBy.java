package org.timetracker.reports;

import java.util.Locale;
import org.timetracker.platform.errors.ApiException;

/** How a summary splits its totals. */
public enum GroupBy {
  DAY,
  WEEK,
  PROJECT,
  TAG;

  static GroupBy parse(String text) {
    if (text == null || text.isBlank()) {
      return DAY;
    }
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("'groupBy' must be day, week, project or tag.");
    }
  }

  String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
