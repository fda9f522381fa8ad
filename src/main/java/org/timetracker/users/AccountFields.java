package org.timetracker.users;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;
import org.timetracker.platform.errors.ApiException;

/** Checks and normalises the fields of an account, with messages a person understands. */
public final class AccountFields {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private AccountFields() {}

  public static String email(String email) {
    String trimmed = email == null ? "" : email.strip();
    if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
      throw ApiException.invalid("Enter an email address such as ada@example.com.");
    }
    return trimmed.toLowerCase(Locale.ROOT);
  }

  public static String name(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()
        || trimmed.length() > 100
        || trimmed.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.invalid("The name must have 1 to 100 characters on one line.");
    }
    return trimmed;
  }

  public static ZoneId zone(String zone) {
    if (zone == null || !(ZoneId.getAvailableZoneIds().contains(zone) || zone.equals("UTC"))) {
      throw ApiException.invalid(
          "The time zone must be a name such as Europe/Berlin or America/New_York.");
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw ApiException.invalid("The time zone '" + zone + "' is unknown.");
    }
  }

  public static String currency(String code) {
    if (code == null || !CURRENCY.matcher(code).matches()) {
      throw ApiException.invalid("The currency must be a three-letter code such as EUR or USD.");
    }
    try {
      return Currency.getInstance(code).getCurrencyCode();
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("The currency code " + code + " is unknown.");
    }
  }
}
