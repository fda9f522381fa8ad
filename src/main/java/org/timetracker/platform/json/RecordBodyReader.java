package org.timetracker.platform.json;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Reads our input records field by field, for messages that name the field at fault. */
@Provider
@Priority(1)
@Consumes(MediaType.APPLICATION_JSON)
public class RecordBodyReader implements MessageBodyReader<Record> {

  @Override
  public boolean isReadable(Class<?> type, Type generic, Annotation[] a, MediaType media) {
    return type.isRecord() && type.getPackageName().startsWith("org.timetracker");
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Record readFrom(
      Class<Record> type,
      Type generic,
      Annotation[] annotations,
      MediaType media,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    return JsonRecords.read(JsonBody.read(body), (Class) type);
  }
}
