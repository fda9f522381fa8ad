package org.timetracker.users;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Stores roles in lower case, as the API spells them. */
@Converter(autoApply = true)
public class RoleConverter implements AttributeConverter<Role, String> {

  @Override
  public String convertToDatabaseColumn(Role role) {
    return role == null ? null : role.jsonName();
  }

  @Override
  public Role convertToEntityAttribute(String value) {
    return value == null ? null : Role.valueOf(value.toUpperCase(Locale.ROOT));
  }
}
