package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real key tools (openssl, ssh-keygen, softhsm2-util, pkcs11-tool) for tests. A missing tool skips
 * the test, except on CI ({@code CI=true}), where it fails it.
 */
final class ExternalTools {

  private ExternalTools() {}

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips (or, on CI, fails) unless every tool is on the PATH. */
  static void require(String... tools) {
    for (String tool : tools) {
      if (!onPath(tool)) {
        String message = tool + " is not on the PATH (install it: apt-get install -y openssl openssh-client putty-tools softhsm2 opensc)";
        if (onCi()) {
          fail(message + "; CI=true, so this test must not be skipped");
        }
        Assumptions.abort(message);
      }
    }
  }

  /** The running JDK's keytool, which every JDK ships (the one on the PATH may be another JDK's). */
  static String keytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
  }

  /** Runs {@code command} in {@code dir} and returns its standard output; fails on a non-zero exit. */
  static String run(Path dir, String... command) {
    return run(dir, Map.of(), command);
  }

  /** As {@link #run(Path, String...)} with extra environment variables. */
  static String run(Path dir, Map<String, String> environment, String... command) {
    try {
      Path errors = Files.createTempFile(dir, "stderr", ".txt");
      ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile())
          .redirectError(errors.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 120 s");
      }
      String err = Files.readString(errors);
      Files.delete(errors);
      if (process.exitValue() != 0) {
        fail(String.join(" ", command) + " exited with " + process.exitValue() + ": " + err);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
        return true;
      }
    }
    return false;
  }
}
