package org.timetracker.platform.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import org.timetracker.platform.errors.ApiException;

/**
 * PATCH as a JSON merge patch (RFC 7396): the patch applies to the current input form of a
 * resource, and the result is checked by the same rules as a creation.
 */
@ApplicationScoped
public class MergePatch {
  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject Validator validator;

  public <R extends Record> R apply(R current, JsonObject patch, Class<R> type) {
    JsonValue merged = JSON.createMergePatch(patch).apply(JsonRecords.write(current));
    if (merged.getValueType() != JsonValue.ValueType.OBJECT) {
      throw ApiException.badRequest("The request body must be a JSON object.");
    }
    return valid(JsonRecords.read(merged.asJsonObject(), type));
  }

  public <T> T valid(T input) {
    Set<ConstraintViolation<T>> violations = validator.validate(input);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return input;
  }
}
