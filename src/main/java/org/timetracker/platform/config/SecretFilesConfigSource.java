package org.timetracker.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Reads one property per file from a secrets directory, without the trailing newline. */
public class SecretFilesConfigSource implements ConfigSource {
  private final Map<String, String> values = new TreeMap<>();

  public SecretFilesConfigSource() {
    String dir = System.getenv().getOrDefault("SECRETS_DIR", System.getProperty("secrets.dir", "/run/secrets"));
    Path path = Path.of(dir);
    if (!Files.isDirectory(path)) return;
    try (Stream<Path> files = Files.list(path)) {
      files.filter(Files::isRegularFile).forEach(f -> {
        try {
          values.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8).stripTrailing());
        } catch (IOException e) { throw new UncheckedIOException(e); }
      });
    } catch (IOException e) { throw new UncheckedIOException(e); }
  }

  @Override public Set<String> getPropertyNames() { return values.keySet(); }
  @Override public String getValue(String name) { return values.get(name); }
  @Override public String getName() { return "secret files"; }
  @Override public int getOrdinal() { return 500; }
}
