package org.timetracker.platform.json;

import jakarta.annotation.Priority;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Reads merge patches as plain JSON objects, with the same limits and messages as records. */
@Provider
@Priority(1)
@Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
public class PatchBodyReader implements MessageBodyReader<JsonObject> {

  @Override
  public boolean isReadable(Class<?> type, Type generic, Annotation[] a, MediaType media) {
    return JsonObject.class.equals(type);
  }

  @Override
  public JsonObject readFrom(
      Class<JsonObject> type,
      Type generic,
      Annotation[] annotations,
      MediaType media,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    return JsonBody.read(body);
  }
}
