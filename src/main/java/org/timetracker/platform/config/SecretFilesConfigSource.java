package org.timetracker.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Production settings: one file per property in a secrets directory (Docker mounts them under
 * /run/secrets), the file name being the property name. Trailing line breaks are dropped, since
 * editors and {@code echo} add them and PostgreSQL would then see a different password.
 *
 * <p>The directory is {@code SECRETS_DIR} from the environment, else the system property {@code
 * secrets.dir}, else /run/secrets; a missing directory simply contributes nothing. Its ordinal is
 * above environment variables, so a secret file always wins.
 */
public class SecretFilesConfigSource implements ConfigSource {
  private static final System.Logger LOG =
      System.getLogger(SecretFilesConfigSource.class.getName());
  private static final int ORDINAL = 500;

  private final Path directory;
  private final Map<String, String> values = new TreeMap<>();

  public SecretFilesConfigSource() {
    String configured = System.getenv("SECRETS_DIR");
    if (configured == null || configured.isBlank()) {
      configured = System.getProperty("secrets.dir", "/run/secrets");
    }
    this.directory = Path.of(configured);
    if (Files.isDirectory(directory)) {
      readAll();
    }
  }

  private void readAll() {
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .forEach(this::read);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the secrets in " + directory, e);
    }
  }

  private void read(Path file) {
    String name = file.getFileName().toString();
    warnIfOthersCanRead(file, name);
    try {
      values.put(name, withoutTrailingLineBreaks(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the secret " + name + " in " + directory + "; check its owner and mode", e);
    }
  }

  private static void warnIfOthersCanRead(Path file, String name) {
    try {
      if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
        LOG.log(
            Level.WARNING,
            "The secret {0} is readable by every user of this machine; make it mode 0400",
            name);
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.DEBUG, "Cannot check the permissions of secret {0}", name);
    }
  }

  static String withoutTrailingLineBreaks(String value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
      end--;
    }
    return value.substring(0, end);
  }

  @Override
  public Set<String> getPropertyNames() {
    return values.keySet();
  }

  @Override
  public String getValue(String name) {
    return values.get(name);
  }

  @Override
  public String getName() {
    return "secret files in " + directory;
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
