package dev.jwtsigner.bench;

import dev.jwtsigner.JwsAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl speed}, the machine's physical limit for the same key sizes (RSA-2048, RSA-4096, P-521),
 * for the table {@link Paired} prints. Not paired: it runs in another process after the Java batches, and
 * signs a short digest with no JWS around it, so its row is a reference, not a ratio to trust to 1 %.
 *
 * <pre>{@code
 * OptionalDouble us = OpensslSpeed.signMicros(JwsAlgorithm.ES512, 3);   // CPU µs per signature, if openssl runs
 * }</pre>
 */
final class OpensslSpeed {

  private OpensslSpeed() {}

  /** openssl's name for the algorithm's key: {@code rsa2048}, {@code rsa4096}, {@code ecdsap521}. */
  static String test(JwsAlgorithm alg) {
    return switch (alg) {
      case RS256 -> "rsa2048";
      case RS512 -> "rsa4096";
      case ES512 -> "ecdsap521";
    };
  }

  /** {@code OpenSSL 3.0.19 27 Jan 2026}, or empty when there is no openssl. */
  static String version() {
    String out = run("openssl", "version");
    return out == null ? "" : out.lines().findFirst().orElse("").replaceAll(" \\(Library:.*", "");
  }

  /**
   * CPU µs per signature by {@code openssl speed -mr -seconds <seconds>} on one process, from its
   * machine-readable {@code +F2}/{@code +F4} line (signs per second of user CPU time); empty when openssl is
   * missing or prints no such line.
   */
  static OptionalDouble signMicros(JwsAlgorithm alg, int seconds) {
    String out = run("openssl", "speed", "-mr", "-seconds", Integer.toString(seconds), test(alg));
    if (out == null) {
      return OptionalDouble.empty();
    }
    String prefix = alg == JwsAlgorithm.ES512 ? "+F4:" : "+F2:";
    for (String line : out.split("\n")) {
      if (line.startsWith(prefix)) {
        String[] f = line.trim().split(":"); // +F2:index:bits:sign/s:verify/s
        double perSecond = Double.parseDouble(f[3]);
        return perSecond > 0 ? OptionalDouble.of(1e6 / perSecond) : OptionalDouble.empty();
      }
    }
    return OptionalDouble.empty();
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** One table row in {@link Paired}'s format, ratio marked as not paired. */
  static String row(String name, JwsAlgorithm alg, double micros, double floorMicros) {
    return String.format(Locale.ROOT, "| %s | openssl speed %s (%s; another process, not paired) | %,.1f | %.3f× |",
        name, test(alg), version(), micros, floorMicros / micros);
  }
}
