package org.timetracker.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program with a time limit and keeps what it printed (stdout and stderr together). */
final class Command {
  /** What a finished program left: its exit code and its output. */
  record Result(List<String> command, int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }

    /** This result, or an AssertionError naming the command and showing its output. */
    Result orFail() {
      if (!ok()) {
        throw new AssertionError(
            String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  private Command() {}

  static Result run(
      Path directory, Map<String, String> environment, Duration limit, String... args) {
    var builder = new ProcessBuilder(args).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      var output = new StringBuilder();
      Thread reader = Thread.ofVirtual().start(() -> drain(process, output));
      if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        reader.join();
        throw new AssertionError(
            String.join(" ", args) + " took longer than " + limit + ":\n" + output);
      }
      reader.join();
      return new Result(List.of(args), process.exitValue(), output.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + args[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void drain(Process process, StringBuilder output) {
    try {
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (output) {
        output.append(text);
      }
    } catch (IOException e) {
      synchronized (output) {
        output.append("(output lost: ").append(e.getMessage()).append(')');
      }
    }
  }
}
