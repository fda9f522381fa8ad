package org.timetracker.platform.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.timetracker.platform.errors.ApiException;

/**
 * Reads a request body: at most {@value #MAX_BYTES} bytes of UTF-8 JSON that form an object. An
 * empty body reads as {@code {}}.
 */
public final class JsonBody {
  public static final int MAX_BYTES = 64 * 1024;

  /** Looked up once: {@code Json.createParser} searches the class path for a provider each call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private JsonBody() {}

  public static JsonObject read(InputStream body) throws IOException {
    return parse(decode(readLimited(body)));
  }

  private static byte[] readLimited(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new ApiException(
          Status.REQUEST_ENTITY_TOO_LARGE, "too_large", "The request body is larger than 64 KiB.");
    }
    return bytes;
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("The request body is not valid UTF-8.");
    }
  }

  private static JsonObject parse(String text) {
    if (text.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw ApiException.badRequest("The request body must be a JSON object.");
      }
      JsonObject object = parser.getObject();
      if (parser.hasNext()) {
        throw ApiException.badRequest("The request body has text after its JSON object.");
      }
      return object;
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      // The parser signals malformed, truncated or too deeply nested input in several ways.
      throw ApiException.badRequest("The request body is not valid JSON.");
    }
  }
}
